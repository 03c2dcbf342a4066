/**
 * An author's key history is read on every per-log proof check: the query must seek the partial
 * index of key-rotation entries (migration 8), never walk the log's entries, on a log of any size.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/store/index.js';
import { prepareStatements } from '../../../src/store/sqlite/sqlite-statements.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-rotations-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('SQLite reads key rotations through entries_key_rotations, before and after ANALYZE', async () => {
  const path = join(dir, 'plan.db');
  await (await openStore({ engine: 'sqlite', path })).close();
  const db = new Database(path);
  try {
    const sql = prepareStatements(db).listKeyRotations.source;
    const plan = () =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('channel--x', 'identity--y', 10) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    assert.match(plan(), /entries_key_rotations/);
    db.exec('ANALYZE');
    assert.match(plan(), /entries_key_rotations/);
  } finally {
    db.close();
  }
});
