import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair } from '../../src/core/sig/index.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

describe('key rotation: a key-rotation signed by the old key, then the new key everywhere', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Rotating A', 'Peer B'], {
      channel: { name: 'rotation' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    await a.dialogue.send(channel, { kind: 'note', body: { text: 'before' } });
  });
  after(async () => stop?.());

  it('is refused while a member has not confirmed everything, then rotates; peers follow; every log still verifies', async () => {
    const aLog = { channel, author: a.node.partyId };
    await a.dialogue.deliverer.stop();
    await a.dialogue.send(channel, { kind: 'note', body: { text: 'not yet delivered' } });
    await assert.rejects(a.dialogue.rotateKey(generateKeyPair()), /has not confirmed everything/);
    a.dialogue.deliverer.start();
    await a.dialogue.deliverer.kick(channel);
    await eventually('B confirmed everything', async () => {
      const head = (await a.node.getLogHead(aLog))!;
      return (await a.node.store.dialogue.listDeliveries(channel)).every((d) => d.ackedSeq === head.size - 1);
    });
    const next = generateKeyPair();
    const [rotation] = await a.dialogue.rotateKey(next, 'test');
    assert.equal(rotation!.envelope.kind, 'key-rotation');
    const after = await a.dialogue.send(channel, {
      kind: 'note',
      body: { text: 'after, signed with the new key' },
    });
    await eventually(
      'B holds both',
      async () => (await b.node.store.getEntryByHash(after.hash)) !== undefined,
    );
    await eventually('B pinned the new key', async () =>
      Buffer.from((await b.dialogue.keyOf(a.node.partyId))!).equals(Buffer.from(next.publicKey)),
    );
    // B still talks to A, and checks A's checkpoint (signed with the new key) without complaint.
    const fromB = await b.dialogue.send(channel, { kind: 'note', body: { text: 'reply' } });
    await eventually(
      'A holds B’s reply',
      async () => (await a.node.store.getEntryByHash(fromB.hash)) !== undefined,
    );
    await b.dialogue.checkCheckpoints();
    for (const n of [a, b]) {
      const r = await n.node.verifyAll();
      assert.equal(r.ok, true, `${n.name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
      assert.deepEqual(await n.dialogue.evidence(), [], `${n.name} kept no evidence`);
    }
  });

  it('a co-signature made before a rotation stays valid after it, on every node', async () => {
    const aLog = { channel, author: a.node.partyId };
    const st = await b.dialogue.proposeStatement(channel, {
      title: 'Joint statement',
      text: 'Signed before A rotates.',
      lang: 'en',
    });
    await eventually(
      'A holds the statement',
      async () => (await a.node.store.dialogue.getItem(st.hashHex)) !== undefined,
    );
    const cosign = await a.dialogue.signStatement(channel, st.hashHex);
    for (const n of [a, b]) {
      await eventually(
        `${n.name} sees A's co-signature`,
        async () => (await n.dialogue.verifyStatement(st.hashHex)).complete,
      );
    }
    await eventually('B confirmed everything', async () => {
      const head = (await a.node.getLogHead(aLog))!;
      return (await a.node.store.dialogue.listDeliveries(channel)).every((d) => d.ackedSeq === head.size - 1);
    });
    const next = generateKeyPair();
    const [rotation] = await a.dialogue.rotateKey(next, 'after co-signing');
    assert.ok(rotation!.envelope.seq > cosign.envelope.seq, 'the co-signature predates the rotation');
    await eventually('B pinned the new key', async () =>
      Buffer.from((await b.dialogue.keyOf(a.node.partyId))!).equals(Buffer.from(next.publicKey)),
    );
    for (const n of [a, b]) {
      const s = await n.dialogue.verifyStatement(st.hashHex);
      assert.deepEqual(
        s.signatures.map((x) => [x.party, x.valid]),
        [[a.node.partyId, true]],
        `${n.name} still holds A's co-signature valid`,
      );
      assert.equal(s.complete, true);
    }
  });
});
