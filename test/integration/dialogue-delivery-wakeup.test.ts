import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LogKey } from '../../src/store/index.js';
import { eventually, ManualClock, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

/**
 * A lost wake-up in the outbox: a delivery that found nothing to send parks for a minute, and an
 * append that commits (and kicks) while that delivery is between reading the head and parking
 * must not be left waiting behind the park. The clock is manual and never moves here, so a
 * parked delivery would never run again: the envelope arrives only if the kick was kept.
 */
describe('an append during an idle delivery is not parked behind it', () => {
  const clock = new ManualClock(Date.now());
  let nodes: TestNode[];
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    ({ nodes, channel, stop } = await nodesWithChannel(['Wake A', 'Wake B'], {
      clock,
      channel: { name: 'wake-up' },
      converged: true,
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  it('delivers the envelope appended between the head read and the park', async () => {
    const own: LogKey = { channel, author: a.node.partyId };
    const store = a.dialogue.ctx.store;
    const getLogHead = store.getLogHead.bind(store);
    let sent: Awaited<ReturnType<typeof a.dialogue.send>> | undefined;
    let armed = true;
    // The delivery's read of A's head returns what was there before the append it then misses.
    store.getLogHead = async (log: LogKey) => {
      const head = await getLogHead(log);
      if (armed && log.channel === own.channel && log.author === own.author) {
        armed = false;
        sent = await a.dialogue.send(channel, { kind: 'note', body: { text: 'appended mid-delivery' } });
      }
      return head;
    };
    try {
      await a.dialogue.deliverer.kick(channel);
      await eventually('the append happened inside a delivery', async () => !armed && sent);
    } finally {
      store.getLogHead = getLogHead;
    }
    await eventually(
      'B holds the note without the clock moving',
      async () => (await b.node.store.getEntryByHash(sent!.hash)) !== undefined,
      20_000,
    );
    assert.ok(await b.node.store.getEntryByHash(sent!.hash));
  });
});
