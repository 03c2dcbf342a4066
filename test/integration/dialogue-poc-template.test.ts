import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvelope } from '../../src/core/envelope/index.js';
import { ParleyError } from '../../src/core/errors.js';
import type { JsonObject } from '../../src/core/jcs/index.js';
import { NOTIFY_TEMPLATE } from '../helpers/threat-fixtures.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

/**
 * The POC template (docs/poc-template.md) is checked where a notify is sent and where it is
 * received: its required fields, their types and enums. The sending node fills message_id and
 * sent_at itself.
 */
describe('the POC template of a notify, sent and received over real HTTP', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Template A', 'Template B'], {
      channel: { name: 'templates' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  const sizeOfA = async () => (await a.node.getLogHead({ channel, author: a.node.partyId }))!.size;

  it('refuses to send a template missing a required field or with a value outside its enum, naming the field', async () => {
    const before = await sizeOfA();
    const { handling: _, ...noHandling } = NOTIFY_TEMPLATE;
    const cases: [JsonObject, string][] = [
      [noHandling, '/template/handling'],
      [{ ...NOTIFY_TEMPLATE, urgency: 'whenever' }, '/template/urgency'],
      [{ ...NOTIFY_TEMPLATE, sender_poc_role: 'military' }, '/template/sender_poc_role'],
      [{ ...NOTIFY_TEMPLATE, acknowledgement_requested: 'yes' }, '/template/acknowledgement_requested'],
    ];
    for (const [template, pointer] of cases) {
      await assert.rejects(
        a.dialogue.send(channel, { kind: 'notify', body: { template } }),
        (e: unknown) =>
          e instanceof ParleyError &&
          e.code === 'ENVELOPE_INVALID' &&
          e.details?.['pointer'] === pointer &&
          e.message.includes(pointer),
      );
    }
    assert.equal(await sizeOfA(), before, 'nothing was appended');
  });

  it('sends a template with the caller’s fields; the node adds message_id and sent_at, and B accepts it', async () => {
    const e = await a.dialogue.send(channel, { kind: 'notify', body: { template: NOTIFY_TEMPLATE } });
    const t = e.envelope.body.template as Record<string, unknown>;
    assert.match(
      String(t.message_id),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.ok(
      Math.abs(Date.parse(String(t.sent_at)) - Date.parse(e.envelope.created)) < 60_000,
      'sent when signed',
    );
    await eventually('B stores it', async () => (await b.node.store.getEntryByHash(e.hash)) !== undefined);
  });

  it('refuses, on receipt, a peer’s notify whose template is invalid', async () => {
    // A's own send path would refuse it, so it is appended under the service, as a peer
    // running other software could; A's outbox is stopped and the test delivers it by hand.
    await a.dialogue.deliverer.stop();
    await eventually(
      'B holds all of A’s log',
      async () => (await b.node.getLogHead({ channel, author: a.node.partyId }))?.size === (await sizeOfA()),
    );
    const { entries } = await a.node.append(channel, [
      { kind: 'notify', body: { template: { urgency: 'urgent' } } },
    ]);
    const bad = entries[0]!;
    const endpointOfB = (await a.dialogue.members(channel)).find((m) => m.party === b.node.partyId)!.endpoint;
    const res = await a.dialogue.ctx.transport.postInbox(endpointOfB, [bad.bytes]);
    assert.equal(res.results.length, 1);
    assert.equal(res.results[0]!.status, 'rejected');
    assert.equal(res.results[0]!.code, 'ENVELOPE_INVALID');
    assert.match(res.results[0]!.message ?? '', /\/template\/message_id is required/);
    assert.equal(await b.node.store.getEntryByHash(bad.hash), undefined);
    assert.equal(parseEnvelope(bad.bytes).envelope.kind, 'notify');
  });
});
