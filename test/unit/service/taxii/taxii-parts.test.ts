/** Table tests of the TAXII pieces that need no server: time, cursors, filters, media types, passwords, the client's retries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsTaxii, isTaxiiContentType } from '../../../../src/http/plugins/taxii-media.js';
import { TaxiiClient } from '../../../../src/service/taxii/taxii-client.js';
import { decodeCursor, encodeCursor } from '../../../../src/service/taxii/taxii-cursor.js';
import { TaxiiError } from '../../../../src/service/taxii/taxii-error.js';
import { parseFilters } from '../../../../src/service/taxii/taxii-filters.js';
import { hashPassword, verifyPassword } from '../../../../src/service/taxii/taxii-password.js';
import {
  formatUs,
  formatVersion,
  timestampToUs,
  versionKey,
} from '../../../../src/service/taxii/taxii-time.js';

const isCode = (code: string) => (e: unknown) => e instanceof TaxiiError && e.code === code;

describe('taxii-time', () => {
  const cases: { desc: string; ts: string; key: string | undefined; us?: number }[] = [
    {
      desc: 'seconds only',
      ts: '2016-04-06T20:03:48Z',
      key: '2016-04-06T20:03:48.000000000Z',
      us: 1459973028000000,
    },
    {
      desc: 'milliseconds',
      ts: '2018-11-01T23:24:48.456Z',
      key: '2018-11-01T23:24:48.456000000Z',
      us: 1541114688456000,
    },
    {
      desc: 'microseconds',
      ts: '2017-05-31T21:32:58.226477Z',
      key: '2017-05-31T21:32:58.226477000Z',
      us: 1496266378226477,
    },
    {
      desc: 'nanoseconds (sub-µs truncated in µs)',
      ts: '2017-05-31T21:32:58.226477999Z',
      key: '2017-05-31T21:32:58.226477999Z',
      us: 1496266378226477,
    },
    { desc: 'no Z', ts: '2016-04-06T20:03:48', key: undefined },
    { desc: 'offset', ts: '2016-04-06T20:03:48+00:00', key: undefined },
    { desc: 'February 30th', ts: '2021-02-30T00:00:00Z', key: undefined },
    { desc: 'hour 24', ts: '2021-02-01T24:00:00Z', key: undefined },
    { desc: 'ten fraction digits', ts: '2021-02-01T00:00:00.0123456789Z', key: undefined },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      assert.equal(versionKey(c.ts), c.key);
      if (c.us !== undefined) {
        assert.equal(timestampToUs(c.ts), c.us);
        assert.equal(timestampToUs(formatUs(c.us)), c.us);
      }
    });
  }
  it('formats version keys with at least milliseconds and no trailing zeros beyond', () => {
    assert.equal(formatVersion('2016-04-06T20:03:48.000000000Z'), '2016-04-06T20:03:48.000Z');
    assert.equal(formatVersion('2017-05-31T21:32:58.226477000Z'), '2017-05-31T21:32:58.226477Z');
    assert.equal(formatUs(1541114688456001), '2018-11-01T23:24:48.456001Z');
  });
});

describe('next tokens', () => {
  it('round-trip and refuse anything else', () => {
    const c = { addedUs: 1541114688456001, seq: 987654 };
    assert.deepEqual(decodeCursor(encodeCursor(c)), c);
    for (const bad of [
      '',
      'p1.',
      'p1.!!!',
      'x1.MTIzLjQ1',
      `p1.${Buffer.from('1.2.3').toString('base64url')}`,
      `p1.${Buffer.from('99999999999999999.1').toString('base64url')}`,
      'p1.' + 'A'.repeat(100),
    ]) {
      assert.throws(() => decodeCursor(bad), isCode('TAXII_FILTER_INVALID'), bad);
    }
  });
});

describe('parseFilters', () => {
  const all = { allow: ['id', 'type', 'version', 'spec_version'] as const, bodies: true };
  it('defaults to the last version and a page of 1000', () => {
    const f = parseFilters({}, all);
    assert.deepEqual(
      [f.versions, f.limit, f.addedAfterUs, f.after],
      [{ last: true }, 1000, undefined, undefined],
    );
  });
  it('takes repeated and comma-separated values, and caps the limit', () => {
    const f = parseFilters(
      {
        'match[type]': ['indicator,malware', 'tool'],
        'match[version]': 'first,2018-11-01T23:24:48.456Z',
        limit: '999999',
      },
      all,
    );
    assert.deepEqual(f.types, ['indicator', 'malware', 'tool']);
    assert.deepEqual(f.versions, {
      first: true,
      last: false,
      all: false,
      at: ['2018-11-01T23:24:48.456000000Z'],
    });
    assert.equal(f.limit, 10_000);
  });
  it('refuses parameters the endpoint does not take', () => {
    assert.throws(
      () => parseFilters({ 'match[type]': 'indicator' }, { allow: ['version'], bodies: true }),
      isCode('TAXII_FILTER_INVALID'),
    );
    assert.throws(() => parseFilters({ limit: ['1', '2'] }, all), isCode('TAXII_FILTER_INVALID'));
  });
});

describe('media types', () => {
  const accept: [string | undefined, boolean][] = [
    [undefined, true],
    ['*/*', true],
    ['application/*', true],
    ['application/taxii+json', true],
    ['application/taxii+json;version=2.1', true],
    ['application/taxii+json; version="2.1"', true],
    ['application/json, application/taxii+json;version=2.1;q=0.5', true],
    ['application/taxii+json;version=2.1;q=0', false],
    ['application/taxii+json;version=2.0', false],
    ['application/json', false],
    ['text/html', false],
  ];
  for (const [h, ok] of accept) it(`Accept ${String(h)} → ${ok}`, () => assert.equal(acceptsTaxii(h), ok));
  it('checks Content-Type', () => {
    assert.equal(isTaxiiContentType('application/taxii+json;version=2.1'), true);
    assert.equal(isTaxiiContentType('application/TAXII+json'), true);
    assert.equal(isTaxiiContentType('application/stix+json;version=2.1'), false);
    assert.equal(isTaxiiContentType(undefined), false);
  });
});

