/**
 * A party's own critical-infrastructure taxonomy (ci.taxonomyFiles) across two nodes over loopback:
 * node A loads the example file and designates in it; node B has not loaded it. A translates its
 * designation with its own crosswalk (CLI and API); B keeps the designation, shows its sector ids as
 * given, marked as an unknown taxonomy (never a guessed translation), and still matches its assets'
 * observables. A bad taxonomy file stops the node with every problem named.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/cli/config.js';
import { initDataDir } from '../../src/cli/data-dir.js';
import { usersOf } from '../../src/cli/open-node.js';
import { createRuntime, type NodeRuntime } from '../../src/cli/runtime.js';
import { ApiSession } from '../helpers/api-session.js';
import { runCliAsync as parley, tempDir } from '../helpers/cli.js';
import { eventually, openChannel } from '../helpers/nodes.js';

type Node = NodeRuntime & { url: string; dataDir: string };
const EXAMPLE = 'docs/examples/party-taxonomy.json';
const PW = 'correct horse battery staple';

/** A node whose data folder may hold a parley.json (startNodes has no per-node configuration). */
async function startNode(root: string, name: string, fileConfig?: object): Promise<Node> {
  const dataDir = join(root, name.toLowerCase());
  initDataDir({ dataDir, name, now: new Date() });
  if (fileConfig) writeFileSync(join(dataDir, 'parley.json'), JSON.stringify(fileConfig));
  const config = loadConfig({ env: {}, cwd: root, flags: { dataDir, http: { port: 0 } } });
  const rt = await createRuntime(config, {
    logger: pino({ level: 'silent' }),
    schedule: { deadlineEveryMs: 0, checkpointEveryMs: 0, pingEveryMs: 0 },
    dialogue: { retryBaseMs: 50, retryMaxMs: 1000 },
  });
  return Object.assign(rt, { url: await rt.listen(), dataDir });
}

