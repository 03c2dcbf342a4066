/**
 * One row type per table, as both drivers return them once configured (blobs as Buffer,
 * integers as safe JS numbers), and the mappers from rows to the `Store` records. Both backends
 * use these so that the two engines cannot drift in what they hand back.
 */
import { toHex } from '../core/bytes/index.js';
import type {
  AppliedMigration,
  CheckpointRecord,
  LogHead,
  LogKey,
  PartyRecord,
  StoredEntry,
} from './store.types.js';
import { StoreError } from './store-error.js';

export interface PartyRow {
  readonly id: string;
  readonly public_key: Uint8Array;
  readonly name: string;
  readonly identity: string;
  /** SQLite has no boolean: 0/1 there, boolean on PostgreSQL. */
  readonly is_home: number | boolean;
}

export interface LogRow {
  readonly log_id: number;
  readonly channel: string;
  readonly author: string;
  readonly size: number;
  readonly root_hash: Uint8Array;
  /** The maximal perfect subtrees' hashes, left to right, concatenated (32 bytes each). */
  readonly frontier: Uint8Array;
}

/** An `entries` row joined with its log's key. */
export interface EntryRow {
  readonly channel: string;
  readonly author: string;
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly kind: string;
  readonly created: string;
  readonly bytes: Uint8Array;
  readonly stored_at: string;
}

/** A `checkpoints` row joined with its log's key. */
export interface CheckpointRow {
  readonly channel: string;
  readonly author: string;
  readonly size: number;
  readonly root_hash: Uint8Array;
  readonly note: string;
  readonly created_at: string;
}

export interface MigrationRow {
  readonly version: number;
  readonly name: string;
  readonly applied_at: string;
}

/**
 * Drivers hand back Node Buffers, sometimes views into a shared pool; callers get an owned plain
 * Uint8Array so that equality checks and `.buffer` behave the same on both engines.
 */
export function ownBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

export function partyFromRow(r: PartyRow): PartyRecord {
  return {
    id: r.id,
    publicKey: ownBytes(r.public_key),
    name: r.name,
    identity: r.identity,
    isHome: r.is_home === true || r.is_home === 1,
  };
}

export function headFromRow(r: LogRow): LogHead {
  return { channel: r.channel, author: r.author, size: r.size, rootHash: ownBytes(r.root_hash) };
}

export function entryFromRow(r: EntryRow): StoredEntry {
  return {
    channel: r.channel,
    author: r.author,
    seq: r.seq,
    hash: ownBytes(r.hash),
    kind: r.kind,
    created: r.created,
    bytes: ownBytes(r.bytes),
    storedAt: r.stored_at,
  };
}

/**
 * `entries` (found by hash, in whatever order the database gave them) in the order their hashes
 * were asked, each once.
 */
export function inAskedOrder(asked: readonly Uint8Array[], entries: readonly StoredEntry[]): StoredEntry[] {
  const byHash = new Map(entries.map((e) => [toHex(e.hash), e]));
  const out: StoredEntry[] = [];
  for (const h of asked) {
    const key = toHex(h);
    const e = byHash.get(key);
    if (e) {
      out.push(e);
      byHash.delete(key);
    }
  }
  return out;
}

export function checkpointFromRow(r: CheckpointRow): CheckpointRecord {
  return {
    channel: r.channel,
    author: r.author,
    size: r.size,
    rootHash: ownBytes(r.root_hash),
    note: r.note,
    createdAt: r.created_at,
  };
}

export function migrationFromRow(r: MigrationRow): AppliedMigration {
  return { version: r.version, name: r.name, appliedAt: r.applied_at };
}

/** Throws RangeError unless n is a safe integer >= 0; `what` names the argument. */
export function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a safe integer >= 0, got ${n}`);
}

/** [fromSeq, fromSeq + limit) clamped to safe integers, for range queries. */
export function seqRange(fromSeq: number, limit: number): [number, number] {
  requireCount(fromSeq, 'fromSeq');
  requireCount(limit, 'limit');
  return [fromSeq, Math.min(fromSeq + limit, Number.MAX_SAFE_INTEGER)];
}

export function describeLog(log: LogKey): string {
  return `log of ${log.author} in ${log.channel}`;
}

export function nodeMissing(log: LogKey, level: number, index: number): StoreError {
  return new StoreError(
    'NODE_MISSING',
    `${describeLog(log)}: no stored node at level ${level}, index ${index}`,
    {
      details: { channel: log.channel, author: log.author, level, index },
    },
  );
}
