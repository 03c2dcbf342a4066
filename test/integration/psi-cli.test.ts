import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareList } from '../../src/service/psi/index.js';
import { runCliAsync, tempDir } from '../helpers/cli.js';
import { eventually, type TestNode } from '../helpers/nodes.js';
import { twoNodesWithChannel, waitEnded } from '../helpers/psi-nodes.js';

describe('parley compare-lists beside a serving node', () => {
  let a: TestNode, b: TestNode;
  let channel: string;
  let stop: () => Promise<void>;
  const tmp = tempDir('parley-psi-cli-');

  before(async () => {
    ({ a, b, channel, stop } = await twoNodesWithChannel());
  });
  after(async () => {
    await stop?.();
    tmp.cleanup();
  });

  it('offers from the CLI, the other side accepts, and the CLI prints its own overlap as JSON', async () => {
    const file = join(tmp.dir, 'ours.csv');
    writeFileSync(
      file,
      'value,type\nevil.example,domain\n198.51.100.23,ipv4\nhxxp://bad[.]example/x,url\nours-only.example,domain\n',
    );
    const port = new URL(a.url).port;
    const run = runCliAsync([
      'compare-lists',
      '--data',
      a.dataDir,
      '--port',
      port,
      '--channel',
      channel,
      '--kind',
      'indicators',
      file,
      '--json',
      '--timeout',
      '2m',
    ]);
    const offer = await eventually(
      "B sees the CLI's offer",
      async () => b.comparisons.list({ channel }).find((s) => s.state === 'awaiting-acceptance'),
      60_000,
    );
    await b.comparisons.accept(
      offer.id,
      prepareList(
        'indicators',
        JSON.stringify(['EVIL.example.', 'http://bad.example/x', 'theirs.example']),
        'json',
      ),
    );
    const out = await run;
    assert.equal(out.code, 0, out.stderr);
    const { comparison, result } = JSON.parse(out.stdout) as {
      comparison: { state: string; id: string };
      result: { overlap: number; matches: { entry: number; label: string }[] };
    };
    assert.equal(comparison.state, 'complete');
    assert.equal(result.overlap, 2);
    assert.deepEqual(
      result.matches.map((m) => m.entry),
      [0, 2],
    );
    assert.equal((await waitEnded(b, offer.id)).state, 'complete');
    assert.deepEqual(
      b.comparisons.result(offer.id)!.matches?.map((m) => m.entry),
      [0, 1],
    );
  });

  it('lists the offer awaiting this party, and accepts it with --respond', async () => {
    const { id } = await a.comparisons.offer({
      channel,
      list: prepareList(
        'persons',
        JSON.stringify([{ name: 'Konstantin Yaroshenko', dob: '1968-03-21' }, { name: 'John Smith' }]),
        'json',
      ),
      mode: 'one-sided',
    });
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    const port = new URL(b.url).port;
    const listed = await runCliAsync([
      'compare-lists',
      '--data',
      b.dataDir,
      '--port',
      port,
      '--channel',
      channel,
      '--list',
      '--json',
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(
      (JSON.parse(listed.stdout) as { id: string; state: string }[]).some(
        (c) => c.id === id && c.state === 'awaiting-acceptance',
      ),
    );
    const file = join(tmp.dir, 'theirs.json');
    writeFileSync(
      file,
      JSON.stringify([
        { surname: 'Ярошенко', given: 'Константин', patronymic: 'Владимирович', dob: '1968-03-21' },
      ]),
    );
    const out = await runCliAsync([
      'compare-lists',
      '--data',
      b.dataDir,
      '--port',
      port,
      '--channel',
      channel,
      '--respond',
      id,
      file,
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /complete/);
    assert.match(out.stdout, /this side learns nothing/);
    assert.doesNotMatch(out.stdout, /Yaroshenko|Smith/);
    const s = await waitEnded(a, id);
    assert.equal(s.state, 'complete');
    assert.deepEqual(
      a.comparisons.result(id)!.matches?.map((m) => m.entry),
      [0],
    );
  });
});
