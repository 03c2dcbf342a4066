import type pg from 'pg';
import type { NodeId } from '../../core/merkle/compact.js';
import { emptyRoot } from '../../core/merkle/hasher.js';
import { fromHex } from '../../core/bytes/index.js';
import { checkNewEntries, duplicateEntry, planAppend } from '../append-plan.js';
import {
  checkpointFromRow,
  describeLog,
  entryFromRow,
  inAskedOrder,
  headFromRow,
  migrationFromRow,
  nodeMissing,
  ownBytes,
  partyFromRow,
  requireCount,
  seqRange,
  type CheckpointRow,
  type EntryRow,
  type LogRow,
  type MigrationRow,
  type PartyRow,
} from '../schema.js';
import { StoreError } from '../store-error.js';
import type {
  AppliedMigration,
  CheckpointRecord,
  LogHead,
  LogKey,
  NewEntry,
  PartyRecord,
  Store,
  StoredEntry,
} from '../store.types.js';
import {
  createPool,
  DEFAULT_PG_SCHEMA,
  isConnectionError,
  mapPgError,
  quoteSchema,
  type PgStoreConfig,
} from './pg-connection.js';
import { migratePostgres } from './pg-migrator.js';
import { pgStatements, type PgStatementName } from './pg-statements.js';
import { PgObjectStore } from './pg-objects.js';
import { pgExecutor } from '../sql/pg-executor.js';
import { SqlDialogueStore } from '../sql/sql-dialogue-store.js';
import { SqlUserStore } from '../sql/users-store.js';
import { SqlThreatStore } from '../sql/threat-store.js';
import type { ThreatStore } from '../threat.types.js';
import type { UserStore } from '../users.types.js';
import type { DialogueStore } from '../dialogue.types.js';

/** Opens a pool, migrates the schema (creating it if absent) and returns the store. Throws StoreError. */
export async function openPgStore(config: PgStoreConfig): Promise<Store> {
  const schema = config.schema ?? DEFAULT_PG_SCHEMA;
  const sql = pgStatements(quoteSchema(schema));
  const pool = createPool(config);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw mapPgError(e, config.url);
  }
  return new PgStore(pool, config.url, sql, new PgObjectStore(pool, config.url, quoteSchema(schema)));
}

type Sql = ReturnType<typeof pgStatements>;

class PgStore implements Store {
  readonly engine = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #url: string;
  readonly #sql: Sql;
  #closing: Promise<void> | undefined;

  readonly dialogue: DialogueStore;
  readonly users: UserStore;
  readonly threat: ThreatStore;

  constructor(
    pool: pg.Pool,
    url: string,
    sql: Sql,
    readonly objects: PgObjectStore,
  ) {
    const q = pgExecutor(pool);
    this.dialogue = new SqlDialogueStore(q);
    this.users = new SqlUserStore(q);
    this.threat = new SqlThreatStore(q);
    this.#pool = pool;
    this.#url = url;
    this.#sql = sql;
  }

