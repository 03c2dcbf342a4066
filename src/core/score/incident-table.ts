/**
 * The aggregate's incidents, kept in columns rather than as one object each: a million incident
 * objects (and the garbage collector copying them from the young generation to the old) cost about
 * as much as the rest of a recompute. Times, scores and channel and party codes sit in typed arrays;
 * an id is a slice of a text (a scan page's joined ids, or the id itself when added alone); sector
 * and designation lists are references, shared where the caller shares them. An explanation or a
 * history rebuilds the few objects it reads (see `incident`).
 */
import type { AggregateIncident } from './aggregate.types.js';

const MIN_CAPACITY = 1024;
/** Code of an absent channel or party. */
export const NO_NAME = -1;

export class IncidentTable {
  private count = 0;
  private ats: Float64Array;
  private scores: Float64Array;
  private idChunk: Int32Array;
  private idStart: Int32Array;
  private idEnd: Int32Array;
  private channels: Int32Array;
  private parties: Int32Array;
  private readonly chunks: string[] = [];
  private readonly names: string[] = [];
  private readonly sectors: (readonly string[] | undefined)[] = [];
  private readonly designated: (readonly string[] | undefined)[] = [];

  /** `capacity` pre-sizes the typed columns (a hint, not a limit). */
  constructor(capacity = 0) {
    const n = Math.max(MIN_CAPACITY, capacity);
    this.ats = new Float64Array(n);
    this.scores = new Float64Array(n);
    this.idChunk = new Int32Array(n);
    this.idStart = new Int32Array(n);
    this.idEnd = new Int32Array(n);
    this.channels = new Int32Array(n);
    this.parties = new Int32Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Registers a channel or party id; returns its code. */
  addName(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }

  /** Registers a text that ids are slices of; returns its code. */
  addChunk(text: string): number {
    this.chunks.push(text);
    return this.chunks.length - 1;
  }

  /** The id of incident `i` (precondition: 0 ≤ i < size). */
  id(i: number): string {
    return this.chunks[this.idChunk[i]!]!.slice(this.idStart[i], this.idEnd[i]);
  }

  /** Whether incident r's id is `text.slice(start, end)`. */
  idEquals(r: number, text: string, start: number, end: number): boolean {
    const s = this.idStart[r]!;
    const len = this.idEnd[r]! - s;
    if (len !== end - start) return false;
    const c = this.chunks[this.idChunk[r]!]!;
    if (c === text && s === start) return true;
    for (let k = 0; k < len; k++) if (c.charCodeAt(s + k) !== text.charCodeAt(start + k)) return false;
    return true;
  }

  /**
   * Appends one incident whose id is `chunks[chunk].slice(start, end)` and returns its index. Channel
   * and party are codes from addName, or NO_NAME.
   */
  push(
    chunk: number,
    start: number,
    end: number,
    at: number,
    score: number,
    channel: number,
    party: number,
    sectors: readonly string[] | undefined,
    designated: readonly string[] | undefined,
  ): number {
    const i = this.count;
    if (i === this.ats.length) this.grow();
    this.idChunk[i] = chunk;
    this.idStart[i] = start;
    this.idEnd[i] = end;
    this.ats[i] = at;
    this.scores[i] = score;
    this.channels[i] = channel;
    this.parties[i] = party;
    this.sectors.push(sectors);
    this.designated.push(designated);
    this.count = i + 1;
    return i;
  }

  /** Incident `i` as it was added (precondition: 0 ≤ i < size); a new object on each call. */
  incident(i: number): AggregateIncident {
    const ch = this.channels[i]!;
    const pa = this.parties[i]!;
    return {
      id: this.id(i),
      at: this.ats[i]!,
      score: this.scores[i]!,
      channel: ch === NO_NAME ? undefined : this.names[ch],
      party: pa === NO_NAME ? undefined : this.names[pa],
      sectors: this.sectors[i],
      designated: this.designated[i],
    };
  }

  private grow(): void {
    const n = this.ats.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.ats = f64(this.ats);
    this.scores = f64(this.scores);
    this.idChunk = i32(this.idChunk);
    this.idStart = i32(this.idStart);
    this.idEnd = i32(this.idEnd);
    this.channels = i32(this.channels);
    this.parties = i32(this.parties);
  }
}
