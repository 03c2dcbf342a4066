/**
 * Designation versions, acknowledgements and objections across two real nodes: every signed answer
 * reaches both sides, both agree on who acknowledged or objected to which version and when, diffs
 * show what changed, and matching honours the current version and the latest acknowledged one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, ManualClock, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { FOOD_DESIGNATION, MEAT_CO_ASSET } from '../helpers/threat-fixtures.js';

const WATER_ASSET = {
  id: 'water-1',
  name: 'Capital water utility',
  sector: 'us-water-wastewater',
  domains: ['water.example'],
  ip_ranges: ['203.0.113.0/24'],
};

describe('designation versions, acks and objections between two nodes', () => {
  const clock = new ManualClock();
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
      clock,
      channel: { name: 'CI dialogue' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  const versionsOn = async (
    n: TestNode,
    want: (vs: Awaited<ReturnType<TestNode['threat']['designations']>>) => boolean,
  ) =>
    eventually(`${n.name} converges on designations`, async () => {
      const vs = await n.threat.designations(channel);
      return want(vs) ? vs : undefined;
    });

  it('refuses an invalid designation before signing anything', async () => {
    await assert.rejects(
      a.threat.designate(channel, { taxonomy: 'us-ppd21', sectors: ['us-no-such-sector'], assets: [] }),
      { code: 'DESIGNATION_INVALID' },
    );
    await assert.rejects(
      a.threat.designate(channel, {
        taxonomy: 'us-ppd21',
        sectors: [],
        assets: [{ ...MEAT_CO_ASSET, ip_ranges: ['10.0.0.1/8'] }],
      }),
      { code: 'DESIGNATION_INVALID' },
    );
    assert.deepEqual(await a.threat.designations(channel), []);
  });

  it('A sends version 1, B acknowledges it, A sends version 2 and B objects with reasons', async () => {
    await a.threat.designate(channel, FOOD_DESIGNATION);
    await versionsOn(b, (vs) => vs.length === 1);
    clock.advance(1000);
    await b.threat.acknowledge(channel, a.node.partyId);
    clock.advance(1000);
    const v2 = await a.threat.designate(channel, {
      taxonomy: 'us-ppd21',
      sectors: ['us-food-and-agriculture', 'us-water-wastewater'],
      assets: [{ ...MEAT_CO_ASSET, domains: ['meatco.example', 'meat-co.example'] }, WATER_ASSET],
    });
    assert.equal(v2.envelope.body.version, 2);
    await versionsOn(b, (vs) => vs.length === 2);
    clock.advance(1000);
    const objectedAt = clock.now().toISOString();
    await b.threat.object(channel, a.node.partyId, 2, [
      'the water utility is municipal, not national',
      'meat-co.example is not owned by Meat Co',
    ]);
    for (const n of [a, b]) {
      const vs = await versionsOn(
        n,
        (list) => list.length === 2 && list[1]!.objections.length === 1 && list[0]!.acks.length === 1,
      );
      assert.deepEqual(
        vs.map((v) => v.version),
        [1, 2],
      );
      assert.equal(vs[0]!.acks[0]!.responder, b.node.partyId);
      assert.equal(vs[1]!.acks.length, 0);
      assert.equal(vs[1]!.objections[0]!.responder, b.node.partyId);
      assert.equal(vs[1]!.objections[0]!.at, objectedAt);
      assert.equal(vs[1]!.objections[0]!.reasons.length, 2);
      const honoured = await n.threat.honoured(channel);
      assert.deepEqual(
        honoured.map((v) => v.version).sort(),
        [1, 2],
        'the current version and the latest acknowledged one',
      );
    }
    const alarm = (await a.dialogue.alarms()).find((x) => x.kind === 'designation-objection');
    assert.ok(alarm, 'A, whose designation was objected to, has an alarm');
    assert.match(alarm.message, /version 2 .*municipal/);
    assert.equal(
      (await b.dialogue.alarms()).some((x) => x.kind === 'designation-objection'),
      false,
    );
  });

  it('a party cannot acknowledge a version that does not exist', async () => {
    await assert.rejects(b.threat.acknowledge(channel, a.node.partyId, 9), { code: 'NOT_FOUND' });
  });

  it('diffs versions: sectors and assets added, per-asset domains changed', async () => {
    const d = await b.threat.diff(channel, a.node.partyId, 1, 2);
    assert.deepEqual(d.sectors.added, ['us-water-wastewater']);
    assert.deepEqual(
      d.assets.added.map((x) => x.id),
      ['water-1'],
    );
    assert.deepEqual(
      d.assets.changed.map((c) => [c.id, c.domains?.added]),
      [['meat-co', ['meat-co.example']]],
    );
    assert.equal(d.empty, false);
  });

  it('reads A’s designation in B’s taxonomy through the crosswalk, uncertain mappings marked', async () => {
    const x = await b.threat.crosswalkDesignation(channel, a.node.partyId, 'eu-nis2');
    assert.ok(
      x.sectors.mappings.some((m) => m.from === 'us-food-and-agriculture' && m.to === 'eu-a2-food'),
      JSON.stringify(x.sectors.mappings),
    );
    for (const m of x.sectors.mappings)
      assert.notEqual(m.confidence, 'exact', 'national taxonomies never map exactly');
    assert.equal(x.assets.length, 2);
  });

  it('matches observables against both honoured versions and names the version of each entry', async () => {
    const r = await b.threat.match(channel, {
      observables: [
        { type: 'ipv4-addr', value: '203.0.113.9' },
        { type: 'domain-name', value: 'www.meat-co.example' },
        { type: 'domain-name', value: 'evilmeatco.example' },
        { type: 'autonomous-system', value: 'AS64500' },
      ],
      sectors: ['agriculture'],
    });
    assert.deepEqual(
      r.observables[0]!.matches.map((m) => [m.version, m.assetId]),
      [[2, 'water-1']],
    );
    assert.deepEqual(
      r.observables[1]!.matches.map((m) => [m.version, m.entry]),
      [[2, 'meat-co.example']],
    );
    assert.deepEqual(r.observables[2]!.matches, [], 'not on a label boundary');
    assert.deepEqual(r.observables[3]!.matches.map((m) => m.version).sort(), [1, 2]);
    assert.ok(r.sectors.some((m) => m.entry === 'us-food-and-agriculture' && m.confidence === 'partial'));
  });

  it('B designates too; each side’s designations stay its own', async () => {
    await b.threat.designate(channel, {
      taxonomy: 'eu-nis2',
      sectors: ['eu-a1-energy-electricity'],
      assets: [],
    });
    await versionsOn(a, (vs) => vs.some((v) => v.party === b.node.partyId));
    const vs = await a.threat.designations(channel);
    assert.deepEqual(
      vs.filter((v) => v.party === b.node.partyId).map((v) => v.version),
      [1],
    );
    await a.threat.acknowledge(channel, b.node.partyId, 1);
    await versionsOn(b, (list) =>
      list.some((v) => v.party === b.node.partyId && v.acks.some((x) => x.responder === a.node.partyId)),
    );
  });

  it('every node verifies every log and raised no alarm about the designations', async () => {
    for (const n of [a, b]) {
      const report = await n.node.verifyAll();
      assert.equal(report.ok, true);
      assert.deepEqual(
        (await n.dialogue.alarms()).filter(
          (x) => x.kind !== 'receipt-overdue' && x.kind !== 'designation-objection',
        ),
        [],
      );
    }
  });
});
