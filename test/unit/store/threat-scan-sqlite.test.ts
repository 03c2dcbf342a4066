/**
 * SQLite's start-up scan of scored incidents reads only the covering index of migration 9, with the
 * id and instr expressions taken from it: were the query and the index to drift apart, the scan would
 * still be right but would read the table (with every incident's long `detail`) again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/store/index.js';
import { SQLITE_PAGE } from '../../../src/store/sql/threat-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-threat-scan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('threat incident scan on SQLite', () => {
  it('reads the covering index only, in position order', async () => {
    const path = join(dir, 'scan.db');
    await (await openStore({ engine: 'sqlite', path })).close();
    const db = new Database(path, { readonly: true });
    try {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${SQLITE_PAGE}`)
        .all(0, 10)
        .map((r) => (r as { detail: string }).detail);
      assert.deepEqual(plan, [
        'SEARCH threat_incidents USING COVERING INDEX threat_incidents_scan (n>? AND n<?)',
        'SCALAR SUBQUERY 1',
        'SEARCH threat_incidents USING COVERING INDEX threat_incidents_scan',
      ]);
    } finally {
      db.close();
    }
  });

  it('builds the index over the incidents a database held before migration 9', async () => {
    const path = join(dir, 'upgrade.db');
    const s = await openStore({ engine: 'sqlite', path });
    const base = {
      envelopeHash: '',
      incidentId: '',
      channel: 'channel--11111111-1111-4111-8111-111111111111',
      author: 'identity--a',
      party: 'identity--b',
      at: Date.UTC(2026, 0, 1),
      original: 40,
      score: 60,
      level: 3,
      sectors: ['energy'],
      designated: [],
      name: 'n',
      detail: '{}',
    };
    for (let i = 0; i < 3; i++)
      await s.threat.putIncidentScore({ ...base, envelopeHash: `h${i}`, incidentId: `incident--${i}` });
    await s.close();
    // The database as the build before migration 9 left it.
    const db = new Database(path);
    db.exec('DROP INDEX threat_incidents_scan; DELETE FROM schema_migrations WHERE version = 9');
    db.close();
    const again = await openStore({ engine: 'sqlite', path });
    try {
      const page = await again.threat.scanIncidentScores(0, 10);
      const { text, start, end } = page.columns.id;
      assert.deepEqual(
        [0, 1, 2].map((i) => text.slice(start[i], end[i])),
        [0, 1, 2].map((i) => `${base.channel}|incident--${i}`),
      );
    } finally {
      await again.close();
    }
  });
});
