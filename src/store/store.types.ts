import type { NodeId } from '../core/merkle/compact.js';
import type { DialogueStore } from './dialogue.types.js';
import type { UserStore } from './users.types.js';
import type { ObjectStore } from './objects.types.js';
import type { ThreatStore } from './threat.types.js';

/** Which database a store runs on. */
export const STORE_ENGINES = ['sqlite', 'postgres'] as const;
export type StoreEngine = (typeof STORE_ENGINES)[number];

export type StoreConfig =
  | { readonly engine: 'sqlite'; readonly path: string; readonly synchronous?: 'NORMAL' | 'FULL' }
  | {
      readonly engine: 'postgres';
      readonly url: string;
      readonly schema?: string;
      readonly poolSize?: number;
    };

/** One log: the envelopes one author wrote in one channel. */
export interface LogKey {
  readonly channel: string;
  readonly author: string;
}

export interface LogHead extends LogKey {
  readonly size: number;
  /** RFC 9162 root hash of the first `size` entries (SHA-256 of nothing when size is 0). */
  readonly rootHash: Uint8Array;
}

/** An envelope as handed to the store for appending: already parsed, verified and canonical. */
export interface NewEntry {
  readonly seq: number;
  /** RFC 9162 leaf hash of `bytes`: the envelope's identity everywhere in Parley. */
  readonly hash: Uint8Array;
  readonly kind: string;
  /** The signed `created` time, RFC 3339. */
  readonly created: string;
  /** The envelope's canonical (RFC 8785) bytes, signature included: the Merkle leaf. */
  readonly bytes: Uint8Array;
}

export interface StoredEntry extends LogKey, NewEntry {
  /** When this node stored the entry (RFC 3339, from the store's clock argument). */
  readonly storedAt: string;
}

export interface PartyRecord {
  /** identity--<uuidv5 of the public key> */
  readonly id: string;
  readonly publicKey: Uint8Array;
  readonly name: string;
  /** The party's STIX identity object, as JSON text. */
  readonly identity: string;
  readonly isHome: boolean;
}

export interface CheckpointRecord extends LogKey {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The C2SP signed note text, exactly as signed. */
  readonly note: string;
  readonly createdAt: string;
}

/** One row of `schema_migrations`: a migration applied to this database. */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  /** RFC 3339, from the database's clock (migrations run before the node has one to pass in). */
  readonly appliedAt: string;
}

/**
 * Persistence for a node. Every method is one transaction. Two engines implement it (SQLite,
 * PostgreSQL) and one test suite runs against both.
 */
export interface Store {
  readonly engine: StoreEngine;
  /** Channels, members, delivery, tracked items, evidence and alarms (the dialogue's state). */
  readonly dialogue: DialogueStore;
  /** Local accounts, sessions, login throttling and the audit trail. */
  readonly users: UserStore;
  /** STIX objects and TAXII 2.1 collections, users and status (objects.types.ts). */
  readonly objects: ObjectStore;
  /** Designations, their acks and objections, scored incidents and published assessments. */
  readonly threat: ThreatStore;

  /** Releases connections. Idempotent. */
  close(): Promise<void>;

  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /** Inserts or updates a party by id. */
  putParty(party: PartyRecord): Promise<void>;
  getParty(id: string): Promise<PartyRecord | undefined>;
  listParties(): Promise<PartyRecord[]>;

  /**
   * Appends entries to a log atomically: either every entry, its Merkle nodes and the new head
   * are committed, or nothing is. `entries[0].seq` must equal the log's current size and seqs
   * must be consecutive; otherwise throws StoreError SEQ_CONFLICT and changes nothing. A hash
   * already stored anywhere throws StoreError DUPLICATE_ENTRY.
   * `storedAt` is the node's clock reading, passed in so that the store has no clock of its own.
   */
  appendEntries(log: LogKey, entries: readonly NewEntry[], storedAt: string): Promise<LogHead>;

  /** The head of a log, or undefined when nothing was ever appended to it. */
  getLogHead(log: LogKey): Promise<LogHead | undefined>;
  listLogs(): Promise<LogHead[]>;

  /** Entries with seq in [fromSeq, fromSeq + limit), in seq order. */
  getEntries(log: LogKey, fromSeq: number, limit: number): Promise<StoredEntry[]>;
  getEntryByHash(hash: Uint8Array): Promise<StoredEntry | undefined>;
  /**
   * The entries held among `hashes` (leaf hashes), in the order asked, each once; a hash not held
   * is left out. One query however many are asked: a page that shows many envelopes (the channel
   * timeline) reads their bodies together instead of one by one.
   */
  getEntriesByHashes(hashes: readonly Uint8Array[]): Promise<StoredEntry[]>;
  /**
   * The log's `key-rotation` entries with seq below `beforeSeq` (all when omitted), in seq order.
   * Served from an index of those entries alone: the cost follows the number of rotations, not
   * the size of the log. Throws RangeError when `beforeSeq` is not a safe integer >= 0.
   */
  listKeyRotations(log: LogKey, beforeSeq?: number): Promise<StoredEntry[]>;

  /** Hashes of stored perfect-subtree nodes, in the order asked. Throws StoreError NODE_MISSING. */
  getNodeHashes(log: LogKey, ids: readonly NodeId[]): Promise<Uint8Array[]>;

  /** Stores a signed checkpoint; storing the same (log, size) twice keeps the first. */
  putCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  /** The checkpoint of the given size, or the largest one when size is omitted. */
  getCheckpoint(log: LogKey, size?: number): Promise<CheckpointRecord | undefined>;
  /** Checkpoints of a log, largest size first; at most `limit` when given. */
  listCheckpoints(log: LogKey, limit?: number): Promise<CheckpointRecord[]>;

  /**
   * The migrations applied to this database, in version order. Added so that operators
   * (`parley store status`) and the storage suite can see the schema version without SQL.
   */
  listMigrations(): Promise<AppliedMigration[]>;
}
