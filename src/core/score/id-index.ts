/**
 * A string-id → record-index table with open addressing over typed arrays. A Map<string, number> of a
 * million incident ids costs more than the rest of a recompute together (hidden-class growth and GC);
 * this keeps the ids' FNV-1a hashes in an Int32Array and compares strings only on a hash hit.
 */
export class IdIndex {
  private slots: Int32Array;
  private hashes: Int32Array;
  private count = 0;
  private readonly idOf: (index: number) => string;

  /** `idOf(i)` returns the id of record i; the table stores only record indices. */
  constructor(idOf: (index: number) => string, capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.idOf = idOf;
  }

  get size(): number {
    return this.count;
  }

  private static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  /** The record index of `id`, or -1. */
  get(id: string): number {
    const h = IdIndex.hash(id);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = this.slots[i]!;
      if (r < 0) return -1;
      if (this.hashes[i] === h && this.idOf(r) === id) return r;
    }
  }

  /** Inserts `id` → `index` unless present; returns false when it was already there. */
  insert(id: string, index: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const h = IdIndex.hash(id);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (; this.slots[i]! >= 0; i = (i + 1) & mask) {
      if (this.hashes[i] === h && this.idOf(this.slots[i]!) === id) return false;
    }
    this.slots[i] = index;
    this.hashes[i] = h;
    this.count++;
    return true;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.hashes = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const r = oldSlots[j]!;
      if (r < 0) continue;
      let i = oldHashes[j]! & mask;
      while (this.slots[i]! >= 0) i = (i + 1) & mask;
      this.slots[i] = r;
      this.hashes[i] = oldHashes[j]!;
    }
  }
}
