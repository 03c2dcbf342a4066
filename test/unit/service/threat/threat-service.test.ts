/** ThreatService over a real SQLite store, fed envelopes directly (the dialogue verifies them upstream). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { EnvelopeKind, ParsedEnvelope } from '../../../../src/core/envelope/index.js';
import type { JsonObject } from '../../../../src/core/jcs/index.js';
import { ThreatService } from '../../../../src/service/threat/index.js';
import { openStore, type Store } from '../../../../src/store/index.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../../../helpers/threat-fixtures.js';

const A = 'identity--11111111-1111-4111-8111-111111111111';
const B = 'identity--22222222-2222-4222-8222-222222222222';
const C = 'channel--33333333-3333-4333-8333-333333333333';
let n = 0;

function env(
  kind: EnvelopeKind,
  author: string,
  body: JsonObject,
  created = '2026-11-27T09:00:00.000Z',
): ParsedEnvelope {
  const hashHex = (++n).toString(16).padStart(64, '0');
  return {
    envelope: { v: 1, channel: C, author, seq: n, created, kind, body, sig: '' },
    bytes: new Uint8Array(),
    hash: Buffer.from(hashHex, 'hex'),
    hashHex,
  };
}

describe('ThreatService projection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-threat-svc-'));
  const clock = { now: () => new Date('2026-11-27T10:00:00.000Z') };
  let store: Store;
  let svc: ThreatService;
  before(async () => {
    store = await openStore({ engine: 'sqlite', path: join(dir, 'db') });
    svc = new ThreatService({ store, partyId: B, clock, logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ignores a designation made for another party, an invalid one, and an ack of one’s own designation', async () => {
    await svc.project(env('designation', B, { party: A, version: 1, ...FOOD_DESIGNATION }));
    await svc.project(
      env('designation', A, { party: A, version: 1, taxonomy: 'us-ppd21', sectors: ['nope'], assets: [] }),
    );
    assert.deepEqual(await svc.designations(C), []);
    const good = env('designation', A, { party: A, version: 1, ...FOOD_DESIGNATION });
    await svc.project(good);
    await svc.project(good);
    await svc.project(env('designation-ack', A, { party: A, version: 1, designation: good.hashHex }));
    const [v] = await svc.designations(C);
    assert.equal(v!.version, 1);
    assert.deepEqual(v!.acks, []);
  });

  it('scores a notification once however often it is projected, and raises one alarm naming the entry', async () => {
    const { bundle } = ransomwareBundle();
    const e = env('notify', A, { template: NOTIFY_TEMPLATE, bundle });
    await svc.project(e);
    await svc.project(e);
    assert.equal((await svc.incidents({ channel: C })).length, 1);
    const alarms = (await store.dialogue.listAlarms({ open: true, limit: 10 })).filter(
      (x) => x.kind === 'designated-infrastructure',
    );
    assert.equal(alarms.length, 1);
    assert.equal(alarms[0]!.severity, 'critical');
    assert.match(alarms[0]!.message, /asset meat-co/);
    const l = await svc.level({ kind: 'channel', id: C });
    assert.ok(l.level >= 2);
  });

  it('counts an incident notified again in a later envelope only once', async () => {
    const { bundle } = ransomwareBundle({ name: 'Second plant' });
    await svc.project(env('notify', A, { template: NOTIFY_TEMPLATE, bundle }));
    const before = await svc.level({ kind: 'channel', id: C });
    await svc.project(env('notify', A, { template: NOTIFY_TEMPLATE, bundle }));
    const again = await svc.level({ kind: 'channel', id: C });
    assert.equal(again.score, before.score);
    assert.equal((await svc.explain({ kind: 'channel', id: C })).incidents.length, 2);
  });

  it('keeps published assessments and shows them beside the computed level', async () => {
    await svc.project(
      env('assessment', A, { scope: { kind: 'channel', id: C }, level: 5, rationale: 'worst week' }),
    );
    const l = await svc.level({ kind: 'channel', id: C });
    assert.deepEqual(
      l.published.map((p) => [p.party, p.level]),
      [[A, 5]],
    );
    const [a] = await svc.assessments({ channel: C });
    assert.equal(a!.computed.level, l.level);
  });

  it('a new service over the same store rebuilds the same levels', async () => {
    const fresh = new ThreatService({ store, partyId: B, clock, logger: pino({ level: 'silent' }) });
    const want = await svc.levels();
    assert.deepEqual(await fresh.levels(), want);
    assert.equal(want.length, 3);
  });

  it('refuses to send without a dialogue, and checks an assessment level', async () => {
    await assert.rejects(svc.designate(C, FOOD_DESIGNATION), /no dialogue/);
    assert.throws(
      () => svc.publishAssessment(C, { scope: { kind: 'channel', id: C }, level: 6, rationale: 'x' }),
      { code: 'THREAT_QUERY_INVALID' },
    );
  });
});
