import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { taxiiServiceOf } from '../../src/service/taxii/index.js';
import { OUTBOX_ALIAS } from '../../src/service/taxii/taxii-service.js';
import { forwardOutbox } from '../../src/service/dialogue/taxii-bridge.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

const T = '2026-11-27T08:00:00.000Z';
const indicator = (n: number, marking?: string): Record<string, unknown> => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: T,
  modified: T,
  pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
  pattern_type: 'stix',
  valid_from: T,
  ...(marking ? { object_marking_refs: [marking] } : {}),
});
const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

describe('the TAXII outbox is shared in the channel, and the channel is a collection on both sides', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Outbox A', 'Outbox B'], {
      channel: { name: 'taxii' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
  });
  after(async () => stop?.());

  it('forwards what tools POSTed to the outbox, once, under TLP, into both channel collections', async () => {
    const taxiiA = taxiiServiceOf(a.node)!;
    const taxiiB = taxiiServiceOf(b.node)!;
    await taxiiA.importObjects(OUTBOX_ALIAS, [indicator(1), indicator(2), indicator(3, TLP_RED)]);
    // The RED object is refused for the channel (its members are not named); the others go.
    assert.equal(await forwardOutbox(taxiiA, a.dialogue), 2);
    await taxiiA.importObjects(OUTBOX_ALIAS, [indicator(4), indicator(5)]);
    assert.equal(await forwardOutbox(taxiiA, a.dialogue), 2);
    assert.equal(await forwardOutbox(taxiiA, a.dialogue), 0, 'nothing forwarded twice');
    const collection = async (t: typeof taxiiA): Promise<string[]> => {
      const c = await t.channelCollection(channel);
      return (await t.readCollection(c.id, undefined, 100)).objects.map((o) => String(o.object.id)).sort();
    };
    const want = [indicator(1).id, indicator(2).id, indicator(4).id, indicator(5).id].map(String).sort();
    await eventually(
      'B holds them in the channel collection',
      async () => JSON.stringify(await collection(taxiiB)) === JSON.stringify(want),
    );
    assert.deepEqual(await collection(taxiiA), want);
  });
});