describe('passwords', () => {
  it('verify the right password only, and refuse malformed hashes', async () => {
    const h = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    assert.match(h, /^scrypt\$1024\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse', h), true);
    assert.equal(await verifyPassword('correct horsf', h), false);
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(await verifyPassword('x', 'scrypt$99999999$8$1$AA==$AA=='), false);
  });
});

describe('TaxiiClient retries', () => {
  const envelope = JSON.stringify({ more: false, objects: [{ id: 'x' }] });
  function fakeFetch(answers: (number | Error)[]): { fetch: typeof fetch; calls: () => number } {
    let i = 0;
    const f = (async () => {
      const a = answers[Math.min(i++, answers.length - 1)]!;
      if (a instanceof Error) throw a;
      return new Response(
        a === 200 ? envelope : JSON.stringify({ title: 'x', error_code: 'E', description: 'nope' }),
        {
          status: a,
          headers: a === 429 ? { 'retry-after': '2' } : {},
        },
      );
    }) as unknown as typeof fetch;
    return { fetch: f, calls: () => i };
  }
  it('retries 429, 5xx and network errors with backoff, honouring Retry-After', async () => {
    const waits: number[] = [];
    const f = fakeFetch([503, new TypeError('fetch failed'), 429, 200]);
    const c = new TaxiiClient({
      apiRoot: 'http://x/taxii2/api',
      collection: 'c',
      fetch: f.fetch,
      sleep: async (ms) => void waits.push(ms),
      baseDelayMs: 100,
    });
    const page = await c.getObjects({});
    assert.equal(page.objects.length, 1);
    assert.equal(f.calls(), 4);
    assert.equal(waits.length, 3);
    assert.ok(waits[0]! >= 50 && waits[0]! <= 100 && waits[1]! >= 100 && waits[1]! <= 200);
    assert.equal(waits[2], 2000);
  });
  it('gives up after maxRetries with TAXII_REMOTE_UNREACHABLE', async () => {
    const f = fakeFetch([500]);
    const c = new TaxiiClient({
      apiRoot: 'http://x/taxii2/api/',
      collection: 'c',
      fetch: f.fetch,
      sleep: async () => {},
      maxRetries: 2,
    });
    await assert.rejects(c.getObjects({}), isCode('TAXII_REMOTE_UNREACHABLE'));
    assert.equal(f.calls(), 3);
  });
  it('does not retry other 4xx and says what the server said', async () => {
    const f = fakeFetch([403]);
    const c = new TaxiiClient({
      apiRoot: 'http://x/taxii2/api/',
      collection: 'c',
      fetch: f.fetch,
      sleep: async () => {},
    });
    await assert.rejects(
      c.getObjects({}),
      (e: unknown) => isCode('TAXII_REMOTE_ERROR')(e) && /403 E: nope/.test((e as Error).message),
    );
    assert.equal(f.calls(), 1);
  });
});
