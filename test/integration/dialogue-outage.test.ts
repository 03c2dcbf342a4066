import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvelope } from '../../src/core/envelope/index.js';
import { eventually, nodesWithChannel, restartNode, type TestNode } from '../helpers/nodes.js';

const COUNT = Number(process.env.PARLEY_OUTAGE_COUNT ?? 5000);

export function outageScenario(engine: string, pgUrl?: string): void {
  describe(`a receiver stopped while envelopes are sent to it (${engine})`, () => {
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;

    before(async () => {
      ({ nodes, channel, stop } = await nodesWithChannel(['Sender', 'Receiver'], {
        ...(pgUrl ? { pgUrl } : {}),
        channel: { name: 'outage' },
      }));
      [a, b] = nodes as [TestNode, TestNode];
    });
    after(async () => {
      await b?.close();
      await stop?.();
    });

    it(`receives all ${COUNT} exactly once and in order after a restart`, async () => {
      await b.close();
      const sent: string[] = [];
      for (let i = 0; i < COUNT; i++)
        sent.push((await a.dialogue.send(channel, { kind: 'note', body: { text: `message ${i}` } })).hashHex);
      await eventually('the sender sees the receiver down and retries', async () => {
        const d = (await a.node.store.dialogue.listDeliveries(channel))[0]!;
        return d.attempts > 0 && d.lastError !== undefined;
      });
      b = await restartNode(b);
      nodes[1] = b;
      const aLog = { channel, author: a.node.partyId };
      const want = (await a.node.getLogHead(aLog))!.size;
      await eventually(
        'everything arrived',
        async () => ((await b.node.getLogHead(aLog))?.size ?? 0) >= want,
        120_000,
      );
      const held = [];
      for (let from = 0; from < want; from += 1000) held.push(...(await b.node.entries(aLog, from, 1000)));
      assert.equal(held.length, want, 'no duplicate and nothing missing');
      assert.deepEqual(
        held.map((e) => e.seq),
        [...Array(want).keys()],
        'in order',
      );
      const texts = held
        .map((e) => parseEnvelope(e.bytes).envelope)
        .filter((e) => e.kind === 'note')
        .map((e) => e.body.text);
      assert.deepEqual(
        texts,
        [...Array(COUNT).keys()].map((i) => `message ${i}`),
      );
      const hashes = new Set(held.map((e) => Buffer.from(e.hash).toString('hex')));
      for (const h of sent) assert.ok(hashes.has(h));
      await eventually(
        'receipts for all of them came back',
        async () => ((await a.node.store.dialogue.listDeliveries(channel))[0]!.ackedSeq ?? -1) >= want - 1,
        60_000,
      );
      assert.equal((await b.node.verifyAll()).ok, true);
      assert.equal((await a.node.verifyAll()).ok, true);
    });
  });
}

// On PostgreSQL: dialogue-outage-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-outage.test.ts')) outageScenario('SQLite');