describe('a party’s own taxonomy, loaded on one node and not on the other', () => {
  const tmp = tempDir('parley-ci-taxonomy-');
  let a: Node, b: Node;
  let channel: string;

  before(async () => {
    mkdirSync(join(tmp.dir, 'a'), { recursive: true });
    copyFileSync(EXAMPLE, join(tmp.dir, 'a', 'ardenia.json'));
    // A relative path is read from the data folder, like threat.modelFile.
    a = await startNode(tmp.dir, 'A', { ci: { taxonomyFiles: ['ardenia.json'] } });
    b = await startNode(tmp.dir, 'B');
    channel = await openChannel([a, b], { name: 'Taxonomies' });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    tmp.cleanup();
  });

  it('lists the taxonomy in the API and translates with the party’s crosswalk in the CLI', async () => {
    await usersOf(a.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    const s = new ApiSession(a.url);
    await s.login('vic', PW);
    const r = await s.req('GET', '/api/v1/ci/taxonomies');
    assert.equal(r.status, 200);
    const t = (r.json as { taxonomies: { id: string; builtin: boolean; entries: number }[] }).taxonomies.find(
      (x) => x.id === 'ardenia-cii',
    );
    assert.deepEqual(t && [t.builtin, t.entries], [false, 4]);
    const x = await parley([
      'ci',
      'crosswalk',
      '--data',
      a.dataDir,
      '--from',
      'ardenia-cii',
      '--to',
      'us-ppd21',
      '--sector',
      'ar-power',
      '--sector',
      'ar-civic',
    ]);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /ar-power -> us-energy \(Energy Sector\): close \[crosswalk\]/);
    assert.match(x.stdout, /ar-civic: no counterpart in us-ppd21/);
    const onB = await parley([
      'ci',
      'crosswalk',
      '--data',
      b.dataDir,
      '--from',
      'ardenia-cii',
      '--to',
      'us-ppd21',
      '--sector',
      'ar-power',
    ]);
    assert.equal(onB.code, 1);
    assert.match(onB.stderr, /unknown taxonomy "ardenia-cii" \[TAXONOMY_INVALID\]/);
  });

  it('designates in it; the peer keeps the designation with raw ids marked unknown, and still matches its ranges', async () => {
    const file = join(a.dataDir, 'designation.json');
    writeFileSync(
      file,
      JSON.stringify({
        taxonomy: 'ardenia-cii',
        sectors: ['ar-food'],
        assets: [
          { id: 'grid-north', name: 'North grid', sector: 'ar-power-grid', ip_ranges: ['203.0.113.0/24'] },
        ],
      }),
    );
    const d = await parley([
      'ci',
      'designate',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--file',
      file,
      '--json',
    ]);
    assert.equal(d.code, 0, d.stderr);
    await eventually(
      'B holds the designation',
      async () => (await b.threat.designations(channel)).length === 1,
    );

    const mine = JSON.parse(
      (
        await parley([
          'ci',
          'crosswalk',
          '--data',
          a.dataDir,
          '--channel',
          channel,
          '--party',
          a.node.partyId,
          '--to',
          'us-ppd21',
          '--json',
        ])
      ).stdout,
    ) as {
      translation: { mappings: { from: string; to: string; confidence: string; basis: string }[] };
      unknownTaxonomy?: string;
    };
    assert.equal(mine.unknownTaxonomy, undefined);
    assert.ok(
      mine.translation.mappings.some(
        (m) =>
          m.from === 'ar-food' &&
          m.to === 'us-food-and-agriculture' &&
          m.confidence === 'partial' &&
          m.basis === 'crosswalk',
      ),
    );

    const theirs = await parley([
      'ci',
      'crosswalk',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--party',
      a.node.partyId,
      '--to',
      'us-ppd21',
      '--json',
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    const j = JSON.parse(theirs.stdout) as {
      unknownTaxonomy: string;
      translation: { mappings: unknown[]; unknown: string[] };
      assets: { id: string; sector: string; translation: { unknown: string[] } }[];
    };
    assert.equal(j.unknownTaxonomy, 'ardenia-cii');
    assert.deepEqual([j.translation.mappings, j.translation.unknown], [[], ['ar-food']]);
    assert.deepEqual(
      j.assets.map((x) => [x.id, x.sector, x.translation.unknown]),
      [['grid-north', 'ar-power-grid', ['ar-power-grid']]],
    );
    const human = await parley([
      'ci',
      'crosswalk',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--party',
      a.node.partyId,
      '--to',
      'us-ppd21',
    ]);
    assert.match(
      human.stdout,
      /taxonomy ardenia-cii is unknown on this node: its sector ids are shown as designated, untranslated\n\s+sector ar-food \(ardenia-cii\)\n\s+asset grid-north \(ar-power-grid, ardenia-cii\)/,
    );
    assert.match(
      (await parley(['ci', 'list', '--data', b.dataDir, '--channel', channel])).stdout,
      /\(ardenia-cii, unknown taxonomy here; 1 sector\(s\), 1 asset\(s\)\)/,
    );
    assert.doesNotMatch(
      (await parley(['ci', 'list', '--data', a.dataDir, '--channel', channel])).stdout,
      /unknown taxonomy here/,
    );

    const m = await b.threat.match(channel, { observables: [{ type: 'ipv4-addr', value: '203.0.113.9' }] });
    assert.deepEqual(
      m.observables[0]!.matches.map((x) => [x.taxonomy, x.sector, x.entry]),
      [['ardenia-cii', 'ar-power-grid', '203.0.113.0/24']],
    );
  });

  it('stops a node on a bad taxonomy file, naming every problem and its file', async () => {
    const dir = join(tmp.dir, 'bad');
    initDataDir({ dataDir: dir, name: 'Bad', now: new Date() });
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({
        id: 'x-cii',
        title: 'X',
        entries: [{ id: 'x1', name: 'X1', stix: ['energy'], stix_mapping_confidence: 'sure' }],
        crosswalk: [{ concept: 'c', confidence: 'high', members: { 'x-cii': ['x1'], mars: ['m'] } }],
      }),
    );
    writeFileSync(
      join(dir, 'parley.json'),
      JSON.stringify({ ci: { taxonomyFiles: ['broken.json', 'missing.json'] } }),
    );
    const r = await parley(['ci', 'crosswalk', '--data', dir, '--from', 'x-cii', '--to', 'us-ppd21']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /invalid ci\.taxonomyFiles/);
    assert.match(r.stderr, /broken\.json: entries\[0\]\.stix_mapping_confidence/);
    assert.match(r.stderr, /broken\.json: crosswalk\[0\]\.members\.mars: unknown taxonomy/);
    assert.match(r.stderr, /missing\.json: no such file/);
    assert.match(r.stderr, /\[TAXONOMY_INVALID\]/);
    const env = await parley(
      [
        'ci',
        'crosswalk',
        '--data',
        b.dataDir,
        '--from',
        'ardenia-cii',
        '--to',
        'us-ppd21',
        '--sector',
        'ar-power',
        '--json',
      ],
      { PARLEY_CI_TAXONOMY_FILES: join(a.dataDir, 'ardenia.json') },
    );
    assert.equal(env.code, 0, `PARLEY_CI_TAXONOMY_FILES loads it on B too: ${env.stderr}`);
  });
});
