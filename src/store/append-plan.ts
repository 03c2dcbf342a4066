/**
 * The engine-neutral half of `appendEntries`: given the locked head row, check the seqs and work
 * out every row to write. Each backend wraps this in its own transaction.
 */
import { computeAppend, frontierLength, type StoredNode } from '../core/merkle/compact.js';
import { HASH_BYTES } from '../core/merkle/hasher.js';
import { toHex } from '../core/bytes/index.js';
import type { LogKey, NewEntry } from './store.types.js';
import { StoreError } from './store-error.js';
import { describeLog } from './schema.js';

export interface HeadState {
  readonly size: number;
  readonly frontier: Uint8Array;
}

export interface AppendPlan {
  readonly nodes: readonly StoredNode[];
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The new frontier, packed as stored in `logs.frontier`. */
  readonly frontier: Uint8Array;
}

/**
 * Checks preconditions that need no database. Throws RangeError for a malformed argument (a
 * programming error upstream) rather than a StoreError, which callers may treat as retryable.
 */
export function checkNewEntries(entries: readonly NewEntry[]): void {
  for (const e of entries) {
    if (!Number.isSafeInteger(e.seq) || e.seq < 0)
      throw new RangeError(`seq must be a safe integer >= 0, got ${e.seq}`);
    if (e.hash.length !== HASH_BYTES)
      throw new RangeError(`entry hash must be ${HASH_BYTES} bytes, got ${e.hash.length}`);
  }
}

/**
 * Plans an append of `entries` (non-empty, already checked) onto `head`.
 * Throws StoreError SEQ_CONFLICT when the first seq is not the log's size or the seqs are not
 * consecutive, and STORE_CORRUPT when the stored frontier does not match the stored size.
 */
export function planAppend(log: LogKey, head: HeadState, entries: readonly NewEntry[]): AppendPlan {
  entries.forEach((e, i) => {
    const want = head.size + i;
    if (e.seq !== want) {
      const why = i === 0 ? `the log has ${head.size} entries` : `seqs must be consecutive`;
      throw new StoreError(
        'SEQ_CONFLICT',
        `${describeLog(log)}: expected seq ${want}, got ${e.seq} (${why})`,
        {
          details: { channel: log.channel, author: log.author, expected: want, got: e.seq },
        },
      );
    }
  });
  const frontier = unpackFrontier(log, head);
  const res = computeAppend(
    head.size,
    frontier,
    entries.map((e) => e.hash),
  );
  return { nodes: res.nodes, size: res.size, rootHash: res.rootHash, frontier: packFrontier(res.frontier) };
}

export function packFrontier(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_BYTES);
  hashes.forEach((h, i) => out.set(h, i * HASH_BYTES));
  return out;
}

function unpackFrontier(log: LogKey, head: HeadState): Uint8Array[] {
  const want = frontierLength(head.size);
  if (head.frontier.length !== want * HASH_BYTES) {
    throw new StoreError(
      'STORE_CORRUPT',
      `${describeLog(log)}: frontier of a ${head.size}-entry log must hold ${want} hashes, found ${head.frontier.length} bytes`,
      { details: { channel: log.channel, author: log.author, size: head.size } },
    );
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < want; i++) out.push(head.frontier.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES));
  return out;
}

export function duplicateEntry(log: LogKey, hash: Uint8Array | undefined, cause: unknown): StoreError {
  const hex = hash ? toHex(hash) : undefined;
  const what = hex ? `entry ${hex.slice(0, 16)}…` : 'an entry of this batch';
  return new StoreError('DUPLICATE_ENTRY', `${describeLog(log)}: ${what} is already stored`, {
    cause,
    details: { channel: log.channel, author: log.author, ...(hex ? { hash: hex } : {}) },
  });
}
