/**
 * The TAXII 2.1 API through real HTTP (Fastify on 127.0.0.1, port 0), endpoint by endpoint and
 * filter by filter, on SQLite and (when PARLEY_TEST_PG_URL is set) PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { objectsOfDocument } from '../../src/service/stix-import/stix-import-service.js';
import {
  bearer,
  fixtureFiles,
  readJson,
  startTaxiiNode,
  TAXII_CT,
  taxiiEngines,
  taxiiFetch,
  type TaxiiNode,
} from '../unit/service/taxii/taxii-harness.js';

const MALWARE = 'malware--6b616fc1-1505-48e3-8b2c-0d19337bff38';
/** python-stix2's four versions of one malware, two of them 1 ms apart (test/v21/stix2_data). */
const MALWARE_VERSIONS = [
  '2017-05-31T21:32:58.226Z',
  '2018-11-01T23:24:48.456Z',
  '2018-11-01T23:24:48.457Z',
  '2018-11-16T22:54:20.390Z',
];

function python2Objects(): Record<string, unknown>[] {
  return fixtureFiles('python-stix2-stix2_data').flatMap(
    (f) => objectsOfDocument(readJson(f)) as Record<string, unknown>[],
  );
}

function indicator(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: ts,
    modified: ts,
    name: `bad ip ${i}`,
    pattern: `[ipv4-addr:value = '198.51.100.${i % 250}']`,
    pattern_type: 'stix',
    valid_from: ts,
    ...extra,
  };
}

function checkError(
  r: { status: number; headers: Headers; json: Record<string, unknown> },
  status: number,
  code: string,
): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.headers.get('content-type'), TAXII_CT);
  assert.equal(r.json['http_status'], String(status));
  assert.equal(r.json['error_code'], code);
  assert.equal(typeof r.json['title'], 'string');
  assert.equal(typeof r.json['error_id'], 'string');
}

