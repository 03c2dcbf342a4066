import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Transport } from '../../src/service/dialogue/transport.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

/**
 * Gap detection and pull catch-up over real HTTP (docs/protocol.md, "Delivery"): an envelope that
 * arrives ahead of its predecessor is held back, not applied; the receiver pulls the missing
 * range from the author's log endpoint and applies the log in order, each envelope once.
 * Registered once per storage engine (this file: SQLite; dialogue-gap-catch-up-postgres.test.ts).
 */
export function gapScenario(engine: string, pgUrl?: string): void {
  describe(`a gap in a peer log is held back and filled by pulling from the author (${engine})`, () => {
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;

    before(async () => {
      let nodes: TestNode[];
      ({ nodes, channel, stop } = await nodesWithChannel(['Gap A', 'Gap B'], {
        ...(pgUrl ? { pgUrl } : {}),
        channel: { name: 'gaps' },
      }));
      [a, b] = nodes as [TestNode, TestNode];
    });
    after(async () => stop?.());

    const logOfA = () => ({ channel, author: a.node.partyId });
    const sizeOn = async (n: TestNode) => (await n.node.getLogHead(logOfA()))?.size ?? 0;

    it('holds seq N+2 back, pulls N+1 and N+2 from A, and applies them in order, once', async () => {
      // Quiet first: B holds all of A's log and A all of B's (so A owes no more receipts that
      // would slip a seq in between the two envelopes below).
      const logOfB = () => ({ channel, author: b.node.partyId });
      const sizeOfB = async (n: TestNode) => (await n.node.getLogHead(logOfB()))?.size ?? 0;
      // Converged both ways, and unchanged over two reads 300 ms apart: A's receipt for B's
      // acceptance is appended a moment after A stores the acceptance.
      let previous = '';
      await eventually('both logs converged and quiet', async () => {
        const sizes = [await sizeOn(a), await sizeOn(b), await sizeOfB(a), await sizeOfB(b)];
        const converged = sizes[0] === sizes[1] && sizes[0]! > 0 && sizes[2] === sizes[3];
        const key = sizes.join(' ');
        const quiet = converged && key === previous;
        previous = converged ? key : '';
        if (!quiet) await new Promise((r) => setTimeout(r, 300));
        return quiet;
      });
      // A keeps signing and appending, but pushes nothing: the test delivers by hand.
      await a.dialogue.deliverer.stop();
      const n = (await sizeOn(b)) - 1;
      const first = await a.dialogue.send(channel, { kind: 'note', body: { text: 'first after the gap' } });
      const second = await a.dialogue.send(channel, { kind: 'note', body: { text: 'second after the gap' } });
      assert.deepEqual([first.envelope.seq, second.envelope.seq], [n + 1, n + 2]);

      // B's pulls go over real HTTP, but wait at this gate so the held-back state can be observed.
      const transport = b.dialogue.ctx.transport as { -readonly [K in keyof Transport]: Transport[K] };
      const fetchEntries = transport.fetchEntries.bind(transport);
      const pulls: number[] = [];
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      transport.fetchEntries = async (endpoint, ch, author, from, limit, signal) => {
        if (ch === channel && author === a.node.partyId) pulls.push(from);
        await gate;
        return fetchEntries(endpoint, ch, author, from, limit, signal);
      };
      try {
        const endpointOfB = (await a.dialogue.members(channel)).find(
          (m) => m.party === b.node.partyId,
        )!.endpoint;
        const res = await a.dialogue.ctx.transport.postInbox(endpointOfB, [second.bytes]);
        assert.deepEqual(
          res.results.map((r) => [r.hash, r.status, r.code]),
          [[second.hashHex, 'pending', 'SEQ_GAP']],
        );
        assert.equal(await sizeOn(b), n + 1, 'N+2 is not applied while N+1 is missing');
        assert.equal(await b.node.store.getEntryByHash(second.hash), undefined);
        assert.equal(await b.node.store.dialogue.getItem(second.hashHex), undefined, 'nor projected');
        // At least N+2 is held (on a loaded machine a second copy can be in flight); what matters
        // is that nothing is applied out of order, and that every held copy is gone at the end.
        assert.ok(
          (await b.node.store.dialogue.pendingCount(channel, a.node.partyId)) >= 1,
          'N+2 is held back',
        );
        await eventually('B asks A for the missing range', async () => pulls.length > 0);
        assert.equal(pulls[0], n + 1, 'the pull starts at the first missing seq');
      } finally {
        open();
      }

      await eventually('B applied N+1 and N+2', async () => (await sizeOn(b)) === n + 3);
      const held = await b.node.store.getEntries(logOfA(), n + 1, 10);
      assert.deepEqual(
        held.map((e) => [e.seq, Buffer.from(e.hash).toString('hex')]),
        [
          [n + 1, first.hashHex],
          [n + 2, second.hashHex],
        ],
        'in order, each once, and nothing after them',
      );
      // The held copy of N+2 is dropped by the drain that follows the pulled append, a moment
      // after the log reached its size; it must go, not necessarily before we look.
      await eventually(
        'nothing is left held back',
        async () => (await b.node.store.dialogue.pendingCount(channel, a.node.partyId)) === 0,
      );
      for (const e of [first, second])
        assert.ok(await b.node.store.dialogue.getItem(e.hashHex), `seq ${e.envelope.seq} is projected`);
      assert.deepEqual(
        await b.dialogue.evidence(channel),
        [],
        'a resend of N+2 is a duplicate, not a conflict',
      );
      // The same envelopes pushed again (A's outbox, once running) change nothing.
      const again = await a.dialogue.ctx.transport.postInbox(
        (await a.dialogue.members(channel)).find((m) => m.party === b.node.partyId)!.endpoint,
        [first.bytes, second.bytes],
      );
      assert.deepEqual(
        again.results.map((r) => r.status),
        ['duplicate', 'duplicate'],
      );
      assert.equal(await sizeOn(b), n + 3);
    });
  });
}

if (process.argv[1]?.endsWith('dialogue-gap-catch-up.test.ts')) gapScenario('SQLite');
