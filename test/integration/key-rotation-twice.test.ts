/**
 * Two rotations through the dialogue (k0 → k1 → k2) between two real nodes. Right after the
 * second rotation, before it is delivered, the author's latest checkpoint is the one signed with
 * the middle key; the per-log proofs must accept it as `log verify` does, and a peer that pinned
 * k2 must still judge evidence signed with k1 as the author's.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { utf8 } from '../../src/core/bytes/index.js';
import { signCheckpoint } from '../../src/core/merkle/index.js';
import { generateKeyPair } from '../../src/core/sig/index.js';
import { logOrigin } from '../../src/service/log-origin.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

describe('two key rotations: what the middle key signed stays the author’s', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;

  const confirmed = async () => {
    const head = (await a.node.getLogHead({ channel, author: a.node.partyId }))!;
    return (await a.node.store.dialogue.listDeliveries(channel)).every((d) => d.ackedSeq === head.size - 1);
  };

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Twice A', 'Peer B'], {
      channel: { name: 'rotate twice' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    await a.dialogue.send(channel, { kind: 'note', body: { text: 'with the founding key' } });
    await eventually('B confirmed the first note', confirmed);
  });
  after(async () => stop?.());

  it('log proofs accept the middle key’s checkpoint; a peer that pinned k2 holds k1’s evidence', async () => {
    const aLog = { channel, author: a.node.partyId };
    const k1 = generateKeyPair();
    const k2 = generateKeyPair();
    await a.dialogue.rotateKey(k1, 'first');
    await a.dialogue.send(channel, { kind: 'note', body: { text: 'with the middle key' } });
    await eventually('B confirmed the first rotation and the note', confirmed);

    // Held back, so that no checkpoint is signed with k2 before the proofs are read.
    await a.dialogue.deliverer.stop();
    await a.dialogue.rotateKey(k2, 'second');
    const own = (await a.node.logProofs()).find((l) => l.channel === channel && l.author === a.node.partyId);
    assert.ok(own?.latest, 'A has a checkpoint of its own log');
    assert.equal(own.signature.result, 'verified', JSON.stringify(own.signature));
    const verified = await a.node.verifyAll();
    assert.equal(verified.ok, true, JSON.stringify(verified.problems.slice(0, 3)));

    a.dialogue.deliverer.start();
    await a.dialogue.deliverer.kick(channel);
    await eventually('B pinned k2', async () =>
      Buffer.from((await b.dialogue.keyOf(a.node.partyId))!).equals(Buffer.from(k2.publicKey)),
    );
    for (const l of await b.node.logProofs())
      assert.equal(l.signature.result, 'verified', `${l.author}: ${JSON.stringify(l.signature)}`);

    // Two notes of A's log at one size with two roots, both signed with k1: A equivocated.
    const size = (await b.node.getLogHead(aLog))!.size;
    const signer = { name: a.node.partyId, privateKey: k1.privateKey, publicKey: k1.publicKey };
    const note = (root: Uint8Array) =>
      utf8.encode(signCheckpoint({ origin: logOrigin(aLog), size, rootHash: root, extensions: [] }, signer));
    await b.node.store.dialogue.addEvidence({
      kind: 'inconsistent-checkpoint',
      ...aLog,
      seq: undefined,
      first: note(new Uint8Array(randomBytes(32))),
      second: note(new Uint8Array(randomBytes(32))),
      detail: 'two roots at one size, signed with the middle key',
      detectedAt: new Date().toISOString(),
    });
    const report = await b.node.verifyAll();
    assert.deepEqual(
      report.problems.map((p) => [p.author, p.code]),
      [[a.node.partyId, 'EQUIVOCATION']],
    );
  });
});
