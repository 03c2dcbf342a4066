import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { generateKeyPair } from '../../../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../../../src/core/party/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { LogService } from '../../../src/service/log-service.js';
import { systemClock } from '../../../src/service/ports.js';
import { verifyAllLogs } from '../../../src/service/verify-service.js';

// `log verify` on a node that keeps appending, and on a head moved back to hide entries.

const channel = 'channel--00000000-0000-4000-8000-00000000000b';
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-verify-live-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function fixture() {
  const path = join(dir, `v${n++}.db`);
  const store = await openStore({ engine: 'sqlite', path });
  const keyPair = generateKeyPair();
  const partyId = partyIdFromPublicKey(keyPair.publicKey);
  await store.putParty({
    id: partyId,
    publicKey: keyPair.publicKey,
    name: 't',
    identity: '{}',
    isHome: true,
  });
  const logs = new LogService({
    store,
    partyId,
    keyPair,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    checkpointEvery: 1000,
  });
  for (let i = 0; i < 5; i++) await logs.append(channel, [{ kind: 'note', body: { i } }]);
  return { store, logs, partyId, path };
}

describe('log verify on a live log', () => {
  it('an append and its checkpoint committing during the pass are not reported as corruption', async () => {
    const { store, logs, partyId } = await fixture();
    let appended = false;
    // The real store, observed: the first page read lets an append commit before it reads.
    // The real store, observed: once the pass has read the head, an append commits with its
    // checkpoint, so both the entries and the checkpoints it then reads go past that head.
    const listCheckpoints = async (...args: Parameters<Store['listCheckpoints']>) => {
      if (!appended) {
        appended = true;
        await logs.append(channel, [{ kind: 'note', body: { late: true } }]);
        await logs.checkpointAt({ channel, author: partyId }, 6);
      }
      return store.listCheckpoints(...args);
    };
    const live = new Proxy(store, {
      get(target, key) {
        if (key === 'listCheckpoints') return listCheckpoints;
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const report = await verifyAllLogs(live);
      assert.equal(appended, true);
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
      // The next pass covers what was appended meanwhile.
      const again = await verifyAllLogs(store);
      assert.equal(again.ok, true);
      assert.equal(again.entries, 6);
    } finally {
      await store.close();
    }
  });

  it('a head moved back, root and frontier with it, to hide the last entry is reported', async () => {
    const { store, logs, path } = await fixture();
    const db = new Database(path);
    const before = db.prepare('SELECT size, root_hash, frontier FROM logs').get() as {
      size: number;
      root_hash: Buffer;
      frontier: Buffer;
    };
    await logs.append(channel, [{ kind: 'note', body: { hidden: true } }]);
    db.prepare('UPDATE logs SET size = ?, root_hash = ?, frontier = ?').run(
      before.size,
      before.root_hash,
      before.frontier,
    );
    db.close();
    try {
      const report = await verifyAllLogs(store);
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.problems.map((p) => [p.code, p.message]),
        [['LOG_CORRUPT', `entries beyond the head (size ${before.size}) are stored`]],
      );
    } finally {
      await store.close();
    }
  });
});