  async #query<R extends pg.QueryResultRow>(
    name: PgStatementName,
    values: unknown[],
    client?: pg.ClientBase,
  ): Promise<R[]> {
    try {
      const res = await (client ?? this.#pool).query<R>({
        name: `parley_${name}`,
        text: this.#sql[name],
        values,
      });
      return res.rows;
    } catch (e) {
      throw mapPgError(e, this.#url);
    }
  }

  /** One transaction on one pooled connection; a connection that failed is destroyed, not reused. */
  async #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw mapPgError(e, this.#url);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      if (isConnectionError(e) || isConnectionError((e as { cause?: unknown }).cause)) broken = e as Error;
      else await client.query('ROLLBACK').catch((r: unknown) => (broken = r as Error));
      throw mapPgError(e, this.#url);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    await this.#closing;
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.#query<{ value: string }>('getMeta', [key]))[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#query('setMeta', [key, value]);
  }

  async putParty(p: PartyRecord): Promise<void> {
    await this.#query('putParty', [p.id, p.publicKey, p.name, p.identity, p.isHome]);
  }

  async getParty(id: string): Promise<PartyRecord | undefined> {
    const row = (await this.#query<PartyRow>('getParty', [id]))[0];
    return row && partyFromRow(row);
  }

  async listParties(): Promise<PartyRecord[]> {
    return (await this.#query<PartyRow>('listParties', [])).map(partyFromRow);
  }

  async appendEntries(log: LogKey, entries: readonly NewEntry[], storedAt: string): Promise<LogHead> {
    checkNewEntries(entries);
    if (entries.length === 0) {
      return (
        (await this.getLogHead(log)) ?? {
          channel: log.channel,
          author: log.author,
          size: 0,
          rootHash: emptyRoot(),
        }
      );
    }
    return this.#tx(async (c) => {
      // FOR UPDATE serialises appenders to one log across every node sharing the database.
      let row = (await this.#query<LogRow>('lockLog', [log.channel, log.author], c))[0];
      if (row === undefined) {
        planAppend(log, { size: 0, frontier: new Uint8Array(0) }, entries);
        await this.#query('ensureLog', [log.channel, log.author, emptyRoot()], c);
        row = (await this.#query<LogRow>('lockLog', [log.channel, log.author], c))[0];
        if (row === undefined)
          throw new StoreError('STORE_CORRUPT', `${describeLog(log)}: head row vanished after insert`);
      }
      const plan = planAppend(log, row, entries);
      try {
        await this.#query(
          'writeAppend',
          [
            row.log_id,
            entries.map((e) => e.seq),
            entries.map((e) => e.hash),
            entries.map((e) => e.kind),
            entries.map((e) => e.created),
            entries.map((e) => e.bytes),
            storedAt,
            plan.nodes.map((n) => n.level),
            plan.nodes.map((n) => n.index),
            plan.nodes.map((n) => n.hash),
            plan.size,
            plan.rootHash,
            plan.frontier,
          ],
          c,
        );
      } catch (e) {
        throw mapWriteError(log, row.size, e);
      }
      return { channel: log.channel, author: log.author, size: plan.size, rootHash: plan.rootHash };
    });
  }

  async getLogHead(log: LogKey): Promise<LogHead | undefined> {
    const row = (await this.#query<LogRow>('getLogHead', [log.channel, log.author]))[0];
    return row && headFromRow(row);
  }

  async listLogs(): Promise<LogHead[]> {
    return (await this.#query<LogRow>('listLogs', [])).map(headFromRow);
  }

  async getEntries(log: LogKey, fromSeq: number, limit: number): Promise<StoredEntry[]> {
    const [from, to] = seqRange(fromSeq, limit);
    return (await this.#query<EntryRow>('getEntries', [log.channel, log.author, from, to])).map(entryFromRow);
  }

  async getEntryByHash(hash: Uint8Array): Promise<StoredEntry | undefined> {
    const row = (await this.#query<EntryRow>('getEntryByHash', [hash]))[0];
    return row && entryFromRow(row);
  }

  async getEntriesByHashes(hashes: readonly Uint8Array[]): Promise<StoredEntry[]> {
    if (hashes.length === 0) return [];
    const rows = await this.#query<EntryRow>('getEntriesByHashes', [hashes]);
    return inAskedOrder(hashes, rows.map(entryFromRow));
  }

  async listKeyRotations(log: LogKey, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<StoredEntry[]> {
    requireCount(beforeSeq, 'beforeSeq');
    return (await this.#query<EntryRow>('listKeyRotations', [log.channel, log.author, beforeSeq])).map(
      entryFromRow,
    );
  }

  async getNodeHashes(log: LogKey, ids: readonly NodeId[]): Promise<Uint8Array[]> {
    if (ids.length === 0) return [];
    for (const { level, index } of ids) {
      requireCount(level, 'node level');
      requireCount(index, 'node index');
    }
    const rows = await this.#query<{ hash: Uint8Array | null }>('getNodes', [
      log.channel,
      log.author,
      ids.map((i) => i.level),
      ids.map((i) => i.index),
    ]);
    return ids.map((id, i) => {
      const hash = rows[i]?.hash;
      if (hash == null) throw nodeMissing(log, id.level, id.index);
      return ownBytes(hash);
    });
  }

  async putCheckpoint(cp: CheckpointRecord): Promise<void> {
    requireCount(cp.size, 'checkpoint size');
    if (cp.rootHash.length !== 32)
      throw new RangeError(`checkpoint root hash must be 32 bytes, got ${cp.rootHash.length}`);
    await this.#tx(async (c) => {
      await this.#query('ensureLog', [cp.channel, cp.author, emptyRoot()], c);
      await this.#query(
        'putCheckpoint',
        [cp.channel, cp.author, cp.size, cp.rootHash, cp.note, cp.createdAt],
        c,
      );
    });
  }

  async getCheckpoint(log: LogKey, size?: number): Promise<CheckpointRecord | undefined> {
    const rows =
      size === undefined
        ? await this.#query<CheckpointRow>('latestCheckpoint', [log.channel, log.author])
        : await this.#query<CheckpointRow>('getCheckpoint', [log.channel, log.author, size]);
    return rows[0] && checkpointFromRow(rows[0]);
  }

  async listCheckpoints(log: LogKey, limit?: number): Promise<CheckpointRecord[]> {
    if (limit !== undefined) requireCount(limit, 'limit');
    return (
      await this.#query<CheckpointRow>('listCheckpoints', [log.channel, log.author, limit ?? null])
    ).map(checkpointFromRow);
  }

  async listMigrations(): Promise<AppliedMigration[]> {
    return (await this.#query<MigrationRow>('listMigrations', [])).map(migrationFromRow);
  }
}

/** A unique violation on the hash is a duplicate; on a key we derived from the head, corruption. */
function mapWriteError(log: LogKey, size: number, e: unknown): unknown {
  const err = e as { code?: unknown; constraint?: unknown; detail?: unknown };
  if (err.code !== '23505') return e;
  if (err.constraint === 'entries_hash_key') {
    const hex = typeof err.detail === 'string' ? /\\x([0-9a-f]{64})/.exec(err.detail)?.[1] : undefined;
    return duplicateEntry(log, hex === undefined ? undefined : fromHex(hex), e);
  }
  return new StoreError('STORE_CORRUPT', `${describeLog(log)}: rows exist beyond its head (size ${size})`, {
    cause: e,
    details: { channel: log.channel, author: log.author, size, constraint: String(err.constraint) },
  });
}
