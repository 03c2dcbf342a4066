/**
 * Containment lookup over CIDR ranges: the ranges are cut into disjoint elementary segments, each with
 * the precomputed list of ranges covering it, and a lookup is one binary search over segment starts.
 * CIDR ranges are either nested or disjoint, so one stack sweep builds every segment's list, and
 * overlapping designations (a /8 and a /24 inside it, or the same range twice) each report.
 * `words` is 1 for IPv4 and 4 for IPv6; addresses are big-endian 32-bit words. Everything is kept in
 * flat typed arrays: one small typed array per range made building 100,000 ranges GC-bound.
 */
export interface RangeInput<T> {
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
  readonly payload: T;
}

const EMPTY: readonly never[] = Object.freeze([]);

function cmp(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const x = a[ai + w]!;
    const y = b[bi + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export class RangeIndex<T> {
  readonly words: number;
  private readonly starts: Uint32Array;
  private readonly lists: (readonly T[])[];

  constructor(words: number, ranges: readonly RangeInput<T>[]) {
    this.words = words;
    const n = ranges.length;
    const lo = new Uint32Array(n * words);
    const hi = new Uint32Array(n * words);
    // Candidate segment starts: every lo, and every hi + 1 that does not wrap past the top.
    const pts = new Uint32Array(2 * n * words);
    let np = 0;
    ranges.forEach((r, i) => {
      for (let w = 0; w < words; w++) {
        lo[i * words + w] = r.lo[w]!;
        hi[i * words + w] = r.hi[w]!;
        pts[np * words + w] = r.lo[w]!;
      }
      np++;
      let carry = 1;
      for (let w = words - 1; w >= 0; w--) {
        const v = r.hi[w]! + carry;
        pts[np * words + w] = v >>> 0;
        carry = v > 0xffffffff ? 1 : 0;
      }
      if (carry === 0) np++;
    });
    const pOrder = Array.from({ length: np }, (_, i) => i).sort((a, b) =>
      cmp(pts, a * words, pts, b * words, words),
    );
    const uniq: number[] = [];
    for (const p of pOrder)
      if (uniq.length === 0 || cmp(pts, p * words, pts, uniq[uniq.length - 1]! * words, words) !== 0)
        uniq.push(p);
    // Outer ranges first at equal starts, so that the innermost is always on top of the stack.
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => cmp(lo, a * words, lo, b * words, words) || cmp(hi, b * words, hi, a * words, words),
    );
    this.starts = new Uint32Array(uniq.length * words);
    this.lists = new Array<readonly T[]>(uniq.length);
    const stack: number[] = [];
    let r = 0;
    let shared: readonly T[] = EMPTY;
    for (let k = 0; k < uniq.length; k++) {
      const b = uniq[k]! * words;
      let dirty = false;
      for (let w = 0; w < words; w++) this.starts[k * words + w] = pts[b + w]!;
      while (stack.length > 0 && cmp(hi, stack[stack.length - 1]! * words, pts, b, words) < 0) {
        stack.pop();
        dirty = true;
      }
      for (; r < n && cmp(lo, order[r]! * words, pts, b, words) === 0; r++) {
        stack.push(order[r]!);
        dirty = true;
      }
      // Consecutive segments with the same cover share one frozen list.
      if (dirty) shared = stack.length === 0 ? EMPTY : Object.freeze(stack.map((i) => ranges[i]!.payload));
      this.lists[k] = shared;
    }
  }

  get segments(): number {
    return this.lists.length;
  }

  /** Index of the segment holding the address addr[0..words), or -1 below the first start. */
  private segmentOf(addr: ArrayLike<number>): number {
    const words = this.words;
    const s = this.starts;
    let lo = 0;
    let hi = this.lists.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(s, mid * words, addr, 0, words) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Every range containing the address (outermost first). The result is shared: do not mutate. */
  lookup(addr: ArrayLike<number>): readonly T[] {
    const k = this.segmentOf(addr);
    return k < 0 ? EMPTY : this.lists[k]!;
  }

  /** IPv4 fast path on a plain number (words = 1). */
  lookup32(x: number): readonly T[] {
    const s = this.starts;
    let lo = 0;
    let hi = this.lists.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? EMPTY : this.lists[found]!;
  }

  /** Every range overlapping [lo, hi] (contained in it, containing it or crossing it), without duplicates. */
  overlapping(lo: ArrayLike<number>, hi: ArrayLike<number>): T[] {
    const first = Math.max(0, this.segmentOf(lo));
    const last = this.segmentOf(hi);
    const out = new Set<T>();
    for (let k = first; k <= last; k++) for (const p of this.lists[k]!) out.add(p);
    return [...out];
  }
}
