/**
 * A string-id → record-index table with open addressing over one typed array. A Map<string, number> of
 * a million incident ids costs more than the rest of a recompute together (hidden-class growth and GC);
 * this keeps each slot's record index and id hash side by side in an Int32Array (one cache line per
 * probe) and compares ids only on a hash hit. Ids may be probed as slices of a larger text.
 */
import { hashSlice } from './packed-strings.js';

/** Characters of an id that are hashed, from its end (see hashSlice): all of `…|incident--<uuid>`. */
const ID_TAIL = 48;

/** `equals(r, text, start, end)`: whether record r's id is `text.slice(start, end)`. */
export type IdEquals = (record: number, text: string, start: number, end: number) => boolean;

export class IdIndex {
  /** Slot i: record index at 2i (−1 = empty), id hash at 2i + 1. */
  private table: Int32Array;
  private count = 0;
  private readonly equals: IdEquals;

  constructor(equals: IdEquals, capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.table = IdIndex.empty(size);
    this.equals = equals;
  }

  private static empty(slots: number): Int32Array {
    const t = new Int32Array(slots * 2);
    for (let i = 0; i < t.length; i += 2) t[i] = -1;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** The record index of `id`, or -1. */
  get(id: string): number {
    const h = hashSlice(id, 0, id.length, ID_TAIL);
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = t[2 * i]!;
      if (r < 0) return -1;
      if (t[2 * i + 1] === h && this.equals(r, id, 0, id.length)) return r;
    }
  }

  /** Inserts `id` → `index` unless present; returns false when it was already there. */
  insert(id: string, index: number): boolean {
    return this.insertSlice(id, 0, id.length, index);
  }

  /** `insert` for the id `text.slice(start, end)`, without making the slice. */
  insertSlice(text: string, start: number, end: number, index: number): boolean {
    if ((this.count + 1) * 4 > this.table.length) this.grow();
    const h = hashSlice(text, start, end, ID_TAIL);
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    let i = h & mask;
    for (let r = t[2 * i]!; r >= 0; i = (i + 1) & mask, r = t[2 * i]!) {
      if (t[2 * i + 1] === h && this.equals(r, text, start, end)) return false;
    }
    t[2 * i] = index;
    t[2 * i + 1] = h;
    this.count++;
    return true;
  }

  private grow(): void {
    const old = this.table;
    const t = IdIndex.empty(old.length); // twice the slots: two ints per slot
    const mask = (t.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j]! < 0) continue;
      let i = old[j + 1]! & mask;
      while (t[2 * i]! >= 0) i = (i + 1) & mask;
      t[2 * i] = old[j]!;
      t[2 * i + 1] = old[j + 1]!;
    }
    this.table = t;
  }
}
