import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DIALOGUE_OPTIONS } from '../../src/service/dialogue/context.js';
import { eventually, ManualClock, openChannel, startNodes, type TestNode } from '../helpers/nodes.js';

const RECEIPT_S = 600;
const RESPONSE_S = 3600;
const TAU_MS = DEFAULT_DIALOGUE_OPTIONS.clockSkewSeconds * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Deadlines on the receiving node start from its own clock within the skew tolerance
 * (src/core/deadline/README.md): a sender whose `created` lies in the past cannot make an item
 * overdue on arrival. Each node has its own controllable clock.
 */
describe('deadlines anchor on the receiving node’s clock', () => {
  const start = Date.now();
  const clockA = new ManualClock(start);
  const clockB = new ManualClock(start);
  const stops: (() => Promise<void>)[] = [];
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    for (const [name, clock] of [
      ['Sender', clockA],
      ['Receiver', clockB],
    ] as const) {
      const started = await startNodes([name], { clock });
      stops.push(started.stop);
      if (clock === clockA) a = started.nodes[0]!;
      else b = started.nodes[0]!;
    }
    channel = await openChannel([a, b], {
      name: 'skew',
      policy: { receipt_deadline_s: RECEIPT_S, response_time_s: RESPONSE_S, tlp_ceiling: 'TLP:RED' },
    });
  });
  after(async () => {
    for (const stop of stops) await stop();
  });

  async function received(hash: string) {
    return eventually('B tracks the item', async () => b.node.store.dialogue.getItem(hash));
  }

  it('with clocks in step, both nodes count from the signed created', async () => {
    const req = await a.dialogue.send(channel, {
      kind: 'request',
      body: { request_type: 'information', subject: 'prompt', text: '?' },
    });
    const atB = await received(req.hashHex);
    const atA = (await a.node.store.dialogue.getItem(req.hashHex))!;
    const created = Date.parse(req.envelope.created);
    for (const item of [atA, atB]) {
      assert.equal(item.receiptDueAt, iso(created + RECEIPT_S * 1000));
      assert.equal(item.respondBy, iso(created + RESPONSE_S * 1000));
    }
  });

  it('a request dated two hours back is not overdue at the receiver on arrival, and the sender gains only the tolerance', async () => {
    // The sender's clock (and so its signed `created`) is two hours behind the receiver's. The
    // receiver's clock moves, not the sender's: a clock running backwards would stall A's outbox.
    clockB.advance(2 * 3600_000);
    const respondBy = iso(clockA.now().getTime() + RESPONSE_S * 1000);
    const req = await a.dialogue.send(channel, {
      kind: 'request',
      body: { request_type: 'assistance', subject: 'backdated', text: 'now!' },
      respondBy,
    });
    const item = await received(req.hashHex);
    const arrival = clockB.now().getTime();
    // Anchor = arrival − tolerance; the windows are those the sender granted.
    assert.equal(item.receiptDueAt, iso(arrival - TAU_MS + RECEIPT_S * 1000));
    assert.equal(item.respondBy, iso(arrival - TAU_MS + RESPONSE_S * 1000));
    assert.equal(item.created, req.envelope.created, 'the signed time is kept as signed');
    // The signed respond_by is already an hour past on B's clock, yet nothing is overdue.
    assert.ok(Date.parse(respondBy) < arrival);
    assert.deepEqual(
      (await b.dialogue.checkDeadlines()).filter((e) => e.item.hash === req.hashHex),
      [],
    );
    // The deadline still holds, from the anchor: just before it nothing, just after it an alarm.
    clockB.advance(RESPONSE_S * 1000 - TAU_MS);
    assert.deepEqual(
      (await b.dialogue.checkDeadlines()).filter((e) => e.item.hash === req.hashHex),
      [],
    );
    clockB.advance(1000);
    const late = await b.dialogue.checkDeadlines();
    assert.deepEqual(
      late.filter((e) => e.item.hash === req.hashHex).map((e) => e.kind),
      ['response-overdue'],
    );
    // The author's own node counts from its signed created, on its own clock.
    const atA = (await a.node.store.dialogue.getItem(req.hashHex))!;
    assert.equal(atA.receiptDueAt, iso(Date.parse(req.envelope.created) + RECEIPT_S * 1000));
    assert.equal(atA.respondBy, respondBy);
  });
});
