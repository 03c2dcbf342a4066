/**
 * Password hashing for TAXII HTTP Basic: scrypt with a random salt, stored as
 * `scrypt$N$r$p$<salt base64>$<hash base64>` so that parameters can be raised later without
 * breaking stored hashes. Bearer tokens are random and stored as their SHA-256 only.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  pw: string,
  salt: Buffer,
  keylen: number,
  opts: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export const DEFAULT_PASSWORD_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const MAXMEM = 256 * 1024 * 1024;

export async function hashPassword(password: string, params = DEFAULT_PASSWORD_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LEN, { ...params, maxmem: MAXMEM });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when the password matches the stored hash; false for a malformed hash. Timing-safe. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const want = Buffer.from(m[5]!, 'base64');
  const got = await scrypt(password, Buffer.from(m[4]!, 'base64'), want.length, { N, r, p, maxmem: MAXMEM });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A new bearer token: 32 random bytes, base64url, with a prefix that secret scanners recognise. */
export function newToken(): string {
  return `parley_taxii_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A cache key for a verified Basic credential; never the password itself. */
export function credentialKey(user: string, password: string): string {
  return createHash('sha256').update(`${user.length}:${user}:${password}`, 'utf8').digest('hex');
}
