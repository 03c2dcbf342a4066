/** What only the SQLite backend does: file errors, WAL, and migration failure handling. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, openStore, StoreError } from '../../../src/store/index.js';
import { migrateSqlite } from '../../../src/store/sqlite/sqlite-migrator.js';
import { rejectsWithCode } from './store-fixtures.js';

describe('SQLite backend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing folder as STORE_UNAVAILABLE', async () => {
    await rejectsWithCode(
      openStore({ engine: 'sqlite', path: join(dir, 'no', 'such', 'x.db') }),
      'STORE_UNAVAILABLE',
    );
  });

  it('reports a file that is not a database as STORE_CORRUPT', async () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not an SQLite file. '.repeat(200));
    await rejectsWithCode(openStore({ engine: 'sqlite', path }), 'STORE_CORRUPT');
  });

  it('puts the database in WAL mode', async () => {
    const path = join(dir, 'wal.db');
    await (await openStore({ engine: 'sqlite', path, synchronous: 'FULL' })).close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('refuses a database migrated by a newer build with MIGRATION_FAILED', async () => {
    const path = join(dir, 'newer.db');
    await (await openStore({ engine: 'sqlite', path })).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(9999, 'from the future');
    db.close();
    await rejectsWithCode(openStore({ engine: 'sqlite', path }), 'MIGRATION_FAILED');
  });

  it('rolls a failed migration back entirely and records nothing', () => {
    const db = new Database(join(dir, 'broken.db'));
    const broken = {
      version: 9999,
      name: 'broken',
      sql: 'CREATE TABLE half_done (a INTEGER); SELECT * FROM no_such_table;',
    };
    assert.throws(
      () => migrateSqlite(db, [...MIGRATIONS, broken]),
      (e: unknown) => e instanceof StoreError && e.code === 'MIGRATION_FAILED',
    );
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    assert.ok(!tables.includes('half_done'));
    // The whole run is one transaction: even the migrations before the broken one are undone.
    assert.ok(!tables.includes('schema_migrations'));
    migrateSqlite(db);
    assert.equal(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), MIGRATIONS.length);
    db.close();
  });
});
