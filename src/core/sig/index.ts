/**
 * The one door to node:crypto and libsodium for the rest of core: Ed25519 signing and verification, SHA-256,
 * timing-safe comparison.
 */
export {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  ED25519_SEED_BYTES,
  type Ed25519KeyPair,
  type PrivateKey,
  generateKeyPair,
  keyPairFromSeed,
  exportPrivateSeed,
  sign,
  verify,
} from './ed25519.js';
export { sha256, sha1, equalBytes, secureRandomBytes } from './digest.js';
export { sealSeed, openSeed, DEFAULT_SCRYPT, type SealedSeed } from './seal.js';
export { sha512 } from './digest.js';
