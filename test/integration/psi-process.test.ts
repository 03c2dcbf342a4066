import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createRuntime, type NodeRuntime } from '../../src/cli/runtime.js';
import { usersOf } from '../../src/cli/open-node.js';
import { prepareList } from '../../src/service/psi/index.js';
import { eventually, restartNode, type TestNode } from '../helpers/nodes.js';
import { twoNodesWithChannel, waitEnded } from '../helpers/psi-nodes.js';
import { InjectSession } from '../helpers/inject-session.js';

const PW = 'a long enough password';

/** Adds `username` to the node's users with `role` and signs in over inject. */
async function signIn(node: TestNode, username: string, role: 'viewer' | 'analyst'): Promise<InjectSession> {
  await usersOf(node.node)!.addUser({ username, role, password: PW }, 'test');
  const session = new InjectSession(node.app);
  const res = await session.login(username, PW);
  assert.equal(res.statusCode, 200, res.body);
  return session;
}

describe('where a comparison runs: a second process on the data folder, restarts, the UI API', () => {
  let a: TestNode, b: TestNode;
  let channel: string;
  let stop: () => Promise<void>;
  let cli: NodeRuntime | undefined;
  let a2: TestNode | undefined;

  before(async () => {
    ({ a, b, channel, stop } = await twoNodesWithChannel());
  });
  after(async () => {
    await a2?.close();
    await stop?.();
  });

  it("runs from a process beside the serving node, reading the peer's envelopes from the store (the CLI's way)", async () => {
    cli = await createRuntime(a.config, {
      logger: pino({ level: 'silent' }),
      dialogue: { retryBaseMs: 50, retryMaxMs: 1000 },
    });
    cli.dialogue.deliverer.start();
    await cli.comparisons.start({ abandonOrphans: false });
    const unfollow = await cli.comparisons.follow(channel, 50);
    const shared = ['evil.example', '203.0.113.7', 'http://x.example/a?b=1'];
    const { id } = await cli.comparisons.offer({
      channel,
      list: prepareList('indicators', JSON.stringify([...shared, 'only-a.example']), 'json'),
      chunkSize: 2,
    });
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    await b.comparisons.accept(
      id,
      prepareList(
        'indicators',
        JSON.stringify(['only-b.example', 'EVIL.example.', ...shared.slice(1)]),
        'json',
      ),
    );
    const s = await eventually('the CLI process ends the comparison', async () => {
      const x = cli!.comparisons.status(id);
      return x && x.state === 'complete' && !x.held ? x : undefined;
    });
    assert.equal(s.overlap, 3);
    assert.deepEqual(
      cli.comparisons.result(id)!.matches?.map((m) => m.entry),
      [0, 1, 2],
    );
    assert.deepEqual(
      (await waitEnded(b, id)) && b.comparisons.result(id)!.matches?.map((m) => m.entry),
      [1, 2, 3],
    );
    // The serving node saw it all too, without the secrets.
    await eventually('the node sees it complete', async () => a.comparisons.status(id)?.state === 'complete');
    assert.equal(a.comparisons.status(id)!.held, false);
    unfollow();
  });

  it('a restarted node abandons what was held before, with psi-result aborted on the record', async () => {
    const { id } = await cli!.comparisons.offer({
      channel,
      list: prepareList('indicators', '["a.example"]', 'json'),
    });
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    // The process holding the secret dies without a word (as if killed).
    await cli!.dialogue.stop();
    await (cli!.comparisons as unknown as { ownPool?: { close(): Promise<void> } }).ownPool?.close();
    await cli!.node.close();
    await a.close();
    a2 = await restartNode(a);
    const s = await waitEnded(b, id);
    assert.equal(s.state, 'aborted');
    assert.match(s.reason ?? '', /restart/);
    await assert.rejects(b.comparisons.accept(id, prepareList('indicators', '["a.example"]', 'json')), {
      code: 'PSI_STATE_INVALID',
    });
  });

  it('serves /api/v1/comparisons to analysts: start, accept, status, result', async () => {
    const ua = await signIn(a2!, 'ana', 'analyst');
    const ub = await signIn(b, 'bob', 'analyst');
    const viewer = await signIn(b, 'vic', 'viewer');
    // A viewer reads the list (parameters and progress, never an entry) but may not act.
    assert.equal((await viewer.req('GET', '/api/v1/comparisons')).statusCode, 200);
    assert.equal(
      (
        await viewer.req('POST', '/api/v1/comparisons', {
          channel,
          kind: 'persons',
          format: 'csv',
          list: 'name\nX\n',
        })
      ).statusCode,
      403,
    );
    const csvA = 'name,dob\n"Ярошенко Константин Владимирович",1968-03-21\nИванов Иван Иванович,1970-01-01\n';
    const csvB = 'surname,given,dob\nYaroshenko,Konstantin,1968-03-21\nPetrov,Petr,1980-05-05\n';
    const started = await ua.req('POST', '/api/v1/comparisons', {
      channel,
      kind: 'persons',
      format: 'csv',
      list: csvA,
    });
    assert.equal(started.statusCode, 201, started.body);
    const id = (JSON.parse(started.body) as { id: string }).id;
    await eventually('B lists the offer', async () => {
      const res = await ub.req('GET', '/api/v1/comparisons');
      return (JSON.parse(res.body) as { comparisons: { id: string; state: string }[] }).comparisons.find(
        (c) => c.id === id && c.state === 'awaiting-acceptance',
      );
    });
    const accepted = await ub.req('POST', `/api/v1/comparisons/${id}/accept`, { format: 'csv', list: csvB });
    assert.equal(accepted.statusCode, 200, accepted.body);
    for (const u of [ua, ub]) {
      await eventually(
        'complete over the API',
        async () =>
          (
            JSON.parse((await u.req('GET', `/api/v1/comparisons/${id}`)).body) as {
              state: string;
              held: boolean;
            }
          ).state === 'complete',
      );
    }
    const ra = JSON.parse((await ua.req('GET', `/api/v1/comparisons/${id}/result`)).body) as {
      review: { entry: number; status: string }[];
      matches: unknown[];
    };
    const rb = JSON.parse((await ub.req('GET', `/api/v1/comparisons/${id}/result`)).body) as {
      matches: { entry: number; label: string }[];
    };
    assert.deepEqual(
      ra.review.map((m) => m.entry),
      [0],
    );
    assert.deepEqual(ra.matches, []);
    assert.deepEqual(
      rb.matches.map((m) => m.entry),
      [0],
    );
    assert.equal(
      (await ub.req('GET', '/api/v1/comparisons/00000000000000000000000000000000')).statusCode,
      404,
    );
    // A result holds this side's own entries: analysts only.
    assert.equal((await viewer.req('GET', `/api/v1/comparisons/${id}`)).statusCode, 200);
    assert.equal((await viewer.req('GET', `/api/v1/comparisons/${id}/result`)).statusCode, 403);
    const again = await ub.req('POST', `/api/v1/comparisons/${id}/accept`, { format: 'csv', list: csvB });
    assert.equal(again.statusCode, 409);
    const openapi = JSON.parse((await ua.req('GET', '/openapi.json')).body) as {
      paths: Record<string, unknown>;
    };
    assert.ok(openapi.paths['/api/v1/comparisons/{id}/result']);
  });
});
