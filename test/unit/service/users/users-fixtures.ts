/**
 * A users sub-store on either engine for the service tests: SQLite (a temporary file) or
 * PostgreSQL (a fresh schema), with only migration 4 applied — the users tables reference
 * nothing else — through the same SqlExecutor the node uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteExecutor } from '../../../../src/store/sql/sqlite-executor.js';
import { pgExecutor } from '../../../../src/store/sql/pg-executor.js';
import { SqlUserStore } from '../../../../src/store/sql/users-store.js';
import { USERS_MIGRATION } from '../../../../src/store/sql/users-migration.js';
import type { UserStore } from '../../../../src/store/users.types.js';
import { dropSchema, randomSchemaName } from '../../../helpers/pg.js';

export interface UsersFixture {
  readonly store: { readonly users: UserStore };
  close(): Promise<void>;
}

export async function sqliteUsers(): Promise<UsersFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-users-'));
  const db = new Database(join(dir, 'users.db'));
  db.pragma('journal_mode = WAL');
  db.exec(USERS_MIGRATION.sql.sqlite);
  return {
    store: { users: new SqlUserStore(sqliteExecutor(db)) },
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function pgUsers(url: string): Promise<UsersFixture> {
  const schema = randomSchemaName('parley_users');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  await pool.query(USERS_MIGRATION.sql.postgres);
  return {
    store: { users: new SqlUserStore(pgExecutor(pool)) },
    close: async () => {
      await pool.end();
      await dropSchema(url, schema);
    },
  };
}
