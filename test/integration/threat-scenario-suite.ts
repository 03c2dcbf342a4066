/**
 * Issue 5's scenario through the real stack, two nodes over HTTP: party A has designated "Food and
 * Agriculture" and B has acknowledged that version; a ransomware attack on a meat-processing company
 * in A is notified by A to B; on both nodes the incident is flagged, the level rises, the explanation
 * names the incident and the designation entry; decay brings it down over simulated days; a restart
 * loses nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY_MS } from '../../src/core/score/index.js';
import { eventually, ManualClock, nodesWithChannel, restartNode, type TestNode } from '../helpers/nodes.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

/** The scenario on SQLite, or on PostgreSQL (a schema per node) when `pgUrl` is given. */
export function runThreatScenario(label: string, pgUrl?: string): void {
  describe(`threat level and designated infrastructure between two nodes (${label})`, () => {
    const clock = new ManualClock();
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;
    let notifyHash: string;
    let incidentId: string;

    before(async () => {
      ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
        clock,
        ...(pgUrl ? { pgUrl } : {}),
        channel: { name: 'A–B expert dialogue' },
      }));
      [a, b] = nodes as [TestNode, TestNode];
    });
    after(async () => stop?.());

    it('A designates Food and Agriculture and B acknowledges version 1; both see who acknowledged what', async () => {
      const sent = await a.threat.designate(channel, FOOD_DESIGNATION);
      assert.equal(sent.envelope.body.version, 1);
      await eventually(
        'B holds A’s designation',
        async () => (await b.threat.designations(channel)).length === 1,
      );
      clock.advance(60_000);
      await b.threat.acknowledge(channel, a.node.partyId, 1);
      for (const n of [a, b]) {
        const [v] = await eventually(`${n.name} sees the ack`, async () => {
          const vs = await n.threat.designations(channel);
          return vs[0]?.acks.length === 1 ? vs : undefined;
        });
        assert.equal(v!.party, a.node.partyId);
        assert.equal(v!.version, 1);
        assert.equal(v!.acks[0]!.responder, b.node.partyId);
        assert.equal(v!.acks[0]!.at, clock.now().toISOString());
      }
    });

    it('before any incident the channel reads 0 Baseline', async () => {
      const l = await a.threat.level({ kind: 'channel', id: channel });
      assert.equal(l.level, 0);
      assert.equal(l.score, 0);
    });

    it('A notifies ransomware at the meat-processing company; both nodes flag it, escalate it and raise the level', async () => {
      clock.advance(60_000);
      const r = ransomwareBundle();
      incidentId = r.incidentId;
      const e = await a.dialogue.send(channel, {
        kind: 'notify',
        body: { template: NOTIFY_TEMPLATE, bundle: r.bundle },
      });
      notifyHash = e.hashHex;
      for (const n of [a, b]) {
        const [inc] = await eventually(`${n.name} scored the incident`, async () => {
          const list = await n.threat.incidents({ channel });
          return list.length === 1 ? list : undefined;
        });
        assert.equal(inc!.incidentId, incidentId);
        assert.equal(inc!.envelopeHash, notifyHash);
        assert.equal(inc!.party, a.node.partyId);
        assert.ok(inc!.designated.length > 0, 'flagged: affects designated critical infrastructure');
        assert.ok(
          inc!.designated.some((d) => d.includes('meat-co') && d.includes('198.51.100.0/24')),
          inc!.designated.join('; '),
        );
        assert.ok(
          inc!.designated.some((d) => d.includes('sector us-food-and-agriculture')),
          'the victim sector matched the designated sector',
        );
        assert.ok(inc!.score > inc!.original, `escalated: ${inc!.original} -> ${inc!.score}`);
        assert.ok(inc!.score >= 40, 'at least Medium after escalation');

        const level = await n.threat.level({ kind: 'channel', id: channel });
        assert.ok(level.level >= 2, `${n.name}: channel level ${level.level}`);
        assert.equal(level.score, inc!.score);
        const sector = await n.threat.level({ kind: 'sector', id: 'agriculture' });
        assert.equal(sector.level, level.level);
        const party = await n.threat.level({ kind: 'party', id: a.node.partyId });
        assert.equal(party.level, level.level);

        const ex = await n.threat.explain({ kind: 'channel', id: channel });
        assert.equal(ex.names[0]!.name, 'Ransomware at Meat Co');
        assert.equal(ex.names[0]!.incidentId, incidentId);
        assert.ok(
          ex.incidents[0]!.designated.some((d) => d.includes('asset meat-co')),
          'the explanation names the designation entry',
        );
        assert.equal(ex.incidents[0]!.role, 'peak');

        const alarms = await n.dialogue.alarms();
        const alarm = alarms.find((x) => x.kind === 'designated-infrastructure');
        assert.ok(alarm, `${n.name} raised the designated-infrastructure alarm`);
        assert.match(alarm.message, /meat-co/);
        assert.match(alarm.message, /Ransomware at Meat Co/);
      }
    });

    it('shortens the receipt deadline to the channel’s ci_receipt_deadline_s', async () => {
      const item = await a.node.store.dialogue.getItem(notifyHash);
      assert.equal(Date.parse(item!.receiptDueAt) - Date.parse(item!.created), 900_000);
    });

    it('decay brings the level down over simulated days', async () => {
      const start = await a.threat.level({ kind: 'channel', id: channel });
      clock.advance(7 * DAY_MS);
      const week = await a.threat.level({ kind: 'channel', id: channel });
      assert.ok(
        Math.abs(week.score - start.score / 2) < 1e-6,
        `half after a half-life: ${start.score} -> ${week.score}`,
      );
      clock.advance(53 * DAY_MS);
      for (const n of [a, b]) {
        const l = await n.threat.level({ kind: 'channel', id: channel });
        assert.equal(l.level, 0, `${n.name} after 60 days: ${l.score}`);
      }
      const hist = await a.threat.history(
        { kind: 'channel', id: channel },
        { bucketMs: 10 * DAY_MS, from: clock.now().getTime() - 60 * DAY_MS },
      );
      assert.equal(hist.length, 6);
      const levels = hist.map((h) => h.level);
      assert.ok(levels[0]! >= 1 && levels[5] === 0, JSON.stringify(levels));
      assert.ok(
        levels.every((l, i) => i === 0 || l <= levels[i - 1]!),
        `never rises without incidents: ${JSON.stringify(levels)}`,
      );
    });

    it('a restart rebuilds the same levels from the store', async () => {
      const before = await b.threat.level(
        { kind: 'channel', id: channel },
        clock.now().getTime() - 60 * DAY_MS + 1000,
      );
      await b.close();
      const b2 = await restartNode(b, { clock });
      nodes[1] = b2;
      b = b2;
      const after = await b.threat.level(
        { kind: 'channel', id: channel },
        clock.now().getTime() - 60 * DAY_MS + 1000,
      );
      assert.equal(after.score, before.score);
      assert.equal((await b.threat.incidents({ channel, flagged: true })).length, 1);
      assert.equal((await b.threat.designations(channel))[0]!.acks.length, 1);
    });
  });
}
