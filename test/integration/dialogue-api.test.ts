import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

const PW = 'correct horse battery staple';

describe('the dialogue API of the UI, over real HTTP with sessions and roles', () => {
  let nodes: TestNode[];
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let analystA: ApiSession, viewerB: ApiSession, analystB: ApiSession;

  before(async () => {
    ({ nodes, channel, stop } = await nodesWithChannel(['Ardenia CERT', 'Borealia POC'], {
      channel: { name: 'A–B' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    for (const [n, role] of [
      [a, 'analyst'],
      [b, 'viewer'],
      [b, 'analyst'],
    ] as const)
      await usersOf(n.node)!.addUser({ username: `${role}`, role, password: PW }, 'test');
    analystA = new ApiSession(a.url);
    await analystA.login('analyst', PW);
    viewerB = new ApiSession(b.url);
    await viewerB.login('viewer', PW);
    analystB = new ApiSession(b.url);
    await analystB.login('analyst', PW);
  });
  after(async () => stop?.());

  it('refuses anonymous readers and viewers who try to send', async () => {
    assert.equal((await new ApiSession(a.url).req('GET', '/api/v1/channels')).status, 401);
    const r = await viewerB.req('POST', `/api/v1/channels/${channel}/ping`);
    assert.equal(r.status, 403);
  });

  it('refuses an incident report whose POC template lacks a required field, naming it', async () => {
    const r = await analystA.req('POST', `/api/v1/channels/${channel}/incidents`, {
      sender_poc_role: 'technical',
      recipient_state: 'XBO',
      recipient_poc_role: 'technical',
      communication_type: 'incident_notification',
      urgency: 'urgent',
      incident_description: 'no sender state',
      handling: 'TLP:AMBER',
      acknowledgement_requested: true,
    });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    const p = r.json as { code: string; detail: string };
    assert.equal(p.code, 'ENVELOPE_INVALID');
    assert.match(p.detail, /\/template\/sender_state is required/);
  });

  it('an analyst reports an incident; it appears on the other side with its state', async () => {
    const r = await analystA.req('POST', `/api/v1/channels/${channel}/incidents`, {
      sender_state: 'XAR',
      sender_poc_role: 'technical',
      recipient_state: 'XBO',
      recipient_poc_role: 'diplomatic',
      communication_type: 'request_for_assistance',
      urgency: 'urgent',
      incident_description: 'Ransomware at a meat-processing plant',
      requested_action: 'Block the listed C2 domains',
      handling: 'TLP:AMBER',
      acknowledgement_requested: true,
      response_deadline: new Date(Date.now() + 86_400_000).toISOString(),
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const { hash } = r.json as { hash: string };
    const items = await eventually('B lists it as awaiting an answer', async () => {
      const res = (await viewerB.req('GET', '/api/v1/items?state=open')).json as {
        items: { hash: string }[];
      };
      return res.items.some((i) => i.hash === hash) ? res : undefined;
    });
    assert.ok(items);
    const tl = (await viewerB.req('GET', `/api/v1/channels/${channel}/envelopes?limit=50`)).json as {
      envelopes: { hash: string; author_name: string; verification: { signature: string } }[];
    };
    const e = tl.envelopes.find((x) => x.hash === hash)!;
    assert.equal(e.author_name, 'Ardenia CERT');
    assert.equal(e.verification.signature, 'verified');
    const resp = await analystB.req('POST', `/api/v1/channels/${channel}/items/${hash}/response`, {
      status: 'answered',
      text: 'Blocked.',
    });
    assert.equal(resp.status, 201);
    await eventually('A sees the receipt and the response', async () => {
      const mine = (await analystA.req('GET', `/api/v1/channels/${channel}/envelopes?limit=50`)).json as {
        envelopes: { hash: string; verification: { receipt: string } }[];
      };
      const answered = (
        (await analystA.req('GET', '/api/v1/items?state=open')).json as { items: { hash: string }[] }
      ).items.every((i) => i.hash !== hash);
      return mine.envelopes.find((x) => x.hash === hash)?.verification.receipt === 'received' && answered;
    });
  });

  it('pages the timeline with before, and verifies everything on demand', async () => {
    for (let i = 0; i < 5; i++) await analystA.req('POST', `/api/v1/channels/${channel}/ping`);
    const p1 = (await analystA.req('GET', `/api/v1/channels/${channel}/envelopes?limit=3`)).json as {
      envelopes: { hash: string }[];
      next_before: number;
    };
    assert.equal(p1.envelopes.length, 3);
    const p2 = (
      await analystA.req('GET', `/api/v1/channels/${channel}/envelopes?limit=3&before=${p1.next_before}`)
    ).json as { envelopes: { hash: string }[] };
    assert.ok(p2.envelopes.length > 0);
    assert.ok(!p2.envelopes.some((e) => p1.envelopes.some((f) => f.hash === e.hash)), 'pages do not overlap');
    const v = (await viewerB.req('POST', '/api/v1/verify')).json as { ok: boolean; logs: number };
    assert.equal(v.ok, true);
    assert.ok(v.logs >= 2);
    const channels = (await viewerB.req('GET', '/api/v1/channels')).json as {
      channels: { id: string; members: unknown[] }[];
    };
    assert.equal(channels.channels[0]!.id, channel);
    const contacts = (await viewerB.req('GET', '/api/v1/contacts')).json as { contacts: { name: string }[] };
    assert.deepEqual(contacts.contacts.map((c) => c.name).sort(), ['Ardenia CERT', 'Borealia POC']);
    const checks = await eventually('ping stats', async () => {
      const c = (await analystA.req('GET', '/api/v1/contacts/checks')).json as {
        checks: { answered: number }[];
      };
      return c.checks[0] && c.checks[0].answered >= 5 ? c : undefined;
    });
    assert.ok(checks.checks[0]!.answered >= 5);
  });
});
