/**
 * The one storage suite, run by every engine (kysely style: one suite, looped over dialects).
 * `open` must open a new Store over the same database on each call, so that reopening and
 * concurrent stores can be tested; tests share that database and isolate by fresh log keys.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { emptyRoot } from '../../../src/core/merkle/hasher.js';
import { MIGRATIONS, type PartyRecord, type Store } from '../../../src/store/index.js';
import { registerLogTests } from './store-suite-logs.js';
import { freshLog, makeEntries, rejectsWithCode, STORED_AT, withStore } from './store-fixtures.js';

export interface StoreSuiteOptions {
  /** Names the engine in test titles. */
  readonly label: string;
  /** Returns an opener for a brand-new empty database, for tests of first-open behaviour. */
  readonly fresh?: () => () => Promise<Store>;
}

function party(isHome: boolean): PartyRecord {
  const id = `identity--${randomUUID()}`;
  return {
    id,
    publicKey: new Uint8Array(32).fill(isHome ? 7 : 9),
    name: `Party ${id.slice(-4)}`,
    identity: JSON.stringify({ type: 'identity', id }),
    isHome,
  };
}

export function runStoreSuite(open: () => Promise<Store>, opts: StoreSuiteOptions): void {
  describe(`Store on ${opts.label}`, () => {
    describe('meta', () => {
      it('returns undefined for an unknown key, then the last value set', () =>
        withStore(open, async (s) => {
          const key = `k-${randomUUID()}`;
          assert.equal(await s.getMeta(key), undefined);
          await s.setMeta(key, 'one');
          assert.equal(await s.getMeta(key), 'one');
          await s.setMeta(key, 'двa ✓');
          assert.equal(await s.getMeta(key), 'двa ✓');
        }));
    });

    describe('parties', () => {
      it('stores, updates by id and lists in id order', () =>
        withStore(open, async (s) => {
          const home = party(true);
          const other = party(false);
          await s.putParty(home);
          await s.putParty(other);
          assert.deepEqual(await s.getParty(home.id), home);
          assert.deepEqual(await s.getParty(other.id), other);
          const renamed = { ...other, name: 'Renamed CERT', publicKey: new Uint8Array(32).fill(1) };
          await s.putParty(renamed);
          assert.deepEqual(await s.getParty(other.id), renamed);
          assert.equal(await s.getParty(`identity--${randomUUID()}`), undefined);
          const listed = (await s.listParties()).filter((p) => p.id === home.id || p.id === other.id);
          assert.deepEqual(
            listed,
            [home, renamed].sort((a, b) => (a.id < b.id ? -1 : 1)),
          );
          const ids = (await s.listParties()).map((p) => p.id);
          assert.deepEqual(ids, [...ids].sort());
        }));
    });

    registerLogTests(open);

    describe('checkpoints', () => {
      const cp = (log: ReturnType<typeof freshLog>, size: number, note: string) => ({
        ...log,
        size,
        rootHash: new Uint8Array(32).fill(size),
        note,
        createdAt: `2026-02-0${1 + (size % 8)}T00:00:00Z`,
      });

      it('keeps the first of two checkpoints of one size and finds each size', () =>
        withStore(open, async (s) => {
          const log = freshLog();
          await s.appendEntries(log, makeEntries(log, 0, 9), STORED_AT);
          const first = cp(log, 5, 'first note\n');
          await s.putCheckpoint(first);
          await s.putCheckpoint({ ...first, note: 'second note\n', rootHash: new Uint8Array(32).fill(99) });
          assert.deepEqual(await s.getCheckpoint(log, 5), first);
          assert.equal(await s.getCheckpoint(log, 7), undefined);
        }));

      it('returns the largest as latest and lists largest first, with a limit', () =>
        withStore(open, async (s) => {
          const log = freshLog();
          await s.appendEntries(log, makeEntries(log, 0, 9), STORED_AT);
          for (const size of [3, 9, 1, 5]) await s.putCheckpoint(cp(log, size, `note ${size}\n`));
          assert.deepEqual(await s.getCheckpoint(log), cp(log, 9, 'note 9\n'));
          assert.deepEqual(
            (await s.listCheckpoints(log)).map((c) => c.size),
            [9, 5, 3, 1],
          );
          assert.deepEqual(
            (await s.listCheckpoints(log, 2)).map((c) => c.size),
            [9, 5],
          );
          assert.deepEqual(await s.listCheckpoints(log, 0), []);
          assert.deepEqual(await s.listCheckpoints(freshLog()), []);
          assert.equal(await s.getCheckpoint(freshLog()), undefined);
        }));

      it('stores a checkpoint of a log it holds no entries of, without inventing a head', () =>
        withStore(open, async (s) => {
          const log = freshLog();
          await s.putCheckpoint(cp(log, 4, 'ahead of us\n'));
          assert.deepEqual(await s.getCheckpoint(log), cp(log, 4, 'ahead of us\n'));
          assert.equal(await s.getLogHead(log), undefined);
          assert.ok(!(await s.listLogs()).some((h) => h.channel === log.channel));
          const head = await s.appendEntries(log, makeEntries(log, 0, 2), STORED_AT);
          assert.equal(head.size, 2);
        }));
    });

    describe('lifecycle', () => {
      it('keeps everything across close and reopen', async () => {
        const log = freshLog();
        const p = party(true);
        const key = `k-${randomUUID()}`;
        const written = await withStore(open, async (s) => {
          await s.setMeta(key, 'v');
          await s.putParty(p);
          const head = await s.appendEntries(log, makeEntries(log, 0, 11), STORED_AT);
          await s.putCheckpoint({
            ...log,
            size: 11,
            rootHash: head.rootHash,
            note: 'n\n',
            createdAt: STORED_AT,
          });
          return { head, entries: await s.getEntries(log, 0, 100) };
        });
        await withStore(open, async (s) => {
          assert.equal(await s.getMeta(key), 'v');
          assert.deepEqual(await s.getParty(p.id), p);
          assert.deepEqual(await s.getLogHead(log), written.head);
          assert.deepEqual(await s.getEntries(log, 0, 100), written.entries);
          assert.deepEqual((await s.getCheckpoint(log))?.rootHash, written.head.rootHash);
          assert.equal((await s.getNodeHashes(log, [{ level: 3, index: 0 }])).length, 1);
          const next = await s.appendEntries(log, makeEntries(log, 11, 1), STORED_AT);
          assert.equal(next.size, 12);
        });
      });

      it('records every migration once and applies none again on reopen', async () => {
        const before = await withStore(open, (s) => s.listMigrations());
        assert.deepEqual(
          before.map((m) => [m.version, m.name]),
          MIGRATIONS.map((m) => [m.version, m.name]),
        );
        for (const m of before) assert.match(m.appliedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        assert.deepEqual(await withStore(open, (s) => s.listMigrations()), before);
      });

      it(
        'lets several stores open a new database at once',
        { skip: opts.fresh ? false : 'no fresh-database opener' },
        async () => {
          const openFresh = opts.fresh!();
          const stores = await Promise.all([openFresh(), openFresh(), openFresh(), openFresh()]);
          try {
            for (const s of stores) assert.equal((await s.listMigrations()).length, MIGRATIONS.length);
          } finally {
            await Promise.all(stores.map((s) => s.close()));
          }
        },
      );

      it('closes idempotently and refuses work afterwards with STORE_UNAVAILABLE', async () => {
        const s = await open();
        await s.close();
        await s.close();
        await rejectsWithCode(s.getMeta('x'), 'STORE_UNAVAILABLE');
      });

      it('gives an empty log the empty-tree root without creating it', () =>
        withStore(open, async (s) => {
          const log = freshLog();
          const head = await s.appendEntries(log, [], STORED_AT);
          assert.deepEqual(head, { ...log, size: 0, rootHash: emptyRoot() });
          assert.equal(await s.getLogHead(log), undefined);
        }));
    });
  });
}
