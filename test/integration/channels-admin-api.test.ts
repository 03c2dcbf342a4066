/**
 * Channel management for administrators over real HTTP between two nodes: A's admin invites B
 * through A's API, B's admin accepts through B's API, both see the channel active; an analyst is
 * refused; a signed leave reaches A; the routes are in /openapi.json; each act is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, startNodes, type TestNode } from '../helpers/nodes.js';

const PW = 'a long enough password';
// Responses are read field by field; each assertion names the field it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('channel management by administrators over HTTP', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let adminA: ApiSession, adminB: ApiSession, anaA: ApiSession, anaB: ApiSession;
  let channel: string;

  before(async () => {
    const started = await startNodes(['Party A', 'Party B']);
    stop = started.stop;
    [a, b] = started.nodes as [TestNode, TestNode];
    for (const n of [a, b]) {
      const users = usersOf(n.node)!;
      await users.addUser({ username: 'root', role: 'admin', password: PW }, 'test');
      await users.addUser({ username: 'ana', role: 'analyst', password: PW }, 'test');
    }
    [adminA, adminB, anaA, anaB] = [a.url, b.url, a.url, b.url].map((u) => new ApiSession(u)) as [
      ApiSession,
      ApiSession,
      ApiSession,
      ApiSession,
    ];
    await adminA.login('root', PW);
    await adminB.login('root', PW);
    await anaA.login('ana', PW);
    await anaB.login('ana', PW);
  });
  after(async () => stop?.());

  it('refuses an analyst (403) and an anonymous client (401)', async () => {
    const r = await anaA.req('POST', '/api/v1/channels', { name: 'Nope', peers: [b.url] });
    assert.equal(r.status, 403, JSON.stringify(r.json));
    assert.equal((r.json as Any).code, 'ROLE_FORBIDDEN');
    const anon = new ApiSession(a.url);
    await anon.req('GET', '/api/v1/auth/me');
    assert.equal((await anon.req('POST', '/api/v1/channels', { name: 'Nope', peers: [b.url] })).status, 401);
    assert.equal(((await anaA.req('GET', '/api/v1/channels')).json as Any).channels.length, 0);
  });

  it('rejects a malformed invitation with problem details', async () => {
    const r = await adminA.req('POST', '/api/v1/channels', { name: 'X', peers: [] });
    assert.equal(r.status, 400);
    assert.equal((r.json as Any).status, 400);
    const t = await adminA.req('POST', '/api/v1/channels', {
      name: 'X',
      peers: [b.url],
      tlp_ceiling: 'TLP:PINK',
    });
    assert.equal(t.status, 400);
  });

  it('A invites B with a policy; B accepts; both see the channel active', async () => {
    const r = await adminA.req('POST', '/api/v1/channels', {
      name: 'Admin dialogue',
      peers: [b.url],
      receipt_deadline_s: 1800,
      response_time_s: 86_400,
      tlp_ceiling: 'TLP:GREEN',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    channel = (r.json as Any).channel;
    assert.match(channel, /^channel--/);
    assert.match((r.json as Any).invite_hash, /^[0-9a-f]{64}$/);
    const rec = (await a.dialogue.channels()).find((c) => c.id === channel)!;
    const policy = JSON.parse(rec.policy) as Any;
    assert.equal(policy.receipt_deadline_s, 1800);
    assert.equal(policy.response_time_s, 86_400);
    assert.equal(policy.tlp_ceiling, 'TLP:GREEN');

    await eventually('B holds the invitation', async () => {
      const l = (await adminB.req('GET', '/api/v1/channels')).json as Any;
      return l.channels.find((c: Any) => c.id === channel && c.state === 'invited');
    });
    assert.equal((await anaB.req('POST', `/api/v1/channels/${channel}/accept`)).status, 403);
    const acc = await adminB.req('POST', `/api/v1/channels/${channel}/accept`);
    assert.equal(acc.status, 200, JSON.stringify(acc.json));
    assert.match((acc.json as Any).accept_hash, /^[0-9a-f]{64}$/);
    const again = await adminB.req('POST', `/api/v1/channels/${channel}/accept`);
    assert.equal(again.status, 403);
    assert.equal((again.json as Any).code, 'NOT_A_MEMBER');

    for (const s of [adminA, adminB])
      await eventually('the channel is active with both members accepted', async () => {
        const c = ((await s.req('GET', `/api/v1/channels/${channel}`)).json as Any) ?? {};
        return (
          c.state === 'active' &&
          c.members?.length === 2 &&
          c.members.every((m: Any) => m.state === 'accepted')
        );
      });
  });

  it('B leaves with a signed notice and A sees B left', async () => {
    assert.equal((await anaB.req('POST', `/api/v1/channels/${channel}/leave`, {})).status, 403);
    const r = await adminB.req('POST', `/api/v1/channels/${channel}/leave`, { reason: 'exercise over' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.match((r.json as Any).leave_hash, /^[0-9a-f]{64}$/);
    const mine = ((await adminB.req('GET', `/api/v1/channels/${channel}`)).json as Any).state;
    assert.equal(mine, 'left');
    await eventually('A sees B left', async () =>
      (await a.dialogue.members(channel)).find((m) => m.party === b.node.partyId && m.state === 'left'),
    );
    const env = ((await adminA.req('GET', `/api/v1/channels/${channel}/envelopes`)).json as Any).envelopes;
    assert.ok(env.some((e: Any) => e.kind === 'leave' && e.author === b.node.partyId));
    const twice = await adminB.req('POST', `/api/v1/channels/${channel}/leave`, {});
    assert.equal(twice.status, 403);
  });

  it('records every act in the audit trail', async () => {
    const ra = ((await adminA.req('GET', '/api/v1/audit')).json as Any).records;
    assert.ok(
      ra.some((x: Any) => x.action === 'channel.invite' && x.subject === channel && x.actor === 'root'),
    );
    const rb = ((await adminB.req('GET', '/api/v1/audit')).json as Any).records;
    assert.ok(rb.some((x: Any) => x.action === 'channel.accept' && x.subject === channel));
    assert.ok(rb.some((x: Any) => x.action === 'channel.leave' && x.subject === channel));
  });

  it('lists the routes in /openapi.json with their schemas', async () => {
    const doc = (await (await fetch(`${a.url}/openapi.json`)).json()) as Any;
    const post = doc.paths['/api/v1/channels'].post;
    assert.ok(post.requestBody.content['application/json'].schema.properties.tlp_ceiling);
    assert.ok(post.responses['201']);
    assert.ok(post.responses['403']);
    assert.ok(doc.paths['/api/v1/channels/{id}/accept'].post.responses['200']);
    assert.ok(doc.paths['/api/v1/channels/{id}/leave'].post.requestBody);
  });
});
