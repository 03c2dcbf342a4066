import { createCipheriv, createDecipheriv, scryptSync } from 'node:crypto';
import { fromBase64, toBase64 } from '../bytes/index.js';
import { ValidationError } from '../errors.js';

/**
 * A private key seed encrypted under a passphrase: scrypt (RFC 7914) derives an AES-256-GCM key.
 * The parameters travel with the ciphertext so that they can be raised later without breaking
 * old files.
 */
export interface SealedSeed {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly cipher: 'aes-256-gcm';
  readonly nonce: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/** scrypt cost: 2^15 × 8 × 1 takes ~100 ms and 32 MiB, OWASP's floor for scrypt in 2024. */
export const DEFAULT_SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

function derive(passphrase: string, salt: Uint8Array, N: number, r: number, p: number): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

/** Encrypts a seed. `rng` supplies the salt and nonce (core takes randomness as an argument). */
export function sealSeed(seed: Uint8Array, passphrase: string, rng: (n: number) => Uint8Array): SealedSeed {
  const { N, r, p } = DEFAULT_SCRYPT;
  const salt = rng(16);
  const nonce = rng(12);
  const key = derive(passphrase, salt, N, r, p);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([c.update(seed), c.final()]);
  key.fill(0);
  return {
    kdf: 'scrypt',
    N,
    r,
    p,
    salt: toBase64(salt),
    cipher: 'aes-256-gcm',
    nonce: toBase64(nonce),
    ciphertext: toBase64(ct),
    tag: toBase64(c.getAuthTag()),
  };
}

/** Decrypts a sealed seed. Throws ValidationError KEY_INVALID on a wrong passphrase or a damaged file. */
export function openSeed(sealed: SealedSeed, passphrase: string): Uint8Array {
  const salt = fromBase64(sealed.salt);
  const nonce = fromBase64(sealed.nonce);
  const ct = fromBase64(sealed.ciphertext);
  const tag = fromBase64(sealed.tag);
  if (sealed.kdf !== 'scrypt' || sealed.cipher !== 'aes-256-gcm' || !salt || !nonce || !ct || !tag) {
    throw new ValidationError('KEY_INVALID', 'sealed key file is malformed');
  }
  if (![sealed.N, sealed.r, sealed.p].every((x) => Number.isSafeInteger(x) && x > 0) || sealed.N > 1 << 22) {
    throw new ValidationError('KEY_INVALID', 'sealed key file has out-of-range scrypt parameters');
  }
  const key = derive(passphrase, salt, sealed.N, sealed.r, sealed.p);
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
  } catch (cause) {
    throw new ValidationError('KEY_INVALID', 'wrong passphrase, or the key file was altered', { cause });
  } finally {
    key.fill(0);
  }
}
