/**
 * The Verification and Points-of-contact pages' read routes over real HTTP between two nodes:
 * per-log proof results (signature, inclusion of the last entry, consistency with the previous
 * checkpoint) turning to "failed" with a code after the SQLite file is tampered with behind the
 * node's back, and the paged history of communication checks; their OpenAPI entries.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { forgeLastEntry, forgeLatestCheckpoint } from '../helpers/tamper-log.js';

const PW = 'a long enough password';
// Responses are read field by field; each assertion names the field it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('per-log proofs and communication check history over HTTP', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let vic: ApiSession;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
      channel: { name: 'Proofs' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // One at a time, so that each ping is its own delivery batch and its own checkpoint.
    for (let i = 0; i < 3; i++) {
      await a.dialogue.ping(channel);
      await eventually(`receipt ${i}`, async () => {
        const s = (await a.dialogue.pingStats(channel))[0];
        return s && s.answered === i + 1;
      });
    }
    await b.dialogue.ping(channel);
    // B's check must be in A's store before the history is read: three of A's and B's one.
    await eventually(
      'A holds B’s ping',
      async () => (await a.dialogue.pingHistory({ limit: 10 })).checks.length === 4,
    );
    await usersOf(a.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    vic = new ApiSession(a.url);
    await vic.login('vic', PW);
  });
  after(async () => stop?.());

  it('checks every log: signed checkpoint, inclusion of its last entry, consistency with the previous one', async () => {
    const r = await vic.req('GET', '/api/v1/verify/proofs');
    assert.equal(r.status, 200);
    const logs = (r.json as Any).logs as Any[];
    assert.equal(logs.length, 2, 'A holds its own log and B’s');
    for (const l of logs) {
      assert.ok(l.latest, `${l.author} has a checkpoint`);
      assert.deepEqual(l.latest.signers, [l.author]);
      assert.equal(l.signature.result, 'verified', JSON.stringify(l.signature));
      assert.equal(l.inclusion.result, 'verified', JSON.stringify(l.inclusion));
      assert.equal(l.inclusion.index, l.latest.size - 1);
    }
    const own = logs.find((l) => l.author === a.node.partyId);
    assert.ok(own.previous, 'A’s own log has several checkpoints');
    assert.equal(own.consistency.result, 'verified', JSON.stringify(own.consistency));
    assert.equal(own.consistency.to, own.latest.size);
  });

  it('lists each check with its response time, pages with next, filters by party', async () => {
    const r = await vic.req('GET', '/api/v1/contacts/checks/history?limit=2');
    assert.equal(r.status, 200);
    const first = r.json as Any;
    assert.equal(first.checks.length, 2);
    assert.ok(first.next, 'more pages');
    const r2 = await vic.req(
      'GET',
      `/api/v1/contacts/checks/history?limit=10&before=${encodeURIComponent(first.next)}`,
    );
    const all = [...first.checks, ...(r2.json as Any).checks];
    assert.equal(all.length, 4, 'three of A’s pings to B and B’s one to A');
    assert.equal(new Set(all.map((c) => c.hash)).size, 4, 'no check twice across pages');
    const sent = all.filter((c) => c.from === a.node.partyId);
    assert.equal(sent.length, 3);
    for (const c of sent) {
      assert.equal(c.to, b.node.partyId);
      assert.equal(c.state, 'answered');
      assert.equal(typeof c.response_ms, 'number');
    }
    assert.ok(
      all.every((c, i) => i === 0 || all[i - 1].sent_at >= c.sent_at),
      'newest first',
    );
    const withB = await vic.req('GET', `/api/v1/contacts/checks/history?party=${b.node.partyId}`);
    assert.equal((withB.json as Any).checks.length, 4, 'every check involves B');
    const stranger = 'identity--00000000-0000-5000-8000-000000000000';
    const none = await vic.req('GET', `/api/v1/contacts/checks/history?party=${stranger}`);
    assert.deepEqual((none.json as Any).checks, [], 'no check involves a stranger');
    const bad = await vic.req('GET', '/api/v1/contacts/checks/history?party=nobody');
    assert.equal(bad.status, 400);
  });

  it('turns to failed with a code once the stored bytes or checkpoints are tampered with', async () => {
    const file = join(a.dataDir, 'parley.db');
    forgeLatestCheckpoint(file, a.node.partyId);
    forgeLastEntry(file, b.node.partyId);
    const logs = ((await vic.req('GET', '/api/v1/verify/proofs')).json as Any).logs as Any[];
    const own = logs.find((l) => l.author === a.node.partyId);
    assert.equal(own.signature.result, 'failed');
    assert.match(own.signature.code, /^[A-Z_]+$/);
    assert.ok(own.signature.message);
    const theirs = logs.find((l) => l.author === b.node.partyId);
    assert.equal(theirs.inclusion.result, 'failed');
    assert.equal(theirs.inclusion.code, 'ROOT_MISMATCH');
  });

  it('describes both routes in OpenAPI', async () => {
    const spec = (await (await fetch(`${a.url}/openapi.json`)).json()) as Any;
    assert.ok(spec.paths['/api/v1/verify/proofs'].get);
    const h = spec.paths['/api/v1/contacts/checks/history'].get;
    assert.deepEqual(h.parameters.map((p: Any) => p.name).sort(), ['before', 'limit', 'party']);
  });
});