for (const engine of taxiiEngines()) {
  describe(`TAXII 2.1 API on ${engine}`, () => {
    let n: TaxiiNode;
    let coll: string;
    let collUrl: string;
    const admin = () => n.adminAuth;
    const reader = () => bearer(n.readerToken);

    before(async () => {
      n = await startTaxiiNode(engine, { maxContentLength: 1024 * 1024 });
      coll = (await n.taxii.createCollection({ title: 'Feed', alias: 'feed', description: 'test feed' })).id;
      collUrl = `${n.api}collections/${coll}/`;
      const r = await taxiiFetch(`${collUrl}objects/`, {
        auth: admin(),
        body: JSON.stringify({ objects: python2Objects() }),
      });
      assert.equal(r.status, 202, r.text);
    });
    after(() => n?.close());

    describe('discovery and API root', () => {
      it('serves discovery with the API root', async () => {
        const r = await taxiiFetch(`${n.url}/taxii2/`, { auth: reader() });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('content-type'), TAXII_CT);
        assert.deepEqual(r.json['api_roots'], ['/taxii2/api/']);
        assert.equal(r.json['default'], '/taxii2/api/');
      });

      it('serves the API root with versions and max_content_length', async () => {
        const r = await taxiiFetch(n.api, { auth: reader() });
        assert.equal(r.status, 200);
        assert.deepEqual(r.json['versions'], [TAXII_CT]);
        assert.equal(r.json['max_content_length'], 1024 * 1024);
      });

      it('answers 404 for an unknown API root and an unknown path, in the TAXII format', async () => {
        checkError(await taxiiFetch(`${n.url}/taxii2/nope/`, { auth: reader() }), 404, 'TAXII_NOT_FOUND');
        checkError(
          await taxiiFetch(`${n.url}/taxii2/api/whatever/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
      });
    });

    describe('authentication and rights', () => {
      it('refuses anonymous requests by default with 401 and WWW-Authenticate', async () => {
        const r = await taxiiFetch(`${n.url}/taxii2/`);
        checkError(r, 401, 'TAXII_UNAUTHORIZED');
        assert.match(r.headers.get('www-authenticate') ?? '', /Basic/);
      });

      it('refuses a wrong password, an unknown token and an unknown scheme', async () => {
        const bad = `Basic ${Buffer.from('admin:wrong password').toString('base64')}`;
        checkError(await taxiiFetch(n.api, { auth: bad }), 401, 'TAXII_UNAUTHORIZED');
        checkError(await taxiiFetch(n.api, { auth: bearer('parley_taxii_nope') }), 401, 'TAXII_UNAUTHORIZED');
        checkError(await taxiiFetch(n.api, { auth: 'Digest x' }), 401, 'TAXII_UNAUTHORIZED');
      });

      it('lists collections with can_read / can_write for the caller', async () => {
        const r = await taxiiFetch(`${n.api}collections/`, { auth: reader() });
        assert.equal(r.status, 200);
        const list = r.json['collections'] as {
          id: string;
          alias?: string;
          can_read: boolean;
          can_write: boolean;
          media_types: string[];
        }[];
        const feed = list.find((c) => c.id === coll)!;
        assert.deepEqual([feed.can_read, feed.can_write, feed.alias], [true, false, 'feed']);
        assert.deepEqual(feed.media_types, ['application/stix+json;version=2.1']);
        assert.ok(list.some((c) => c.alias === 'outbox'));
        const w = await taxiiFetch(`${n.api}collections/`, { auth: bearer(n.writerToken) });
        const wl = w.json['collections'] as { alias?: string; can_write: boolean }[];
        assert.deepEqual(
          wl.map((c) => [c.alias, c.can_write]),
          [['outbox', true]],
        );
      });

      it('serves one collection by id and by alias; hides collections without rights (404)', async () => {
        const a = await taxiiFetch(collUrl, { auth: reader() });
        const b = await taxiiFetch(`${n.api}collections/feed/`, { auth: reader() });
        assert.equal(a.status, 200);
        assert.deepEqual(a.json, b.json);
        checkError(await taxiiFetch(collUrl, { auth: bearer(n.writerToken) }), 404, 'TAXII_NOT_FOUND');
        checkError(
          await taxiiFetch(`${n.api}collections/${randomUUID()}/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
      });

      it('refuses a write without the write right (403)', async () => {
        const r = await taxiiFetch(`${collUrl}objects/`, {
          auth: reader(),
          body: JSON.stringify({ objects: [indicator(1)] }),
        });
        checkError(r, 403, 'TAXII_FORBIDDEN');
        checkError(
          await taxiiFetch(`${collUrl}objects/${MALWARE}/`, { method: 'DELETE', auth: reader() }),
          403,
          'TAXII_FORBIDDEN',
        );
      });

      it('lets anonymous in only where granted', async () => {
        const open = (await n.taxii.createCollection({ title: 'Public', alias: `public-${randomUUID()}` }))
          .id;
        await n.taxii.auth.grant('anonymous', open, true, false);
        try {
          const r = await taxiiFetch(`${n.api}collections/${open}/objects/`);
          assert.equal(r.status, 200);
          checkError(await taxiiFetch(`${collUrl}objects/`), 401, 'TAXII_UNAUTHORIZED');
        } finally {
          await n.taxii.objects.setTaxiiRight({
            user: 'anonymous',
            collection: open,
            canRead: false,
            canWrite: false,
          });
        }
      });
    });

    describe('media types', () => {
      it('answers 406 when Accept excludes TAXII 2.1', async () => {
        checkError(
          await taxiiFetch(n.api, { auth: reader(), headers: { accept: 'application/json' } }),
          406,
          'TAXII_NOT_ACCEPTABLE',
        );
        checkError(
          await taxiiFetch(n.api, {
            auth: reader(),
            headers: { accept: 'application/taxii+json;version=2.0' },
          }),
          406,
          'TAXII_NOT_ACCEPTABLE',
        );
        assert.equal(
          (await taxiiFetch(n.api, { auth: reader(), headers: { accept: 'application/taxii+json' } })).status,
          200,
        );
        assert.equal((await taxiiFetch(n.api, { auth: reader(), headers: { accept: '*/*' } })).status, 200);
      });

      it('answers 415 for a POST body that is not TAXII JSON', async () => {
        const body = JSON.stringify({ objects: [indicator(2)] });
        checkError(
          await taxiiFetch(`${collUrl}objects/`, {
            auth: admin(),
            body,
            headers: { 'content-type': 'application/json' },
          }),
          415,
          'TAXII_UNSUPPORTED_MEDIA_TYPE',
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/`, {
            auth: admin(),
            body,
            headers: { 'content-type': 'application/taxii+json;version=2.0' },
          }),
          415,
          'TAXII_UNSUPPORTED_MEDIA_TYPE',
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/`, {
            auth: admin(),
            body,
            headers: { 'content-type': 'text/plain' },
          }),
          415,
          'TAXII_UNSUPPORTED_MEDIA_TYPE',
        );
      });

      it('answers 413 for a body over max_content_length', async () => {
        const big = JSON.stringify({
          objects: [indicator(3, { description: 'x'.repeat(1024 * 1024 + 10) })],
        });
        checkError(
          await taxiiFetch(`${collUrl}objects/`, { auth: admin(), body: big }),
          413,
          'TAXII_TOO_LARGE',
        );
      });
    });

    describe('POST objects and status', () => {
      it('answers 202 with a complete status listing successes and failures, and serves it again', async () => {
        const good = [indicator(10), indicator(11)];
        const broken: Record<string, unknown> = { ...indicator(12), pattern: "[ipv4-addr:value = '1.2.3.4'" };
        const r = await taxiiFetch(`${collUrl}objects/`, {
          auth: admin(),
          body: JSON.stringify({ objects: [...good, broken, good[0]] }),
        });
        assert.equal(r.status, 202, r.text);
        assert.equal(r.headers.get('content-type'), TAXII_CT);
        const s = r.json as {
          id: string;
          status: string;
          total_count: number;
          success_count: number;
          failure_count: number;
          pending_count: number;
          successes: { id: string; version: string; message?: string }[];
          failures: { id: string; message: string }[];
        };
        assert.deepEqual(
          [s.status, s.total_count, s.success_count, s.failure_count, s.pending_count],
          ['complete', 4, 3, 1, 0],
        );
        assert.equal(s.failures[0]?.id, broken['id']);
        assert.match(s.failures[0]!.message, /STIX_PATTERN/);
        assert.equal(s.successes[0]?.version, good[0]!.modified);
        assert.match(s.successes[2]?.message ?? '', /already/);
        const again = await taxiiFetch(`${n.api}status/${s.id}/`, { auth: reader() });
        assert.equal(again.status, 200);
        assert.deepEqual(again.json, r.json);
        checkError(
          await taxiiFetch(`${n.api}status/${randomUUID()}/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
      });

      it('answers 422 with per-object reasons when no object is valid', async () => {
        const r = await taxiiFetch(`${collUrl}objects/`, {
          auth: admin(),
          body: JSON.stringify({ objects: [{ type: 'indicator' }, 42] }),
        });
        checkError(r, 422, 'TAXII_OBJECTS_REJECTED');
        const failures = (r.json['details'] as { failures: { index: number; message: string }[] }).failures;
        assert.deepEqual(
          failures.map((f) => f.index),
          [0, 1],
        );
        assert.ok(failures.every((f) => f.message.length > 0));
      });

      it('answers 400 for bodies that are not envelopes', async () => {
        for (const body of ['{"objects": [', '[]', '{"objects": {}}', '{"objects": []}', '"x"', '{}']) {
          checkError(
            await taxiiFetch(`${collUrl}objects/`, { auth: admin(), body }),
            400,
            'TAXII_ENVELOPE_INVALID',
          );
        }
      });
    });

    describe('GET objects', () => {
      const get = (q = '', auth = reader()) => taxiiFetch(`${collUrl}objects/${q}`, { auth });
      const ids = (r: { json: Record<string, unknown> }) =>
        ((r.json['objects'] ?? []) as { id: string }[]).map((o) => o.id);

      it('returns the last version of each object by default, with date-added headers', async () => {
        const r = await get();
        assert.equal(r.status, 200);
        const objs = r.json['objects'] as { id: string; modified?: string }[];
        assert.equal(objs.filter((o) => o.id === MALWARE).length, 1);
        assert.equal(objs.find((o) => o.id === MALWARE)?.modified, MALWARE_VERSIONS[3]);
        assert.equal(r.json['more'], false);
        const first = r.headers.get('x-taxii-date-added-first')!;
        const last = r.headers.get('x-taxii-date-added-last')!;
        assert.match(first, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        assert.ok(first < last);
      });

      it('filters by match[version] first, last, all and a timestamp 1 ms from another', async () => {
        const versions = async (v: string) =>
          ((await get(`?match[id]=${MALWARE}&match[version]=${v}`)).json['objects'] as { modified: string }[])
            .map((o) => o.modified)
            .sort();
        assert.deepEqual(await versions('first'), [MALWARE_VERSIONS[0]]);
        assert.deepEqual(await versions('last'), [MALWARE_VERSIONS[3]]);
        assert.deepEqual(await versions('all'), MALWARE_VERSIONS);
        assert.deepEqual(await versions('first,last'), [MALWARE_VERSIONS[0], MALWARE_VERSIONS[3]]);
        assert.deepEqual(await versions(MALWARE_VERSIONS[2]!), [MALWARE_VERSIONS[2]]);
        assert.deepEqual(await versions('2018-11-01T23:24:48.4565Z'), []);
        assert.deepEqual(await versions(`${MALWARE_VERSIONS[1]},${MALWARE_VERSIONS[2]}`), [
          MALWARE_VERSIONS[1],
          MALWARE_VERSIONS[2],
        ]);
      });

      it('filters by match[type], match[id] (repeated or comma-separated) and match[spec_version]', async () => {
        const r = await get('?match[type]=malware');
        assert.ok(ids(r).length > 0 && ids(r).every((id) => id.startsWith('malware--')));
        const two = await get('?match[type]=malware,tool');
        assert.ok(
          ids(two).some((i) => i.startsWith('tool--')) && ids(two).some((i) => i.startsWith('malware--')),
        );
        const rep = await get('?match[type]=malware&match[type]=tool');
        assert.deepEqual(ids(rep), ids(two));
        const one = await get(`?match[id]=${MALWARE}`);
        assert.deepEqual(ids(one), [MALWARE]);
        assert.equal(ids(await get('?match[spec_version]=2.0')).length, 0);
        assert.deepEqual(ids(await get(`?match[spec_version]=2.1&match[id]=${MALWARE}`)), [MALWARE]);
        assert.deepEqual(ids(await get(`?match[type]=tool&match[id]=${MALWARE}`)), []);
      });

      it('filters by added_after', async () => {
        const all = await get('?match[version]=all');
        const list = all.json['objects'] as unknown[];
        const first = all.headers.get('x-taxii-date-added-first')!;
        const after = await get(`?match[version]=all&added_after=${first}`);
        assert.equal((after.json['objects'] as unknown[]).length, list.length - 1);
        const last = all.headers.get('x-taxii-date-added-last')!;
        const none = await get(`?added_after=${last}`);
        assert.deepEqual(none.json['objects'], []);
        assert.equal(none.headers.get('x-taxii-date-added-first'), null);
      });

      it('pages through more objects than one page with limit and next, in date_added order', async () => {
        const c = (await n.taxii.createCollection({ title: 'Paging' })).id;
        const objs = Array.from({ length: 250 }, (_, i) => indicator(i));
        for (let i = 0; i < objs.length; i += 100) {
          const r = await taxiiFetch(`${n.api}collections/${c}/objects/`, {
            auth: admin(),
            body: JSON.stringify({ objects: objs.slice(i, i + 100) }),
          });
          assert.equal(r.status, 202);
        }
        const seen: string[] = [];
        let next: string | undefined;
        let pages = 0;
        let lastAdded = '';
        do {
          const r = await taxiiFetch(
            `${n.api}collections/${c}/objects/?limit=40${next ? `&next=${encodeURIComponent(next)}` : ''}`,
            { auth: reader() },
          );
          assert.equal(r.status, 200);
          pages++;
          const page = r.json['objects'] as { id: string }[];
          assert.ok(page.length <= 40);
          assert.ok(r.headers.get('x-taxii-date-added-first')! > lastAdded);
          lastAdded = r.headers.get('x-taxii-date-added-last')!;
          seen.push(...page.map((o) => o.id));
          next = r.json['more'] ? (r.json['next'] as string) : undefined;
          if (r.json['more']) assert.equal(typeof r.json['next'], 'string');
        } while (next);
        assert.equal(pages, 7);
        assert.deepEqual(
          seen,
          objs.map((o) => o.id),
        );
        const manifest = await taxiiFetch(`${n.api}collections/${c}/manifest/?limit=100`, { auth: reader() });
        assert.equal((manifest.json['objects'] as unknown[]).length, 100);
        assert.equal(manifest.json['more'], true);
      });

      it('answers 400 for malformed filters', async () => {
        for (const q of [
          '?limit=0',
          '?limit=abc',
          '?limit=-1',
          '?added_after=yesterday',
          '?added_after=2026-13-01T00:00:00Z',
          '?next=garbage',
          '?match[version]=latest',
          '?match[type]=Not_A_Type',
          '?match[id]=nope',
          '?match[spec_version]=two',
          '?colour=red',
          '?match[foo]=1',
          '?match[type]=',
        ]) {
          checkError(await get(q), 400, 'TAXII_FILTER_INVALID');
        }
      });
    });

    describe('object, versions, manifest, delete', () => {
      it('serves one object (last version by default, or as asked) and 404 for an unknown one', async () => {
        const r = await taxiiFetch(`${collUrl}objects/${MALWARE}/`, { auth: reader() });
        assert.equal(r.status, 200);
        assert.deepEqual(
          (r.json['objects'] as { modified: string }[]).map((o) => o.modified),
          [MALWARE_VERSIONS[3]],
        );
        const all = await taxiiFetch(`${collUrl}objects/${MALWARE}/?match[version]=all`, { auth: reader() });
        assert.equal((all.json['objects'] as unknown[]).length, 4);
        checkError(
          await taxiiFetch(`${collUrl}objects/malware--${randomUUID()}/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/not-an-id/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/${MALWARE}/?match[type]=malware`, { auth: reader() }),
          400,
          'TAXII_FILTER_INVALID',
        );
      });

      it('lists versions in date_added order, pages them, and refuses match[version] there', async () => {
        const r = await taxiiFetch(`${collUrl}objects/${MALWARE}/versions/`, { auth: reader() });
        assert.equal(r.status, 200);
        assert.deepEqual([...(r.json['versions'] as string[])].sort(), MALWARE_VERSIONS);
        assert.ok(r.headers.get('x-taxii-date-added-last'));
        const p1 = await taxiiFetch(`${collUrl}objects/${MALWARE}/versions/?limit=3`, { auth: reader() });
        assert.equal((p1.json['versions'] as string[]).length, 3);
        assert.equal(p1.json['more'], true);
        const p2 = await taxiiFetch(
          `${collUrl}objects/${MALWARE}/versions/?limit=3&next=${p1.json['next'] as string}`,
          { auth: reader() },
        );
        assert.deepEqual(
          [...(p1.json['versions'] as string[]), ...(p2.json['versions'] as string[])],
          r.json['versions'],
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/${MALWARE}/versions/?match[version]=all`, { auth: reader() }),
          400,
          'TAXII_FILTER_INVALID',
        );
        checkError(
          await taxiiFetch(`${collUrl}objects/identity--${randomUUID()}/versions/`, { auth: reader() }),
          404,
          'TAXII_NOT_FOUND',
        );
      });

      it('serves a manifest with date_added, version and media_type', async () => {
        const r = await taxiiFetch(`${collUrl}manifest/?match[id]=${MALWARE}&match[version]=all`, {
          auth: reader(),
        });
        assert.equal(r.status, 200);
        const recs = r.json['objects'] as {
          id: string;
          date_added: string;
          version: string;
          media_type: string;
        }[];
        assert.deepEqual(recs.map((x) => x.version).sort(), MALWARE_VERSIONS);
        assert.ok(
          recs.every(
            (x) =>
              x.id === MALWARE &&
              x.media_type === 'application/stix+json;version=2.1' &&
              /Z$/.test(x.date_added),
          ),
        );
        assert.equal(r.headers.get('x-taxii-date-added-first'), recs[0]!.date_added);
      });

      it('deletes one version, then the rest, and 404s after', async () => {
        const c = (await n.taxii.createCollection({ title: 'Delete' })).id;
        const url = `${n.api}collections/${c}/objects/`;
        const objs = python2Objects().filter((o) => o['id'] === MALWARE);
        assert.equal(
          (await taxiiFetch(url, { auth: admin(), body: JSON.stringify({ objects: objs }) })).status,
          202,
        );
        const del = await taxiiFetch(`${url}${MALWARE}/?match[version]=${MALWARE_VERSIONS[3]}`, {
          method: 'DELETE',
          auth: admin(),
        });
        assert.equal(del.status, 200, del.text);
        const last = await taxiiFetch(`${url}${MALWARE}/`, { auth: reader() });
        assert.deepEqual(
          (last.json['objects'] as { modified: string }[]).map((o) => o.modified),
          [MALWARE_VERSIONS[2]],
        );
        assert.equal(
          (await taxiiFetch(`${url}${MALWARE}/`, { method: 'DELETE', auth: admin() })).status,
          200,
        );
        checkError(await taxiiFetch(`${url}${MALWARE}/`, { auth: reader() }), 404, 'TAXII_NOT_FOUND');
        checkError(
          await taxiiFetch(`${url}${MALWARE}/`, { method: 'DELETE', auth: admin() }),
          404,
          'TAXII_NOT_FOUND',
        );
      });
    });

    describe('channels and the outbox', () => {
      it('mirrors a channel as a read-only collection created on demand', async () => {
        const channel = `channel--${randomUUID()}`;
        const res = await n.taxii.addChannelObjects(
          channel,
          [indicator(1), { type: 'indicator' }],
          new Date(),
        );
        assert.deepEqual([res.added, res.duplicates, res.rejected.length], [1, 0, 1]);
        const url = `${n.api}collections/${channel}/`;
        const c = await taxiiFetch(url, { auth: admin() });
        assert.deepEqual(
          [c.status, c.json['can_read'], c.json['can_write'], c.json['id']],
          [200, true, false, channel.slice(9)],
        );
        assert.equal(
          ((await taxiiFetch(`${url}objects/`, { auth: reader() })).json['objects'] as unknown[]).length,
          1,
        );
        checkError(
          await taxiiFetch(`${url}objects/`, {
            auth: admin(),
            body: JSON.stringify({ objects: [indicator(2)] }),
          }),
          403,
          'TAXII_FORBIDDEN',
        );
      });

      it("hands what the party's tools POST to the outbox to the dialogue, in order, resumably", async () => {
        const start = await n.taxii.listOutbox();
        const objs = [indicator(100), indicator(101), indicator(102)];
        const r = await taxiiFetch(`${n.api}collections/outbox/objects/`, {
          auth: bearer(n.writerToken),
          body: JSON.stringify({ objects: objs }),
        });
        assert.equal(r.status, 202, r.text);
        const p1 = await n.taxii.listOutbox(start.next, 2);
        assert.deepEqual(
          p1.objects.map((o) => o.object['id']),
          objs.slice(0, 2).map((o) => o['id']),
        );
        assert.equal(p1.more, true);
        const p2 = await n.taxii.listOutbox(p1.next, 2);
        assert.deepEqual(
          p2.objects.map((o) => o.object['id']),
          [objs[2]!['id']],
        );
        const p3 = await n.taxii.listOutbox(p2.next, 2);
        assert.deepEqual([p3.objects.length, p3.next], [0, p2.next]);
      });
    });
  });
}

