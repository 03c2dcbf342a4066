import sodium from 'sodium-native';
import { ValidationError } from '../errors.js';

/** Raw Ed25519 public keys are 32 bytes (RFC 8032 §5.1.5). */
export const ED25519_PUBLIC_KEY_BYTES = 32;
/** Ed25519 signatures are 64 bytes (RFC 8032 §5.1.6). */
export const ED25519_SIGNATURE_BYTES = 64;
export const ED25519_SEED_BYTES = 32;

/**
 * An Ed25519 private key held in libsodium's guarded memory (mlock'd, zeroed when freed).
 * Opaque on purpose: only this module reads it.
 */
export interface PrivateKey {
  readonly __brand: 'parley-ed25519-private-key';
}

interface HeldKey extends PrivateKey {
  secretKey: Buffer;
}

export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: PrivateKey;
}

// Why libsodium rather than node:crypto: on this project's 2-core machine OpenSSL 3's Ed25519
// verifies ~12,500 signatures/s and signs ~31,000/s, libsodium ~21,000 and ~48,000 — and the
// receive path must verify 12,000 envelopes/s end to end. Both implement RFC 8032; a test
// checks that each verifies the other's signatures.

function fromSeed(seed: Uint8Array): Ed25519KeyPair {
  const pk = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
  const sk = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  sodium.crypto_sign_seed_keypair(pk, sk, Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength));
  const held: HeldKey = { __brand: 'parley-ed25519-private-key', secretKey: sk };
  return { publicKey: new Uint8Array(pk), privateKey: held };
}

/** Generates a fresh key pair from libsodium's CSPRNG (the operating system's). */
export function generateKeyPair(): Ed25519KeyPair {
  const seed = sodium.sodium_malloc(ED25519_SEED_BYTES);
  sodium.randombytes_buf(seed);
  try {
    return fromSeed(seed);
  } finally {
    sodium.sodium_memzero(seed);
  }
}

/** Rebuilds a key pair from its 32-byte seed (the RFC 8032 §5.1.5 private key). Throws KEY_INVALID. */
export function keyPairFromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== ED25519_SEED_BYTES) {
    throw new ValidationError('KEY_INVALID', `ed25519 seed must be 32 bytes, got ${seed.length}`);
  }
  return fromSeed(seed);
}

/** The 32-byte seed of a private key, for writing the key file. The caller should zero it after use. */
export function exportPrivateSeed(privateKey: PrivateKey): Uint8Array {
  return new Uint8Array((privateKey as HeldKey).secretKey.subarray(0, ED25519_SEED_BYTES));
}

/** Signs `message` with Ed25519 (RFC 8032 §5.1.6, pure Ed25519, no pre-hash). */
export function sign(privateKey: PrivateKey, message: Uint8Array): Uint8Array {
  const sig = Buffer.alloc(ED25519_SIGNATURE_BYTES);
  sodium.crypto_sign_detached(sig, toBuffer(message), (privateKey as HeldKey).secretKey);
  return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
}

/**
 * Verifies an Ed25519 signature (RFC 8032 §5.1.7, with libsodium's stricter checks: canonical
 * S, no small-order keys or R). Returns false for any bad input — wrong lengths, non-canonical
 * encodings, a bad signature — and never throws on attacker data.
 */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES)
    return false;
  try {
    return sodium.crypto_sign_verify_detached(toBuffer(signature), toBuffer(message), toBuffer(publicKey));
  } catch {
    return false;
  }
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
