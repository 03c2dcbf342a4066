/**
 * Domain suffix lookup on label boundaries without allocating: the host is hashed once from its last
 * character backwards (FNV-1a), and at every label boundary the hash so far is the hash of that suffix,
 * probed in an open-addressing table of the designated domains. A Map lookup per suffix needed a
 * substring per label and halved the lookup rate.
 */
const EMPTY: readonly never[] = Object.freeze([]);

function step(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function suffixHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = s.length - 1; i >= 0; i--) h = step(h, s.charCodeAt(i));
  return h | 0;
}

export class DomainSuffixIndex<T> {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly keys: string[] = [];
  private readonly lists: (readonly T[])[] = [];

  /** `entries`: canonical domain (lower-case A-labels, no trailing dot) → its designation entries. */
  constructor(entries: ReadonlyMap<string, readonly T[]>) {
    let size = 16;
    while (size < entries.size * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    for (const [key, list] of entries) {
      const h = suffixHash(key);
      let i = h & mask;
      while (this.slots[i]! >= 0) i = (i + 1) & mask;
      this.slots[i] = this.keys.length;
      this.hashes[i] = h;
      this.keys.push(key);
      this.lists.push(Object.freeze([...list]));
    }
  }

  private probe(host: string, from: number, h: number): readonly T[] | undefined {
    const mask = this.slots.length - 1;
    const len = host.length - from;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.slots[i]!;
      if (k < 0) return undefined;
      if (this.hashes[i] === h) {
        const key = this.keys[k]!;
        if (key.length === len && host.endsWith(key)) return this.lists[k];
      }
    }
  }

  /** Entries for the host itself and every parent domain. Precondition: `host` is normalised. */
  lookup(host: string): readonly T[] {
    let found: readonly T[] = EMPTY;
    let h = 0x811c9dc5;
    for (let i = host.length - 1; i >= 0; i--) {
      h = step(h, host.charCodeAt(i));
      if (i === 0 || host.charCodeAt(i - 1) === 46) {
        const l = this.probe(host, i, h | 0);
        if (l !== undefined) found = found.length === 0 ? l : [...found, ...l];
      }
    }
    return found;
  }
}