// `next` carries its whole position (no per-process cursor), so a client can page on through a
// restart, or across two processes serving one database.
for (const engine of taxiiEngines()) {
  describe(`TAXII paging survives restarts and several processes (${engine})`, () => {
    it('pages on with the same next after a restart and from a second process, missing and repeating nothing', async () => {
      const first = await startTaxiiNode(engine);
      let second: TaxiiNode | undefined;
      let third: TaxiiNode | undefined;
      try {
        const coll = (await first.taxii.createCollection({ title: 'Paged', alias: 'paged' })).id;
        const posted = Array.from({ length: 250 }, (_, i) => indicator(i));
        for (let i = 0; i < posted.length; i += 50) {
          const r = await taxiiFetch(`${first.api}collections/${coll}/objects/`, {
            auth: first.adminAuth,
            body: JSON.stringify({ objects: posted.slice(i, i + 50) }),
          });
          assert.equal(r.status, 202, r.text);
        }
        const seen: string[] = [];
        const page = async (node: TaxiiNode, next?: string) => {
          const q = `?limit=60${next ? `&next=${encodeURIComponent(next)}` : ''}`;
          const r = await taxiiFetch(`${node.api}collections/${coll}/objects/${q}`, { auth: node.adminAuth });
          assert.equal(r.status, 200, r.text);
          for (const o of r.json['objects'] as { id: string }[]) seen.push(o.id);
          return r.json['more'] ? (r.json['next'] as string) : undefined;
        };
        let next = await page(first);
        assert.ok(next);
        // A restart: the same data opened by a new node; the token from before goes on working.
        await first.stop();
        second = await startTaxiiNode(engine, { reuse: first.reuse });
        next = await page(second, next);
        assert.ok(next);
        // A second process over the same database, while the first is still serving.
        third = await startTaxiiNode(engine, { reuse: first.reuse });
        next = await page(third, next);
        while (next) next = await page(second, next);
        assert.equal(seen.length, posted.length);
        assert.deepEqual(new Set(seen), new Set(posted.map((o) => o['id'] as string)));
      } finally {
        await third?.stop();
        if (second) await second.close();
        else await first.close();
      }
    });
  });
}
