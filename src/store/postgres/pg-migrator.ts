import type pg from 'pg';
import { sha256 } from '../../core/sig/index.js';
import { utf8 } from '../../core/bytes/index.js';
import { MIGRATIONS, migrationSql, type Migration } from '../migrations.js';
import { StoreError } from '../store-error.js';
import { quoteSchema } from './pg-connection.js';

/**
 * The advisory lock key for migrating one schema: several Parley processes starting together over
 * one database must not both create tables; different schemas (tests, tenants) need not wait on
 * each other. Derived from the schema name so that every process agrees without coordination.
 */
export function migrationLockKey(schema: string): string {
  const h = sha256(utf8.encode(`parley:migrate:${schema}`));
  return new DataView(h.buffer, h.byteOffset, 8).getBigInt64(0).toString();
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
)`;

/**
 * Brings `schema` to this build's version in one transaction holding a transaction-level advisory
 * lock (released by COMMIT or ROLLBACK, so a crashed opener cannot leave it held).
 * Throws StoreError MIGRATION_FAILED; connection errors propagate for the caller to map.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  const q = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    // Checked before CREATE: "IF NOT EXISTS" still needs CREATE on the database, which a
    // least-privilege role given an existing schema does not have.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${q}`);
    await client.query(`SET LOCAL search_path TO ${q}`);
    await client.query(CREATE_TABLE);
    const res = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(res.rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new StoreError(
        'MIGRATION_FAILED',
        `schema ${schema} has version ${Math.max(...unknown)}, newer than this build knows (${Math.max(0, ...known)})`,
        { details: { schema, unknown } },
      );
    }
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await applyOne(client, schema, m);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

async function applyOne(client: pg.ClientBase, schema: string, m: Migration): Promise<void> {
  try {
    await client.query(migrationSql(m, 'postgres'));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // A statement error is a broken migration; a lost connection is an outage, mapped upstream.
    if (typeof code !== 'string' || /^(08|57P)/.test(code)) throw e;
    throw new StoreError(
      'MIGRATION_FAILED',
      `migration ${m.version} (${m.name}) failed on postgres schema ${schema}: ${String(e)}`,
      {
        cause: e,
        details: { schema, version: m.version, name: m.name, code },
      },
    );
  }
  await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
}
