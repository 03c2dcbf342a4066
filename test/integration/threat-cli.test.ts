/**
 * `parley threat-level` and `parley ci …` run as real processes against the data folders of two
 * running nodes (the same SQLite database, as an operator would): designate, acknowledge, list, diff,
 * crosswalk, match, and the level with its explanation after a notification.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync as parley } from '../helpers/cli.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { MEAT_CO_ASSET, NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

describe('parley threat-level and parley ci', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
      channel: { name: 'CLI dialogue' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  it('designates from a file and flags, acknowledges on the other node, and lists who acknowledged', async () => {
    const file = join(a.dataDir, 'designation.json');
    writeFileSync(file, JSON.stringify({ taxonomy: 'us-ppd21', assets: [MEAT_CO_ASSET] }));
    const d = await parley([
      'ci',
      'designate',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--file',
      file,
      '--sector',
      'us-food-and-agriculture',
      '--json',
    ]);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(JSON.parse(d.stdout).version, 1);
    await eventually(
      'B holds the designation',
      async () => (await b.threat.designations(channel)).length === 1,
    );
    const ack = await parley([
      'ci',
      'ack',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--party',
      a.node.partyId,
    ]);
    assert.equal(ack.code, 0, ack.stderr);
    assert.match(ack.stdout, /sent designation-ack version 1/);
    await eventually(
      'A holds the ack',
      async () => (await a.threat.designations(channel))[0]?.acks.length === 1,
    );
    const list = await parley(['ci', 'list', '--data', a.dataDir, '--channel', channel]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(
      list.stdout,
      new RegExp(
        `version 1 \\(us-ppd21; 1 sector\\(s\\), 1 asset\\(s\\)\\).*\\n\\s+acknowledged by ${b.node.partyId}`,
      ),
    );
  });

  it('refuses a bad designation with the code and exit 1', async () => {
    const r = await parley([
      'ci',
      'designate',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--taxonomy',
      'us-ppd21',
      '--sector',
      'us-nope',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\[DESIGNATION_INVALID\]/);
  });

  it('diffs two versions and reads a designation in another taxonomy', async () => {
    const v2 = await parley([
      'ci',
      'designate',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--taxonomy',
      'us-ppd21',
      '--sector',
      'us-food-and-agriculture',
      '--sector',
      'us-energy',
    ]);
    assert.equal(v2.code, 0, v2.stderr);
    const diff = await parley([
      'ci',
      'diff',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--party',
      a.node.partyId,
      '--from',
      '1',
      '--to',
      '2',
    ]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /\+ sector us-energy/);
    assert.match(diff.stdout, /- asset meat-co/);
    const x = await parley([
      'ci',
      'crosswalk',
      '--data',
      a.dataDir,
      '--from',
      'us-ppd21',
      '--to',
      'ru-187fz',
      '--sector',
      'us-energy',
      '--sector',
      'us-water-wastewater',
    ]);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /us-energy -> ru-energy .*: (close|partial|uncertain)/);
    assert.match(x.stdout, /us-water-wastewater: no counterpart in ru-187fz/);
    const xj = await parley([
      'ci',
      'crosswalk',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--party',
      a.node.partyId,
      '--ver',
      '1',
      '--to',
      'eu-nis2',
      '--json',
    ]);
    assert.equal(xj.code, 0, xj.stderr + xj.stdout);
    assert.equal(JSON.parse(xj.stdout).assets[0].id, 'meat-co');
  });

  it('matches observables against the honoured versions', async () => {
    const m = await parley([
      'ci',
      'match',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--ip',
      '198.51.100.200',
      '--domain',
      'evilmeatco.example',
      '--asn',
      '64500',
      '--json',
    ]);
    assert.equal(m.code, 0, m.stderr);
    const r = JSON.parse(m.stdout) as { observables: { matches: { version: number; entry: string }[] }[] };
    assert.deepEqual(
      r.observables[0]!.matches.map((x) => [x.version, x.entry]),
      [[1, '198.51.100.0/24']],
      'v1 is honoured because B acknowledged it',
    );
    assert.deepEqual(r.observables[1]!.matches, []);
    assert.equal(r.observables[2]!.matches.length, 1);
  });

  it('prints the level with its explanation after a notification, on both nodes', async () => {
    const none = await parley(['threat-level', '--data', b.dataDir]);
    assert.match(none.stdout, /no scored incidents/);
    assert.match(none.stdout, /notional/);
    await a.dialogue.send(channel, {
      kind: 'notify',
      body: { template: NOTIFY_TEMPLATE, bundle: ransomwareBundle().bundle },
    });
    await eventually(
      'B scored the incident',
      async () => (await b.threat.incidents({ channel })).length === 1,
    );
    for (const n of [a, b]) {
      const r = await parley(['threat-level', '--data', n.dataDir, '--channel', channel]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /channel CLI dialogue/);
      assert.match(r.stdout, /Ransomware at Meat Co/);
      assert.match(r.stdout, /affects designated infrastructure: .*asset meat-co/);
      const j = JSON.parse(
        (await parley(['threat-level', '--data', n.dataDir, '--sector', 'agriculture', '--json'])).stdout,
      ) as { level: number; names: { name: string }[] };
      assert.ok(j.level >= 2);
      assert.equal(j.names[0]!.name, 'Ransomware at Meat Co');
    }
    const all = JSON.parse((await parley(['threat-level', '--data', b.dataDir, '--json'])).stdout) as {
      levels: { scope: { kind: string } }[];
    };
    assert.deepEqual([...new Set(all.levels.map((l) => l.scope.kind))], ['channel', 'party', 'sector']);
  });
});
