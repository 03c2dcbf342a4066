/**
 * Strings as slices of one larger text, so that a store scan can hand a million ids to the aggregate
 * without a string object each to keep (text.slice makes one, and the garbage collector would copy
 * each kept one from the young generation to the old). Hashing works on the slice in place.
 */

/** String i (0 ≤ i < length of the arrays) is `text.slice(start[i], end[i])`. */
export interface PackedStrings {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/**
 * FNV-1a over the length and the last `tail` characters of `text.slice(start, end)`. Ids end in their
 * random part (`…|incident--<uuid>`), so the tail carries the entropy; two strings that differ only
 * before it collide and cost one more comparison, never a wrong answer.
 */
export function hashSlice(text: string, start: number, end: number, tail: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  for (let i = end - start > tail ? end - tail : start; i < end; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h | 0;
}

/**
 * Whether `s` equals `text.slice(start, end)`. The slice V8 makes is a view (no copy) that dies young,
 * and its `===` is a native comparison: several times faster here than `text.startsWith(s, start)` or
 * a charCodeAt loop.
 */
export function equalsSlice(s: string, text: string, start: number, end: number): boolean {
  return s.length === end - start && text.slice(start, end) === s;
}

/**
 * A copy of `s` that holds no reference to a larger string: V8 makes a slice of a long string a view
 * into it, and a view kept in a long-lived table would keep a whole scan page alive.
 */
export function detachedCopy(s: string): string {
  return s.length < 13 ? s : Array.from(s).join('');
}

/** Most characters of a key that SliceMap hashes (keys are ids and short lists; see hashSlice). */
const KEY_TAIL = 16;

/** A small string-keyed table that can also be probed with a slice of a text (open addressing). */
export class SliceMap<T> {
  private readonly keyList: string[] = [];
  private readonly values: T[] = [];
  private slots = new Int32Array(64).fill(-1);
  private hashes = new Int32Array(64);

  get size(): number {
    return this.keyList.length;
  }

  /** The keys, in the order they were added. */
  keys(): string[] {
    return [...this.keyList];
  }

  /** The value of the key equal to `text.slice(start, end)`, or undefined. */
  getSlice(text: string, start: number, end: number): T | undefined {
    const h = hashSlice(text, start, end, KEY_TAIL);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.slots[i]!;
      if (k < 0) return undefined;
      if (this.hashes[i] === h && equalsSlice(this.keyList[k]!, text, start, end)) return this.values[k];
    }
  }

  get(key: string): T | undefined {
    return this.getSlice(key, 0, key.length);
  }

  /** Adds `key`; precondition: it is not in the map. Keep `key` detached (detachedCopy) if it is a slice. */
  add(key: string, value: T): void {
    if ((this.keyList.length + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.place(this.keyList.length, hashSlice(key, 0, key.length, KEY_TAIL));
    this.keyList.push(key);
    this.values.push(value);
  }

  private place(k: number, h: number): void {
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    this.slots[i] = k;
    this.hashes[i] = h;
  }

  private rehash(size: number): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    for (let j = 0; j < slots.length; j++) if (slots[j]! >= 0) this.place(slots[j]!, hashes[j]!);
  }
}
