/**
 * The object store suite (STIX versions, date_added paging, TAXII users), run by every engine.
 * `open` opens a new Store over one shared database on each call; tests isolate by fresh collections.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from '../../../src/store/index.js';
import { ObjectStoreError } from '../../../src/store/objects-error.js';
import type {
  CollectionRecord,
  NewStixObject,
  ObjectCursor,
  StoredObject,
} from '../../../src/store/objects.types.js';
import { withStore } from './store-fixtures.js';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5) * 1000;

async function freshCollection(s: Store, extra: Partial<CollectionRecord> = {}): Promise<CollectionRecord> {
  const c: CollectionRecord = {
    id: randomUUID(),
    title: 'Test',
    kind: 'plain',
    mediaTypes: ['application/stix+json;version=2.1'],
    createdAt: '2026-01-02T03:04:05.000Z',
    ...extra,
  };
  await s.objects.putCollection(c);
  return c;
}

/** A version key as the service makes them: fixed-width, nine fractional digits. */
function v(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

function obj(id: string, version: string | undefined, extra: Partial<NewStixObject> = {}): NewStixObject {
  const type = id.split('--')[0]!;
  return {
    id,
    type,
    specVersion: '2.1',
    version,
    revoked: false,
    body: JSON.stringify({ type, id, modified: version }),
    ...extra,
  };
}

function sid(type = 'indicator'): string {
  return `${type}--${randomUUID()}`;
}

async function pageAll(
  s: Store,
  coll: string,
  limit: number,
  q: Record<string, unknown> = {},
): Promise<{ pages: StoredObject[][] }> {
  const pages: StoredObject[][] = [];
  let after: ObjectCursor | undefined;
  for (;;) {
    const page = await s.objects.queryObjects(coll, { limit, bodies: true, after, ...q });
    pages.push(page.objects);
    const last = page.objects[page.objects.length - 1];
    if (!page.more || !last) break;
    after = { addedUs: last.addedUs, seq: last.seq };
  }
  return { pages };
}

export function runObjectStoreSuite(open: () => Promise<Store>, label: string): void {
  describe(`ObjectStore on ${label}`, () => {
    describe('collections', () => {
      it('stores, finds by id, alias and channel, updates titles, lists', () =>
        withStore(open, async (s) => {
          const alias = `a-${randomUUID()}`;
          const c = await freshCollection(s, { alias, description: 'd' });
          assert.deepEqual(await s.objects.getCollection(c.id), c);
          assert.deepEqual(await s.objects.getCollection(alias), c);
          await s.objects.putCollection({ ...c, title: 'Renamed' });
          assert.equal((await s.objects.getCollection(c.id))?.title, 'Renamed');
          const channel = `channel--${randomUUID()}`;
          const ch = await freshCollection(s, { kind: 'channel', channel, alias: channel });
          assert.deepEqual(await s.objects.getChannelCollection(channel), ch);
          assert.equal(await s.objects.getChannelCollection(`channel--${randomUUID()}`), undefined);
          const ids = (await s.objects.listCollections()).map((x) => x.id);
          assert.ok(ids.includes(c.id) && ids.includes(ch.id));
          assert.equal(await s.objects.getCollection(randomUUID()), undefined);
        }));

      it('throws COLLECTION_NOT_FOUND for objects of an unknown collection', () =>
        withStore(open, async (s) => {
          const isMissing = (e: unknown) =>
            e instanceof ObjectStoreError && e.code === 'COLLECTION_NOT_FOUND';
          await assert.rejects(s.objects.addObjects(randomUUID(), [obj(sid(), v(1))], T0), isMissing);
          await assert.rejects(s.objects.queryObjects(randomUUID(), { limit: 1, bodies: false }), isMissing);
        }));
    });

    describe('addObjects', () => {
      it('gives strictly increasing date_added ≥ now, even when the clock goes back', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const a = await s.objects.addObjects(c.id, [obj(sid(), v(1)), obj(sid(), v(1))], T0);
          const b = await s.objects.addObjects(c.id, [obj(sid(), v(1))], T0 - 5_000_000);
          const added = [...a, ...b].map((o) => (o.kind === 'added' ? o.addedUs : -1));
          assert.deepEqual(added, [T0, T0 + 1, T0 + 2]);
          const later = await s.objects.addObjects(c.id, [obj(sid(), v(1))], T0 + 1_000_000);
          assert.equal(later[0]?.kind === 'added' && later[0].addedUs, T0 + 1_000_000);
        }));

      it('reports a version already stored (or twice in a batch) as duplicate and keeps the first', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const id = sid();
          const first = await s.objects.addObjects(
            c.id,
            [obj(id, v(1000)), obj(id, v(1000), { body: '{"second":true}' })],
            T0,
          );
          assert.deepEqual(
            first.map((o) => o.kind),
            ['added', 'duplicate'],
          );
          const again = await s.objects.addObjects(
            c.id,
            [obj(id, v(1000), { body: '{"third":true}' }), obj(id, v(2000))],
            T0,
          );
          assert.deepEqual(
            again.map((o) => o.kind),
            ['duplicate', 'added'],
          );
          const page = await s.objects.queryObjects(c.id, {
            limit: 10,
            bodies: true,
            versions: { all: true },
          });
          assert.equal(page.objects.length, 2);
          assert.ok(!page.objects.some((o) => o.body?.includes('second') || o.body?.includes('third')));
        }));

      it('keeps the same id apart in two collections', () =>
        withStore(open, async (s) => {
          const a = await freshCollection(s);
          const b = await freshCollection(s);
          const id = sid();
          await s.objects.addObjects(a.id, [obj(id, v(1))], T0);
          const r = await s.objects.addObjects(b.id, [obj(id, v(1))], T0);
          assert.equal(r[0]?.kind, 'added');
          assert.equal(await s.objects.countObjects(a.id), 1);
          assert.equal(await s.objects.countObjects(b.id), 1);
        }));

      it('uses date_added as the version of objects with neither modified nor created', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const id = sid('ipv4-addr');
          const [out] = await s.objects.addObjects(c.id, [obj(id, undefined)], T0 + 123);
          assert.equal(out?.kind, 'added');
          assert.equal(out?.version, '2026-01-02T03:04:05.000123000Z');
        }));
    });

    describe('versions', () => {
      it('tracks first and last whatever order versions arrive in, 1 ms apart', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const id = sid('malware');
          const ms = [1_500_000_000_456, 1_500_000_000_457, 1_400_000_000_000, 1_600_000_000_000];
          for (const m of ms) await s.objects.addObjects(c.id, [obj(id, v(m))], T0);
          const q = async (versions: object) =>
            (
              await s.objects.queryObjects(c.id, { limit: 10, bodies: false, ids: [id], versions })
            ).objects.map((o) => o.version);
          assert.deepEqual(await q({ last: true }), [v(ms[3]!)]);
          assert.deepEqual(await q({ first: true }), [v(ms[2]!)]);
          assert.deepEqual((await q({ first: true, last: true })).sort(), [v(ms[2]!), v(ms[3]!)].sort());
          assert.deepEqual(await q({ all: true }), ms.map(v));
          assert.deepEqual(await q({ at: [v(ms[1]!)] }), [v(ms[1]!)]);
          assert.deepEqual(await q({ at: [v(ms[1]! + 1)] }), []);
        }));

      it('handles several versions of one id inside one batch', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const id = sid();
          await s.objects.addObjects(c.id, [obj(id, v(3)), obj(id, v(1)), obj(id, v(2))], T0);
          const last = await s.objects.queryObjects(c.id, {
            limit: 10,
            bodies: false,
            versions: { last: true },
          });
          const first = await s.objects.queryObjects(c.id, {
            limit: 10,
            bodies: false,
            versions: { first: true },
          });
          assert.deepEqual(
            last.objects.map((o) => o.version),
            [v(3)],
          );
          assert.deepEqual(
            first.objects.map((o) => o.version),
            [v(1)],
          );
        }));

      it('deletes selected versions and recomputes first and last', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const id = sid();
          await s.objects.addObjects(
            c.id,
            [1, 2, 3].map((m) => obj(id, v(m))),
            T0,
          );
          assert.equal(await s.objects.deleteObject(c.id, id, { last: true }), 1);
          const q = async (versions: object) =>
            (await s.objects.queryObjects(c.id, { limit: 10, bodies: false, versions })).objects.map(
              (o) => o.version,
            );
          assert.deepEqual(await q({ last: true }), [v(2)]);
          assert.equal(await s.objects.deleteObject(c.id, id, { at: [v(1)] }), 1);
          assert.deepEqual(await q({ first: true }), [v(2)]);
          assert.equal(await s.objects.deleteObject(c.id, id, { at: [v(9)] }), 0);
          assert.equal(await s.objects.deleteObject(c.id, id), 1);
          assert.deepEqual(await q({ all: true }), []);
          assert.equal(await s.objects.deleteObject(c.id, id), 0);
        }));
    });

    describe('queryObjects', () => {
      it('pages through every object in date_added order, the same for every page size', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const objs = Array.from({ length: 53 }, (_, i) => obj(sid(i % 3 ? 'indicator' : 'malware'), v(i)));
          await s.objects.addObjects(c.id, objs.slice(0, 20), T0);
          await s.objects.addObjects(c.id, objs.slice(20), T0);
          for (const limit of [1, 7, 52, 53, 1000]) {
            const { pages } = await pageAll(s, c.id, limit);
            const flat = pages.flat();
            assert.deepEqual(
              flat.map((o) => o.id),
              objs.map((o) => o.id),
              `limit ${limit}`,
            );
            assert.ok(pages.every((p) => p.length <= limit));
            for (let i = 1; i < flat.length; i++) assert.ok(flat[i]!.addedUs > flat[i - 1]!.addedUs);
          }
          const page = await s.objects.queryObjects(c.id, { limit: 53, bodies: false });
          assert.equal(page.more, false);
          assert.equal(page.objects[0]?.body, undefined);
        }));

      it('filters by added_after, id, type, spec_version and revocation', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          const ind = sid('indicator');
          const mal = sid('malware');
          const old = sid('indicator');
          const outs = await s.objects.addObjects(
            c.id,
            [obj(old, v(1), { specVersion: '2.0' }), obj(ind, v(1)), obj(mal, v(1), { revoked: true })],
            T0,
          );
          const addedOf = (i: number) => (outs[i]?.kind === 'added' ? outs[i].addedUs : 0);
          const ids = async (q: object) =>
            (await s.objects.queryObjects(c.id, { limit: 10, bodies: false, ...q })).objects.map((o) => o.id);
          assert.deepEqual(await ids({ addedAfterUs: addedOf(0) }), [ind, mal]);
          assert.deepEqual(await ids({ addedAfterUs: addedOf(2) }), []);
          assert.deepEqual(await ids({ types: ['malware'] }), [mal]);
          assert.deepEqual(await ids({ types: ['malware', 'indicator'] }), [old, ind, mal]);
          assert.deepEqual(await ids({ ids: [mal, old] }), [old, mal]);
          assert.deepEqual(await ids({ specVersions: ['2.0'] }), [old]);
          assert.deepEqual(await ids({ excludeRevoked: true }), [old, ind]);
          assert.deepEqual(await ids({ types: ['indicator'], addedAfterUs: addedOf(0) }), [ind]);
          const [m] = (await s.objects.queryObjects(c.id, { limit: 10, bodies: false, ids: [mal] })).objects;
          assert.equal(m?.revoked, true);
        }));

      it('resumes from a cursor after reopening the store', async () => {
        const c = await withStore(open, (s) => freshCollection(s));
        const cursor = await withStore(open, async (s) => {
          await s.objects.addObjects(
            c.id,
            Array.from({ length: 10 }, () => obj(sid(), v(5))),
            T0,
          );
          const p = await s.objects.queryObjects(c.id, { limit: 4, bodies: false });
          const last = p.objects[3]!;
          return { addedUs: last.addedUs, seq: last.seq };
        });
        await withStore(open, async (s) => {
          const p = await s.objects.queryObjects(c.id, { limit: 100, bodies: false, after: cursor });
          assert.equal(p.objects.length, 6);
        });
      });

      it('refuses a limit below 1', () =>
        withStore(open, async (s) => {
          const c = await freshCollection(s);
          await assert.rejects(s.objects.queryObjects(c.id, { limit: 0, bodies: false }), RangeError);
        }));
    });

    describe('concurrent writers', () => {
      it('two stores adding to one collection never share or reorder a date_added', async () => {
        const c = await withStore(open, (s) => freshCollection(s));
        const [a, b] = [await open(), await open()];
        try {
          const writes = [];
          for (let i = 0; i < 10; i++) {
            for (const s of [a, b])
              writes.push(
                s.objects.addObjects(
                  c.id,
                  Array.from({ length: 5 }, () => obj(sid(), v(i))),
                  T0,
                ),
              );
          }
          await Promise.all(writes);
          const { pages } = await pageAll(a, c.id, 1000);
          const flat = pages.flat();
          assert.equal(flat.length, 100);
          assert.equal(new Set(flat.map((o) => o.addedUs)).size, 100);
        } finally {
          await a.close();
          await b.close();
        }
      });
    });

    describe('status and users', () => {
      it('stores status resources', () =>
        withStore(open, async (s) => {
          const id = randomUUID();
          await s.objects.putStatus({
            id,
            body: '{"status":"complete"}',
            createdAt: '2026-01-01T00:00:00.000Z',
          });
          assert.deepEqual(await s.objects.getStatus(id), {
            id,
            body: '{"status":"complete"}',
            createdAt: '2026-01-01T00:00:00.000Z',
          });
          assert.equal(await s.objects.getStatus(randomUUID()), undefined);
        }));

      it('keeps users, token hashes and rights, and removes them together', () =>
        withStore(open, async (s) => {
          const name = `u-${randomUUID()}`;
          await s.objects.putTaxiiUser({ name, passwordHash: 'scrypt$x', createdAt: 'now' });
          await s.objects.putTaxiiUser({ name, createdAt: 'later' });
          assert.equal((await s.objects.getTaxiiUser(name))?.passwordHash, 'scrypt$x');
          const hash = randomUUID().replace(/-/g, '');
          await s.objects.putTaxiiToken(hash, name, 'ci', 'now');
          assert.equal(await s.objects.getTaxiiTokenUser(hash), name);
          await s.objects.setTaxiiRight({ user: name, collection: '*', canRead: true, canWrite: false });
          await s.objects.setTaxiiRight({ user: name, collection: 'outbox', canRead: true, canWrite: true });
          await s.objects.setTaxiiRight({ user: name, collection: '*', canRead: true, canWrite: true });
          assert.deepEqual(await s.objects.listTaxiiRights(name), [
            { user: name, collection: '*', canRead: true, canWrite: true },
            { user: name, collection: 'outbox', canRead: true, canWrite: true },
          ]);
          assert.ok((await s.objects.listTaxiiUsers()).some((u) => u.name === name));
          assert.equal(await s.objects.deleteTaxiiUser(name), true);
          assert.equal(await s.objects.getTaxiiUser(name), undefined);
          assert.equal(await s.objects.getTaxiiTokenUser(hash), undefined);
          assert.deepEqual(await s.objects.listTaxiiRights(name), []);
          assert.equal(await s.objects.deleteTaxiiUser(name), false);
        }));
    });
  });
}
