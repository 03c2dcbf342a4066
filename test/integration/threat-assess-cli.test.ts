/**
 * `parley threat assess` runs as a real process against the data folder of a running node and
 * publishes a signed `assessment`; the other node shows it beside the level it computes itself
 * (`parley threat-level --json`), before and after an incident is scored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCliAsync as parley } from '../helpers/cli.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

interface Published {
  party: string;
  level: number;
  score?: number;
  rationale: string;
}
interface Level {
  scope: { kind: string; id: string };
  level: number;
  published: Published[];
}

describe('parley threat assess', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Assessor A', 'Reader B'], {
      channel: { name: 'Assessments' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  it('publishes a channel assessment that the peer shows beside a computed level, even with no incident yet', async () => {
    const r = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--level',
      '3',
      '--score',
      '61.5',
      '--rationale',
      'Two grid operators hit in a week',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      kind: string;
      hash: string;
      scope: { kind: string; id: string };
      level: number;
    };
    assert.equal(out.kind, 'assessment');
    assert.deepEqual(out.scope, { kind: 'channel', id: channel });
    const levels = await eventually('B lists the assessment', async () => {
      const j = JSON.parse((await parley(['threat-level', '--data', b.dataDir, '--json'])).stdout) as {
        levels: Level[];
      };
      return (
        j.levels.find(
          (l) => l.scope.kind === 'channel' && l.scope.id === channel && l.published.length > 0,
        ) && j.levels
      );
    });
    const view = levels.find((l) => l.scope.id === channel)!;
    assert.equal(view.level, 0, 'nothing scored yet: the computed level is Baseline');
    assert.deepEqual(
      view.published.map((p) => [p.party, p.level, p.score, p.rationale]),
      [[a.node.partyId, 3, 61.5, 'Two grid operators hit in a week']],
    );
  });

  it('shows the published level beside the computed one once an incident is scored, in the human view too', async () => {
    await a.dialogue.send(channel, {
      kind: 'notify',
      body: { template: NOTIFY_TEMPLATE, bundle: ransomwareBundle().bundle },
    });
    await eventually(
      'B scored the incident',
      async () => (await b.threat.incidents({ channel })).length === 1,
    );
    const r = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--scope',
      'sector',
      '--scope-id',
      'agriculture',
      '--level',
      '4',
      '--rationale',
      'Food sector targeted',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /published assessment [0-9a-f]{64} \(seq \d+\): sector agriculture level 4/);
    const sector = await eventually('B shows the sector assessment', async () => {
      const j = JSON.parse((await parley(['threat-level', '--data', b.dataDir, '--json'])).stdout) as {
        levels: Level[];
      };
      return j.levels.find(
        (l) => l.scope.kind === 'sector' && l.scope.id === 'agriculture' && l.published.length > 0,
      );
    });
    assert.ok(sector.level >= 2, 'the computed level of the sector');
    assert.equal(sector.published[0]!.level, 4);
    const human = await parley(['threat-level', '--data', b.dataDir, '--sector', 'agriculture']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`published by ${a.node.partyId}: level 4 .*Food sector targeted`));
  });

  it('refuses bad values as usage errors (exit 2) and an unknown channel as a failure (exit 1)', async () => {
    const bad = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--level',
      '6',
      '--rationale',
      'x',
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /0-5/);
    const noId = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--scope',
      'party',
      '--level',
      '1',
      '--rationale',
      'x',
    ]);
    assert.equal(noId.code, 2);
    assert.match(noId.stderr, /needs --scope-id/);
    const score = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--level',
      '1',
      '--score',
      '101',
      '--rationale',
      'x',
    ]);
    assert.equal(score.code, 2);
    const unknown = await parley([
      'threat',
      'assess',
      '--data',
      a.dataDir,
      '--channel',
      'channel--00000000-0000-4000-8000-000000000000',
      '--level',
      '1',
      '--rationale',
      'x',
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /\[NOT_A_MEMBER\]/);
  });

  it('has examples in --help', async () => {
    const h = await parley(['threat', 'assess', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Examples:\n\s+\$ parley threat assess --channel/);
  });
});
