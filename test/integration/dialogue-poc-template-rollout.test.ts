import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parseEnvelope } from '../../src/core/envelope/index.js';
import type { JsonObject } from '../../src/core/jcs/index.js';
import type { ParsedEnvelope } from '../../src/core/envelope/index.js';
import { NOTIFY_TEMPLATE } from '../helpers/threat-fixtures.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

/**
 * A POC template rollout: a peer on other software signs a notify whose template carries a field
 * this node's field list does not have (one the template dropped, or one added after this node's
 * release). Envelopes apply in order, so whatever this node does with that one envelope decides
 * whether the author's log in the channel moves on at all.
 */
describe('a peer’s notify with a template field this node does not know', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let endpointOfB: string;
  let sizeAtB: () => Promise<number>;
  let odd: ParsedEnvelope, next: ParsedEnvelope;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Rollout A', 'Rollout B'], {
      channel: { name: 'rollout' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // From here the test delivers A's envelopes itself, so that each answer of B can be read.
    await a.dialogue.deliverer.stop();
    const sizeOfA = async () => (await a.node.getLogHead({ channel, author: a.node.partyId }))!.size;
    sizeAtB = async () => (await b.node.getLogHead({ channel, author: a.node.partyId }))?.size ?? 0;
    await eventually('B holds all of A’s log', async () => (await sizeAtB()) === (await sizeOfA()));
    endpointOfB = (await a.dialogue.members(channel)).find((m) => m.party === b.node.partyId)!.endpoint;
    // A's own send path refuses unknown fields, so the peer's software is played by a raw append.
    const template = {
      ...NOTIFY_TEMPLATE,
      message_id: randomUUID(),
      sent_at: new Date().toISOString(),
      legacy_contact_fax: '+00 0000 0000',
    };
    const { entries } = await a.node.append(channel, [
      { kind: 'notify', body: { template } as JsonObject },
      { kind: 'ping', body: { nonce: 'after-the-odd-one' } },
    ]);
    [odd, next] = entries as [ParsedEnvelope, ParsedEnvelope];
  });
  after(async () => stop?.());

  it('is kept as signed, with its unknown field, and the author’s log goes on (before: refused, and the log stopped there for good)', async () => {
    const before = await sizeAtB();
    const res = await a.dialogue.ctx.transport.postInbox(endpointOfB, [odd.bytes, next.bytes]);
    assert.deepEqual(
      res.results.map((r) => r.status),
      ['stored', 'stored'],
    );
    assert.equal(await sizeAtB(), before + 2);
    const kept = await b.node.store.getEntryByHash(odd.hash);
    assert.ok(kept, 'the notify is in B’s copy of A’s log');
    const template = parseEnvelope(kept.bytes).envelope.body.template as Record<string, unknown>;
    assert.equal(template.legacy_contact_fax, '+00 0000 0000', 'the unknown field is kept, not dropped');
  });
});
