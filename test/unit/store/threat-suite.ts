/**
 * The threat sub-store suite (designations, acks and objections, scored incidents, assessments),
 * run by every engine. Tests isolate by fresh channel ids over one shared database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Store } from '../../../src/store/index.js';
import type { IncidentScoreColumns, IncidentScoreRecord } from '../../../src/store/threat.types.js';
import { withStore } from './store-fixtures.js';

const A = 'identity--11111111-1111-4111-8111-111111111111';
const B = 'identity--22222222-2222-4222-8222-222222222222';
const hash = () => randomUUID().replace(/-/g, '').padEnd(64, '0');
const chan = () => `channel--${randomUUID()}`;

function incident(channel: string, extra: Partial<IncidentScoreRecord> = {}): IncidentScoreRecord {
  return {
    envelopeHash: hash(),
    incidentId: `incident--${randomUUID()}`,
    channel,
    author: A,
    party: A,
    at: Date.UTC(2026, 10, 27, 9),
    original: 47.31707317,
    score: 60.48780488,
    level: 3,
    sectors: ['agriculture', 'manufacturing'],
    designated: [
      `${A} v1 asset meat-co (Meat Co) domain meat.example`,
      `${A} v1 sector us-food-and-agriculture`,
    ],
    detail: JSON.stringify({ k: 'v' }),
    name: 'Ransomware at Meat Co',
    ...extra,
  };
}

interface ScannedIncident {
  readonly id: string;
  readonly channel: string;
  readonly party: string;
  readonly at: number;
  readonly score: number;
  readonly sectors: readonly string[];
  readonly designated: readonly string[];
}

const slice = (p: IncidentScoreColumns['id'], i: number) => p.text.slice(p.start[i], p.end[i]);

/** Every stored incident, read with scanIncidentScores in pages of `limit`, one object each. */
async function scanAll(s: Store, limit: number): Promise<ScannedIncident[]> {
  const out: ScannedIncident[] = [];
  let cursor = 0;
  for (;;) {
    const { columns: c, cursor: next, done } = await s.threat.scanIncidentScores(cursor, limit);
    assert.ok(c.length <= limit);
    for (let i = 0; i < c.length; i++) {
      out.push({
        id: slice(c.id, i),
        channel: slice(c.channel, i),
        party: slice(c.party, i),
        at: c.at[i]!,
        score: c.score[i]!,
        sectors: c.sectors[i]!,
        designated: c.designated[i]!,
      });
    }
    if (done) return out;
    assert.ok(next > cursor);
    cursor = next;
  }
}

