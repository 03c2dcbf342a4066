/**
 * The aggregate's incidents, kept in columns rather than as one object each: a million incident
 * objects (and the garbage collector copying them from the young generation to the old) cost about
 * as much as the rest of a recompute. Times, scores and channel and party codes sit in typed arrays;
 * an id is a slice of a text (a scan page's joined ids, or the id itself when added alone); sector
 * and designation lists are references, shared where the caller shares them. An explanation or a
 * history rebuilds the few objects it reads (see `incident`).
 *
 * The columns grow by blocks of BLOCK incidents, never by copying: a live add that crossed a
 * doubling would copy every column and allocate tens of megabytes at once, which stalls that add and
 * can set off a full garbage collection.
 */
import type { AggregateIncident } from './aggregate.types.js';

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK - 1;
/** Code of an absent channel or party. */
export const NO_NAME = -1;

/** BLOCK incidents' worth of every column. */
class Block {
  readonly ats = new Float64Array(BLOCK);
  readonly scores = new Float64Array(BLOCK);
  readonly idChunk = new Int32Array(BLOCK);
  readonly idStart = new Int32Array(BLOCK);
  readonly idEnd = new Int32Array(BLOCK);
  readonly channels = new Int32Array(BLOCK);
  readonly parties = new Int32Array(BLOCK);
  readonly sectors: (readonly string[] | undefined)[] = [];
  readonly designated: (readonly string[] | undefined)[] = [];
}

export class IncidentTable {
  private count = 0;
  private readonly blocks: Block[] = [];
  private readonly chunks: string[] = [];
  private readonly names: string[] = [];

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
    const b = this.blocks[i >>> BLOCK_BITS]!;
    const k = i & IN_BLOCK;
    return this.chunks[b.idChunk[k]!]!.slice(b.idStart[k], b.idEnd[k]);
  }

  /** Whether incident r's id is `text.slice(start, end)`. */
  idEquals(r: number, text: string, start: number, end: number): boolean {
    const b = this.blocks[r >>> BLOCK_BITS]!;
    const k = r & IN_BLOCK;
    const s = b.idStart[k]!;
    const len = b.idEnd[k]! - s;
    if (len !== end - start) return false;
    const c = this.chunks[b.idChunk[k]!]!;
    return (c === text && s === start) || c.slice(s, s + len) === text.slice(start, end);
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
    const k = i & IN_BLOCK;
    if (k === 0) this.blocks.push(new Block());
    const b = this.blocks[i >>> BLOCK_BITS]!;
    b.idChunk[k] = chunk;
    b.idStart[k] = start;
    b.idEnd[k] = end;
    b.ats[k] = at;
    b.scores[k] = score;
    b.channels[k] = channel;
    b.parties[k] = party;
    b.sectors.push(sectors);
    b.designated.push(designated);
    this.count = i + 1;
    return i;
  }

  /** Incident `i` as it was added (precondition: 0 ≤ i < size); a new object on each call. */
  incident(i: number): AggregateIncident {
    const b = this.blocks[i >>> BLOCK_BITS]!;
    const k = i & IN_BLOCK;
    const ch = b.channels[k]!;
    const pa = b.parties[k]!;
    return {
      id: this.id(i),
      at: b.ats[k]!,
      score: b.scores[k]!,
      channel: ch === NO_NAME ? undefined : this.names[ch],
      party: pa === NO_NAME ? undefined : this.names[pa],
      sectors: b.sectors[k],
      designated: b.designated[k],
    };
  }
}
