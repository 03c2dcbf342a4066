import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../src/core/jcs/index.js';
import { NOTIFY_TEMPLATE } from '../helpers/threat-fixtures.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

/**
 * A member that refuses an envelope of ours stops the dialogue with it: our log applies in order
 * there, so nothing after the refused one arrives. The sender raises an alarm naming the member,
 * the seq and the member's reason, and its peers view says why delivery is stuck.
 */
describe('a member that refuses our envelope', () => {
  let nodes: TestNode[];
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    ({ nodes, channel, stop } = await nodesWithChannel(['Refused A', 'Refusing B'], {
      channel: { name: 'refusal' },
      converged: true,
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  it('raises a critical alarm with the member, the seq and its reason', async () => {
    // Other software's notify, as B's schema reads it: a known field with a value it refuses.
    // A's own send path would refuse it, so the peer's software is played by a raw append.
    const { entries } = await a.node.append(channel, [
      {
        kind: 'notify',
        body: {
          template: {
            ...NOTIFY_TEMPLATE,
            message_id: randomUUID(),
            sent_at: new Date().toISOString(),
            urgency: 42,
          },
        } as JsonObject,
      },
    ]);
    const seq = entries[0]!.envelope.seq;
    await a.dialogue.deliverer.kick(channel);
    const alarm = await eventually('A raises the refusal alarm', async () =>
      (await a.dialogue.alarms()).find((x) => x.kind === 'delivery-refused'),
    );
    assert.equal(alarm.severity, 'critical');
    assert.equal(alarm.channel, channel);
    assert.equal(alarm.subject, `${b.node.partyId}@${seq}`);
    assert.match(alarm.message, /ENVELOPE_INVALID/);
    assert.match(alarm.message, /urgency/);
    const delivery = (await a.node.store.dialogue.listDeliveries(channel)).find(
      (x) => x.recipient === b.node.partyId,
    )!;
    assert.equal(delivery.ackedSeq, seq - 1, 'B confirmed everything before it, nothing of it');
    assert.match(delivery.lastError ?? '', new RegExp(`^refused seq ${seq}: ENVELOPE_INVALID`));
    assert.equal(await b.node.store.getEntryByHash(entries[0]!.hash), undefined);
    // Every resend meets the same refusal: still one alarm.
    await a.dialogue.deliverer.tick();
    assert.equal((await a.dialogue.alarms()).filter((x) => x.kind === 'delivery-refused').length, 1);
  });
});
