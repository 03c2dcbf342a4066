/**
 * The few GF(2^255 - 19) operations the native backend needs and libsodium does not expose:
 * reducing a 48-byte hash_to_field output (RFC 9380 §5.2, L = 48) and mapping edwards25519 y to
 * the curve25519 u-coordinate, u = (1 + y) / (1 - y) (RFC 7748 §4.1), with one inversion per
 * batch (Montgomery's trick) because BigInt inversion is the slow part.
 */

export const P25519 = (1n << 255n) - 19n;

/** Big-endian bytes to BigInt (RFC 9380 OS2IP). */
export function os2ip(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex'));
}

// Hex strings are the fastest road between bytes and BigInt in V8.
const scratch = Buffer.alloc(32);

/** Writes x (0 <= x < 2^256) as 32 little-endian bytes at out[offset]. */
export function writeLe32(x: bigint, out: Uint8Array, offset: number): void {
  scratch.write(x.toString(16).padStart(64, '0'), 'hex');
  for (let i = 0; i < 32; i++) out[offset + i] = scratch[31 - i]!;
}

/** Little-endian bytes at b[offset..offset+32) to BigInt. */
export function readLe32(b: Uint8Array, offset: number): bigint {
  for (let i = 0; i < 32; i++) scratch[i] = b[offset + 31 - i]!;
  return BigInt('0x' + scratch.toString('hex'));
}

function modPow(base: bigint, exp: bigint): bigint {
  let r = 1n;
  let b = base % P25519;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % P25519;
    b = (b * b) % P25519;
    e >>= 1n;
  }
  return r;
}

/**
 * Rewrites, in place, each 32-byte edwards25519 encoding in `points` as the curve25519
 * u-coordinate of the same point. Precondition: no point is the identity (y = 1), which holds
 * for libsodium's hash outputs because their preimage would need a discrete log.
 */
export function edwardsToMontgomeryInPlace(points: Uint8Array, count: number): void {
  const num = new Array<bigint>(count);
  const den = new Array<bigint>(count);
  const prefix = new Array<bigint>(count);
  let acc = 1n;
  for (let i = 0; i < count; i++) {
    points[i * 32 + 31]! &= 0x7f;
    const y = readLe32(points, i * 32);
    num[i] = (1n + y) % P25519;
    den[i] = (1n - y + P25519) % P25519;
    prefix[i] = acc;
    acc = (acc * den[i]!) % P25519;
  }
  let inv = modPow(acc, P25519 - 2n);
  for (let i = count - 1; i >= 0; i--) {
    const denInv = (inv * prefix[i]!) % P25519;
    inv = (inv * den[i]!) % P25519;
    writeLe32((num[i]! * denInv) % P25519, points, i * 32);
  }
}
