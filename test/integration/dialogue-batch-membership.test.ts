/**
 * Ingest reads a channel's members once per batch (member-memo.ts). A change of members inside
 * the batch must still take effect for the envelopes after it: a key-rotation for the envelopes
 * its author signs next, a leave for what its author sends next. Each batch here is handed to
 * the receiver in one call, as one inbox POST would be.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64 } from '../../src/core/bytes/index.js';
import { createEnvelope, type EnvelopeKind, type ParsedEnvelope } from '../../src/core/envelope/index.js';
import type { JsonObject } from '../../src/core/jcs/index.js';
import { generateKeyPair, type PrivateKey } from '../../src/core/sig/index.js';
import { loadKeyPair } from '../../src/cli/data-dir.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

export function batchMembershipScenario(engine: string, pgUrl?: string): void {
  describe(`a change of members inside one ingested batch applies to the envelopes after it (${engine})`, () => {
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;
    /** The key B pins for A now: the tests rotate it. */
    let signing: PrivateKey;

    before(async () => {
      let nodes: TestNode[];
      ({ nodes, channel, stop } = await nodesWithChannel(['Author A', 'Receiver B'], {
        ...(pgUrl ? { pgUrl } : {}),
        channel: { name: 'batch membership' },
      }));
      [a, b] = nodes as [TestNode, TestNode];
      await a.dialogue.send(channel, { kind: 'note', body: { text: 'delivered the usual way' } });
      const aLog = { channel, author: a.node.partyId };
      await eventually('B holds all of A', async () => {
        const size = (await a.node.getLogHead(aLog))!.size;
        return (await b.node.getLogHead(aLog))?.size === size;
      });
      // From here on the test writes A's log at B itself, batch by batch: A's own node stays out.
      await a.dialogue.deliverer.stop();
      signing = loadKeyPair(a.dataDir).privateKey;
    });
    after(async () => stop?.());

    /** Signs A's envelopes continuing B's copy of A's log, each with the key given. */
    async function aEnvelopes(
      drafts: readonly { kind: EnvelopeKind; body: JsonObject; key: PrivateKey }[],
    ): Promise<ParsedEnvelope[]> {
      const aLog = { channel, author: a.node.partyId };
      const size = (await b.node.getLogHead(aLog))!.size;
      let prev = Buffer.from((await b.node.entries(aLog, size - 1, 1))[0]!.hash).toString('hex');
      const out: ParsedEnvelope[] = [];
      for (const [i, d] of drafts.entries()) {
        const p = createEnvelope(
          {
            channel,
            author: a.node.partyId,
            seq: size + i,
            prev,
            created: new Date().toISOString(),
            kind: d.kind,
            body: d.body,
          },
          d.key,
        );
        prev = p.hashHex;
        out.push(p);
      }
      return out;
    }

    const pinnedAtB = async (): Promise<Buffer> => Buffer.from((await b.dialogue.keyOf(a.node.partyId))!);
    const statuses = (r: { results: readonly { status: string; code?: string }[] }) =>
      r.results.map((x) => (x.code ? `${x.status} ${x.code}` : x.status));

    it('a key-rotation: the next envelopes verify with the new key, and one signed with the old key is refused', async () => {
      const next = generateKeyPair();
      const batch = await aEnvelopes([
        { kind: 'note', body: { text: 'before the rotation' }, key: signing },
        { kind: 'key-rotation', body: { new_public_key: toBase64(next.publicKey) }, key: signing },
        { kind: 'note', body: { text: 'signed with the new key' }, key: next.privateKey },
        { kind: 'note', body: { text: 'signed with the new key, again' }, key: next.privateKey },
      ]);
      const res = await b.dialogue.receive(
        a.node.partyId,
        batch.map((p) => p.bytes),
      );
      assert.deepEqual(statuses(res), ['stored', 'stored', 'stored', 'stored']);
      assert.deepEqual(await pinnedAtB(), Buffer.from(next.publicKey));

      // The old key right after a rotation in the same batch: the rotation retired it.
      const third = generateKeyPair();
      const [rotation, stale] = await aEnvelopes([
        { kind: 'key-rotation', body: { new_public_key: toBase64(third.publicKey) }, key: next.privateKey },
        { kind: 'note', body: { text: 'signed with the retired key' }, key: next.privateKey },
      ]);
      const res2 = await b.dialogue.receive(a.node.partyId, [rotation!.bytes, stale!.bytes]);
      assert.deepEqual(statuses(res2), ['stored', 'rejected SIG_INVALID']);
      assert.deepEqual(await pinnedAtB(), Buffer.from(third.publicKey));
      signing = third.privateKey;
      assert.equal(await b.node.store.getEntryByHash(stale!.hash), undefined);
      const forged = (await b.dialogue.evidence(channel)).filter((e) => e.kind === 'bad-signature');
      assert.deepEqual(
        forged.map((e) => Buffer.from(e.first)),
        [Buffer.from(stale!.bytes)],
      );

      // The key after it takes the next envelope, in a batch of its own.
      const [after3] = await aEnvelopes([
        { kind: 'note', body: { text: 'signed with the third key' }, key: third.privateKey },
      ]);
      assert.deepEqual(statuses(await b.dialogue.receive(a.node.partyId, [after3!.bytes])), ['stored']);
      const r = await b.node.verifyAll();
      assert.equal(r.ok, true, JSON.stringify(r.problems.slice(0, 3)));
    });

    it('a leave: the leaver is gone for what follows in the batch, and its later accept does not bring it back', async () => {
      const inviteHash = (await b.dialogue.channels()).find((c) => c.id === channel)!.inviteHash;
      const batch = await aEnvelopes([
        { kind: 'note', body: { text: 'last words' }, key: signing },
        { kind: 'leave', body: { reason: 'exercise over' }, key: signing },
        { kind: 'accept', body: { invite: inviteHash }, key: signing },
        { kind: 'note', body: { text: 'after leaving' }, key: signing },
      ]);
      const res = await b.dialogue.receive(
        a.node.partyId,
        batch.map((p) => p.bytes),
      );
      // Ingest keeps what the leaver signed (its log stays whole and verifiable)…
      assert.deepEqual(statuses(res), ['stored', 'stored', 'stored', 'stored']);
      // …but the accept after the leave saw A as left, and left it so.
      const members = await b.dialogue.members(channel);
      assert.equal(members.find((m) => m.party === a.node.partyId)!.state, 'left');
      const r = await b.node.verifyAll();
      assert.equal(r.ok, true, JSON.stringify(r.problems.slice(0, 3)));
    });
  });
}

// On PostgreSQL: dialogue-batch-membership-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-batch-membership.test.ts')) batchMembershipScenario('SQLite');
