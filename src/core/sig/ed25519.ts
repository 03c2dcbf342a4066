import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { ValidationError } from '../errors.js';

/** Raw Ed25519 public keys are 32 bytes (RFC 8032 §5.1.5). */
export const ED25519_PUBLIC_KEY_BYTES = 32;
/** Ed25519 signatures are 64 bytes (RFC 8032 §5.1.6). */
export const ED25519_SIGNATURE_BYTES = 64;

// DER prefixes of the SPKI and PKCS#8 wrappings of a raw Ed25519 key (RFC 8410 §4, §7).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A key pair whose private half never leaves this object except through `exportPrivateSeed`. */
export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: KeyObject;
}

/** Generates a fresh Ed25519 key pair from the operating system's CSPRNG. */
export function generateKeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: rawPublicKey(publicKey) };
}

/** Rebuilds a key pair from its 32-byte seed (RFC 8032 §5.1.5 private key). Throws KEY_INVALID. */
export function keyPairFromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== 32) throw new ValidationError('KEY_INVALID', `ed25519 seed must be 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

/** The 32-byte seed of a private key, for writing the key file. */
export function exportPrivateSeed(privateKey: KeyObject): Uint8Array {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return new Uint8Array(der.subarray(der.length - 32));
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

const publicKeyCache = new Map<string, KeyObject>();

/** Turns a raw 32-byte public key into a KeyObject (cached: verifying hot paths reuse keys). */
export function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new ValidationError('KEY_INVALID', `ed25519 public key must be 32 bytes, got ${raw.length}`);
  }
  const id = Buffer.from(raw).toString('hex');
  let key = publicKeyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    if (publicKeyCache.size > 10_000) publicKeyCache.clear();
    publicKeyCache.set(id, key);
  }
  return key;
}

/** Signs `message` with Ed25519 (RFC 8032 §5.1.6, pure Ed25519, no pre-hash). */
export function sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(nodeSign(null, message, privateKey));
}

/**
 * Verifies an Ed25519 signature (RFC 8032 §5.1.7). Returns false for any bad input — a wrong
 * length, a non-canonical encoding or a bad signature — and never throws on attacker data.
 */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return nodeVerify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}
