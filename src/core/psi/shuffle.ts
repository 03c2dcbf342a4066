import type { Rng } from './group.types.js';

/**
 * A uniformly random permutation of 0..n-1 (Fisher–Yates, Knuth vol. 2 §3.4.2, algorithm P),
 * drawing from `rng`. Rejection sampling keeps each index unbiased; randomness is fetched in
 * bulk because one rng call per index dominates the cost at 100,000 entries.
 */
export function randomPermutation(n: number, rng: Rng): Uint32Array {
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const draw = uint32Source(rng);
  for (let i = n - 1; i > 0; i--) {
    const bound = i + 1;
    // Largest multiple of bound below 2^32: values at or above it would bias the modulo.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
    let x: number;
    do x = draw();
    while (x >= limit);
    const j = x % bound;
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

function uint32Source(rng: Rng): () => number {
  let buf: Uint8Array = new Uint8Array(0);
  let pos = 0;
  return () => {
    if (pos + 4 > buf.length) {
      buf = rng(4096);
      pos = 0;
    }
    const x = (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0;
    pos += 4;
    return x;
  };
}

/** Returns packed `elements` (size bytes each) reordered so that out[k] = elements[perm[k]]. */
export function permutePacked(elements: Uint8Array, perm: Uint32Array, size: number): Uint8Array {
  const out = new Uint8Array(elements.length);
  for (let k = 0; k < perm.length; k++) {
    const from = perm[k]! * size;
    out.set(elements.subarray(from, from + size), k * size);
  }
  return out;
}
