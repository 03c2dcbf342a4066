import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nodesWithChannel, eventually, type TestNode } from '../helpers/nodes.js';

/**
 * Logs of different authors reach a member in any order. Here C receives B's response before A's
 * request it answers (A's outbox is held and the test delivers A's log by hand): when the request
 * arrives, C must still record it as answered by that response.
 */
export function responseFirstScenario(engine: string, pgUrl?: string): void {
  describe(`a response that reaches a member before its request (${engine})`, () => {
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode, c: TestNode;
    let channel: string;

    before(async () => {
      ({ nodes, channel, stop } = await nodesWithChannel(['First A', 'First B', 'First C'], {
        ...(pgUrl ? { pgUrl } : {}),
        converged: true,
      }));
      [a, b, c] = nodes as [TestNode, TestNode, TestNode];
    });
    after(async () => stop?.());

    /** A's log from what `n` holds to A's head, posted to `n` as A's outbox would. */
    async function deliverA(n: TestNode): Promise<void> {
      const log = { channel, author: a.node.partyId };
      const from = (await n.node.getLogHead(log))?.size ?? 0;
      const entries = await a.node.entries(log, from, 10_000);
      const endpoint = (await a.dialogue.members(channel)).find((m) => m.party === n.node.partyId)!.endpoint;
      const res = await a.dialogue.ctx.transport.postInbox(
        endpoint,
        entries.map((e) => e.bytes),
      );
      assert.ok(res.results.every((r) => r.status === 'stored' || r.status === 'duplicate'));
    }

    it('records the request as answered once it arrives', async () => {
      await a.dialogue.deliverer.stop();
      const request = await a.dialogue.send(channel, {
        kind: 'request',
        body: { request_type: 'information', subject: 'seen this?', text: '?' },
      });
      await deliverA(b);
      await eventually(
        'B tracks the request',
        async () => (await b.node.store.dialogue.getItem(request.hashHex)) !== undefined,
      );
      const response = await b.dialogue.respond(channel, request.hashHex, 'answered', 'yes');
      await eventually(
        'C holds the response',
        async () => (await c.node.store.getEntryByHash(response.hash)) !== undefined,
      );
      assert.equal(
        await c.node.store.dialogue.getItem(request.hashHex),
        undefined,
        'C has not seen the request yet',
      );
      await deliverA(c);
      const item = await eventually('C tracks the request', async () =>
        c.node.store.dialogue.getItem(request.hashHex),
      );
      assert.equal(item.responseHash, response.hashHex);
      assert.equal(item.respondedAt, response.envelope.created);
    });
  });
}

// On PostgreSQL: dialogue-response-first-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-response-first.test.ts')) responseFirstScenario('SQLite');
