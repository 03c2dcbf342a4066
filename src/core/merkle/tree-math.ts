/**
 * Integer helpers for tree sizes and leaf indices up to 2^53 - 1. JavaScript's bitwise operators
 * work on 32 bits only, so these use arithmetic on exact doubles instead.
 * @internal
 */

const TWO_32 = 2 ** 32;

/** True when `n` is a safe integer >= 0. */
export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** floor(log2(x)) for 1 <= x <= 2^53 - 1. */
export function floorLog2(x: number): number {
  return x >= TWO_32 ? 32 + floorLog2(Math.floor(x / TWO_32)) : 31 - Math.clz32(x);
}

/** The number of trailing zero bits of x >= 1. */
export function trailingZeros(x: number): number {
  const low = x % TWO_32;
  if (low === 0) return 32 + trailingZeros(Math.floor(x / TWO_32));
  return 31 - Math.clz32(low & -low);
}

/** True when x is 2^k for some k >= 0. */
export function isPowerOfTwo(x: number): boolean {
  return x >= 1 && 2 ** trailingZeros(x) === x;
}

/** floor(x / 2), the `>> 1` of RFC 9162's verification algorithms. */
export function half(x: number): number {
  return Math.floor(x / 2);
}
