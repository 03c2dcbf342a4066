/**
 * Containment lookup over CIDR ranges: the ranges are cut into disjoint elementary segments, each with
 * the precomputed list of ranges covering it, and a lookup is one binary search over segment starts.
 * CIDR ranges are either nested or disjoint, so one stack sweep builds every segment's list, and
 * overlapping designations (a /8 and a /24 inside it, or the same range twice) each report.
 * `words` is 1 for IPv4 and 4 for IPv6; addresses are big-endian 32-bit words.
 */
export interface RangeInput<T> {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly payload: T;
}

const EMPTY: readonly never[] = Object.freeze([]);

function compareAt(a: Uint32Array, ai: number, b: Uint32Array, bi: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const x = a[ai + w]!;
    const y = b[bi + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** a + 1 into out; returns false on overflow past the top of the address space. */
function increment(a: Uint32Array, out: Uint32Array): boolean {
  out.set(a);
  for (let w = out.length - 1; w >= 0; w--) {
    out[w] = (out[w]! + 1) >>> 0;
    if (out[w] !== 0) return true;
  }
  return false;
}

export class RangeIndex<T> {
  readonly words: number;
  private readonly starts: Uint32Array;
  private readonly lists: (readonly T[])[];

  constructor(words: number, ranges: readonly RangeInput<T>[]) {
    this.words = words;
    const points: Uint32Array[] = [];
    for (const r of ranges) {
      points.push(r.lo);
      const next = new Uint32Array(words);
      if (increment(r.hi, next)) points.push(next);
    }
    points.sort((a, b) => compareAt(a, 0, b, 0, words));
    const uniq = points.filter((p, i) => i === 0 || compareAt(p, 0, points[i - 1]!, 0, words) !== 0);
    // Outer ranges first at equal starts, so that the innermost is always on top of the stack.
    const order = [...ranges].sort(
      (a, b) => compareAt(a.lo, 0, b.lo, 0, words) || compareAt(b.hi, 0, a.hi, 0, words),
    );
    this.starts = new Uint32Array(uniq.length * words);
    this.lists = new Array<readonly T[]>(uniq.length);
    const stack: RangeInput<T>[] = [];
    let r = 0;
    let shared: readonly T[] = EMPTY;
    let dirty = false;
    uniq.forEach((b, k) => {
      this.starts.set(b, k * words);
      while (stack.length > 0 && compareAt(stack[stack.length - 1]!.hi, 0, b, 0, words) < 0) {
        stack.pop();
        dirty = true;
      }
      for (; r < order.length && compareAt(order[r]!.lo, 0, b, 0, words) === 0; r++) {
        stack.push(order[r]!);
        dirty = true;
      }
      // Consecutive segments with the same cover share one frozen list.
      if (dirty) shared = stack.length === 0 ? EMPTY : Object.freeze(stack.map((x) => x.payload));
      dirty = false;
      this.lists[k] = shared;
    });
  }

  get segments(): number {
    return this.lists.length;
  }

  /** Index of the segment holding the address at addr[off..off+words), or -1 below the first start. */
  private segmentOf(addr: Uint32Array, off: number): number {
    const words = this.words;
    const s = this.starts;
    let lo = 0;
    let hi = this.lists.length - 1;
    let found = -1;
    if (words === 1) {
      const x = addr[off]!;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (s[mid]! <= x) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareAt(s, mid * words, addr, off, words) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Every range containing the address (outermost first). The result is shared: do not mutate. */
  lookup(addr: Uint32Array): readonly T[] {
    const k = this.segmentOf(addr, 0);
    return k < 0 ? EMPTY : this.lists[k]!;
  }

  /** IPv4 fast path on a plain number. */
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
  overlapping(lo: Uint32Array, hi: Uint32Array): T[] {
    const first = Math.max(0, this.segmentOf(lo, 0));
    const last = this.segmentOf(hi, 0);
    const out = new Set<T>();
    for (let k = first; k <= last; k++) for (const p of this.lists[k]!) out.add(p);
    return [...out];
  }
}