export function runThreatStoreSuite(open: () => Promise<Store>, label: string): void {
  describe(`ThreatStore on ${label}`, () => {
    it('is at schema version 5 or later', async () => {
      await withStore(open, async (s) => {
        const versions = (await s.listMigrations()).map((m) => m.version);
        assert.ok(versions.includes(5), `migrations: ${versions.join(',')}`);
      });
    });

    it('keeps designation versions first-write-wins and lists them in version order', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const d = (version: number, body = '{}') => ({
          channel,
          party: A,
          version,
          taxonomy: 'us-ppd21',
          body,
          envelopeHash: hash(),
          created: `2026-11-27T09:0${version}:00.000Z`,
        });
        assert.equal(await s.threat.putDesignation(d(2)), true);
        assert.equal(await s.threat.putDesignation(d(1)), true);
        assert.equal(
          await s.threat.putDesignation(d(1, '{"other":true}')),
          false,
          'the same version again is ignored',
        );
        const list = await s.threat.listDesignations({ channel });
        assert.deepEqual(
          list.map((x) => x.version),
          [1, 2],
        );
        assert.equal(list[0]!.body, '{}');
        assert.deepEqual(await s.threat.listDesignations({ channel, party: B }), []);
      });
    });

    it('keeps acks and objections with reasons, once per envelope', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const ack = {
          channel,
          party: A,
          version: 1,
          responder: B,
          kind: 'ack' as const,
          reasons: [],
          envelopeHash: hash(),
          created: '2026-11-27T10:00:00.000Z',
        };
        const obj = {
          ...ack,
          version: 2,
          kind: 'objection' as const,
          reasons: ['asset meat-co is not critical', 'range too wide'],
          envelopeHash: hash(),
          created: '2026-11-27T11:00:00.000Z',
        };
        assert.equal(await s.threat.putDesignationResponse(ack), true);
        assert.equal(await s.threat.putDesignationResponse(ack), false);
        assert.equal(await s.threat.putDesignationResponse(obj), true);
        const rs = await s.threat.listDesignationResponses({ channel });
        assert.deepEqual(
          rs.map((r) => [r.kind, r.version, r.responder]),
          [
            ['ack', 1, B],
            ['objection', 2, B],
          ],
        );
        assert.deepEqual(rs[1]!.reasons, obj.reasons);
      });
    });

    it('stores incident scores once per (envelope, incident) and round-trips every field', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const r = incident(channel);
        assert.equal(await s.threat.putIncidentScore(r), true);
        assert.equal(await s.threat.putIncidentScore({ ...r, score: 99 }), false);
        const [got] = await s.threat.getIncidentScores(r.envelopeHash);
        assert.deepEqual(got, r);
        assert.deepEqual(await s.threat.findIncidentScore(channel, r.incidentId), r);
        const plain = incident(channel, { designated: [], sectors: [] });
        await s.threat.putIncidentScore(plain);
        assert.deepEqual(
          (await s.threat.listIncidentScores({ channel, limit: 10 })).map((x) => x.incidentId),
          [plain.incidentId, r.incidentId],
        );
        assert.deepEqual(
          (await s.threat.listIncidentScores({ channel, flagged: true, limit: 10 })).map((x) => x.incidentId),
          [r.incidentId],
        );
        assert.deepEqual(
          (await s.threat.listIncidentScores({ channel, flagged: false, limit: 10 })).map(
            (x) => x.designated,
          ),
          [[]],
        );
      });
    });

    it('scans every incident in storage order, page by page, with only what the aggregate reads', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const before = await s.threat.countIncidentScores();
        const ids: string[] = [];
        for (let i = 0; i < 25; i++) {
          const r = incident(channel, {
            at: Date.UTC(2026, 0, 1) + i * 1000,
            score: i * 4,
            party: i % 2 ? A : B,
            sectors: i % 3 ? ['agriculture', 'manufacturing'] : [],
            designated: i % 5 ? [] : [`${A} v1 sector us-food-and-agriculture`],
          });
          ids.push(r.incidentId);
          await s.threat.putIncidentScore(r);
        }
        assert.equal(await s.threat.countIncidentScores(), before + 25);
        const mine = (await scanAll(s, 7)).filter((r) => r.channel === channel);
        assert.deepEqual(
          mine.map((r) => r.id),
          ids.map((id) => `${channel}|${id}`),
        );
        assert.equal(mine[3]!.score, 12);
        assert.equal(mine[3]!.at, Date.UTC(2026, 0, 1) + 3000);
        assert.deepEqual(
          mine.slice(0, 4).map((r) => r.party),
          [B, A, B, A],
        );
        assert.deepEqual(mine[0]!.sectors, []);
        assert.deepEqual(mine[1]!.sectors, ['agriculture', 'manufacturing']);
        assert.deepEqual(mine[0]!.designated, [`${A} v1 sector us-food-and-agriculture`]);
        assert.deepEqual(mine[1]!.designated, []);
        // Equal sector lists are one shared array, so a million incidents do not hold a million copies.
        assert.equal(mine[1]!.sectors, mine[2]!.sectors);
      });
    });

    it('scans scores and times back exactly, to the last bit', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const scores = [0, 100, 0.1 + 0.2, 1 / 3, 5e-324, 99.99999999999999, 2 ** -30, 47.31707317073171];
        const ats = [0, 1, Date.UTC(2026, 10, 27, 9, 0, 0, 123), 2 ** 53 - 1];
        for (let i = 0; i < scores.length; i++)
          await s.threat.putIncidentScore(incident(channel, { score: scores[i]!, at: ats[i % ats.length]! }));
        const mine = (await scanAll(s, 1000)).filter((r) => r.channel === channel);
        assert.deepEqual(
          mine.map((r) => r.score),
          scores,
        );
        assert.ok(mine.every((r, i) => Object.is(r.score, scores[i])));
        assert.deepEqual(
          mine.map((r) => r.at),
          scores.map((_, i) => ats[i % ats.length]),
        );
      });
    });

    it('scans values that hold the page separator or a | in the channel the same as any other', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const odd = `${chan()}|x`;
        const rows = [
          incident(channel, { sectors: ['a\x1eb', 'c'] }),
          incident(odd, { designated: ['entry \x1e with a record separator'] }),
          incident(channel, { party: `identity--\x1e${randomUUID()}` }),
        ];
        for (const r of rows) await s.threat.putIncidentScore(r);
        const mine = (await scanAll(s, 1000)).filter((r) => r.channel === channel || r.channel === odd);
        assert.deepEqual(
          mine.map((r) => [r.id, r.channel, r.party, r.sectors, r.designated]),
          rows.map((r) => [`${r.channel}|${r.incidentId}`, r.channel, r.party, r.sectors, r.designated]),
        );
      });
    });

    it('scans past gaps in the storage positions, and says when it is done', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const ids: string[] = [];
        for (let i = 0; i < 12; i++) {
          const r = incident(channel);
          ids.push(r.incidentId);
          await s.threat.putIncidentScore(r);
          // A refused duplicate: PostgreSQL's identity skips a value for it, SQLite's rowid does not.
          for (let k = 0; k < 3; k++) assert.equal(await s.threat.putIncidentScore(r), false);
        }
        const mine = (await scanAll(s, 2)).filter((r) => r.channel === channel);
        assert.deepEqual(
          mine.map((r) => r.id),
          ids.map((id) => `${channel}|${id}`),
        );
        const end = await s.threat.scanIncidentScores(0, 1e12);
        assert.equal(end.done, true);
        const after = await s.threat.scanIncidentScores(end.cursor, 10);
        assert.deepEqual([after.columns.length, after.cursor, after.done], [0, end.cursor, true]);
      });
    });

    it('keeps assessments once, newest first, with and without a score', async () => {
      await withStore(open, async (s) => {
        const channel = chan();
        const a = {
          envelopeHash: hash(),
          channel,
          party: A,
          scopeKind: 'channel' as const,
          scopeId: channel,
          level: 3,
          score: 61.5,
          rationale: 'three incidents in food',
          created: '2026-11-27T09:00:00.000Z',
        };
        const b = {
          ...a,
          envelopeHash: hash(),
          party: B,
          level: 2,
          score: undefined,
          created: '2026-11-28T09:00:00.000Z',
        };
        assert.equal(await s.threat.putAssessment(a), true);
        assert.equal(await s.threat.putAssessment(a), false);
        await s.threat.putAssessment(b);
        const list = await s.threat.listAssessments({ channel, limit: 10 });
        assert.deepEqual(list, [b, a]);
        assert.deepEqual(await s.threat.listAssessments({ channel, party: A, limit: 10 }), [a]);
      });
    });

    it('shortens a tracked item’s receipt deadline, never lengthens it', async () => {
      await withStore(open, async (s) => {
        const h = hash();
        const item = {
          hash: h,
          channel: chan(),
          author: A,
          seq: 0,
          kind: 'notify',
          created: '2026-11-27T09:00:00.000Z',
          receiptDueAt: '2026-11-27T10:00:00.000Z',
          respondBy: undefined,
          respondedAt: undefined,
          responseHash: undefined,
          overdueAt: undefined,
          summary: 'x',
        };
        await s.dialogue.trackItem(item);
        await s.dialogue.setReceiptDue(h, '2026-11-27T09:15:00.000Z');
        assert.equal((await s.dialogue.getItem(h))!.receiptDueAt, '2026-11-27T09:15:00.000Z');
        await s.dialogue.setReceiptDue(h, '2026-11-27T12:00:00.000Z');
        assert.equal((await s.dialogue.getItem(h))!.receiptDueAt, '2026-11-27T09:15:00.000Z');
      });
    });
  });
}
