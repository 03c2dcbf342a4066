import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createEnvelope, parseEnvelope } from '../../src/core/envelope/index.js';
import {
  computeAppend,
  createNoteVerifier,
  hashLeaf,
  signCheckpoint,
  verifyCheckpointEquivocation,
} from '../../src/core/merkle/index.js';
import { loadKeyPair } from '../../src/cli/data-dir.js';
import { FederationClient } from '../../src/http/client/federation-client.js';
import { logOrigin } from '../../src/service/log-origin.js';
import { converged, eventually, startNodes, type TestNode } from '../helpers/nodes.js';

/**
 * An equivocating author: Alpha's key, driven by a test double built from the real envelope and
 * checkpoint signing code, shows Bravo one continuation of Alpha's log and Charlie another, each
 * with a checkpoint signed by Alpha that matches what that peer was shown. Alpha's own node is
 * down meanwhile, so Bravo and Charlie can only learn the truth from each other's receipts.
 */
export function equivocationScenario(engine: string, pgUrl?: string): void {
  describe(`an author that shows different checkpoints to different peers is caught (${engine})`, () => {
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode, c: TestNode;
    let channel: string;
    let alpha: string;
    let notes: { toB: string; toC: string };

    before(async () => {
      ({ nodes, stop } = await startNodes(['Alpha', 'Bravo', 'Charlie'], pgUrl ? { pgUrl } : {}));
      [a, b, c] = nodes as [TestNode, TestNode, TestNode];
      alpha = a.node.partyId;
      ({ channel } = await a.dialogue.invite({ name: 'equivocation test', peers: [b.url, c.url] }));
      for (const n of [b, c]) {
        await eventually('invited', async () => (await n.dialogue.channels()).some((x) => x.id === channel));
        await n.dialogue.accept(channel);
      }
      for (const n of nodes)
        await eventually('accepted', async () =>
          (await n.dialogue.members(channel)).every((m) => m.state === 'accepted'),
        );
      await a.dialogue.send(channel, { kind: 'note', body: { text: 'an honest start' } });
      // Bravo and Charlie must hold the same prefix of Alpha's log for the fork below to continue
      // both copies at the same seq; Alpha's receipts can still be appending a moment after.
      await converged(nodes, channel, 'honest prefix delivered everywhere');
      await a.close();
    });
    after(async () => stop?.());

    it('both peers keep both signed notes, raise an alarm, and log verify reports it', async () => {
      const log = { channel, author: alpha };
      const key = loadKeyPair(a.dataDir);
      const prefix = await b.node.entries(log, 0, 10_000);
      const seq = prefix.length;
      const prev = Buffer.from(prefix[seq - 1]!.hash).toString('hex');
      const created = new Date().toISOString();
      const fork = (text: string): { bytes: Uint8Array; note: string } => {
        const e = createEnvelope(
          { channel, author: alpha, seq, prev, created, kind: 'note', body: { text } },
          key.privateKey,
        );
        const leaves = [...prefix.map((x) => x.hash), hashLeaf(e.bytes)];
        const rootHash = computeAppend(0, [], leaves).rootHash;
        const note = signCheckpoint(
          { origin: logOrigin(log), size: seq + 1, rootHash, extensions: [] },
          { name: alpha, privateKey: key.privateKey, publicKey: key.publicKey },
        );
        return { bytes: e.bytes, note };
      };
      const toB = fork('the version Bravo is shown');
      const toC = fork('the version Charlie is shown');
      notes = { toB: toB.note, toC: toC.note };
      const asAlpha = new FederationClient({
        partyId: alpha,
        privateKey: key.privateKey,
        logger: pino({ level: 'silent' }),
      });

      // Each peer alone sees a consistent log and stores it; its receipt quotes the note it verified.
      const rb = await asAlpha.postInbox(b.url, [toB.bytes], undefined, toB.note);
      assert.equal(rb.results[0]!.status, 'stored');
      const receipt = parseEnvelope(new TextEncoder().encode(rb.receipts[0]!)).envelope.body as {
        checkpoint?: string;
      };
      assert.equal(receipt.checkpoint, toB.note, "Bravo's receipt carries Alpha's note as Bravo verified it");
      const rc = await asAlpha.postInbox(c.url, [toC.bytes], undefined, toC.note);
      assert.equal(rc.results[0]!.status, 'stored');

      // Bravo's receipt reaches Charlie and Charlie's reaches Bravo: each holds both notes.
      const verifier = createNoteVerifier(alpha, key.publicKey);
      for (const n of [b, c]) {
        const ev = await eventually(`${n.name} keeps both notes`, async () =>
          (await n.dialogue.evidence(channel)).find((e) => e.kind === 'inconsistent-checkpoint' && e.second),
        );
        const pair = [ev.first, ev.second!].map((x) => new TextDecoder().decode(x)).sort();
        assert.deepEqual(pair, [toB.note, toC.note].sort());
        // A third party needs only Alpha's public key to see that Alpha signed both and both cannot be true.
        assert.equal(
          verifyCheckpointEquivocation(ev.first, ev.second!, [verifier], logOrigin(log)).conflict,
          true,
        );
        const alarms = await n.dialogue.alarms();
        assert.ok(
          alarms.some((x) => x.kind === 'equivocation' && x.severity === 'critical' && x.channel === channel),
        );
        const report = await n.node.verifyAll();
        assert.equal(report.ok, false, `${n.name}: log verify fails on the evidence`);
        assert.ok(report.problems.some((p) => p.code === 'EQUIVOCATION' && p.author === alpha));
        assert.ok(
          report.logs.every((l) => l.ok),
          `${n.name}: every log it holds still verifies on its own`,
        );
      }
    });

    it('a peer that cannot be reached is never recorded as equivocating', async () => {
      const before = await Promise.all([b, c].map(async (n) => (await n.dialogue.evidence(channel)).length));
      // Alpha's node is down: fetching its checkpoint fails, and failing proves nothing.
      await b.dialogue.checkCheckpoints();
      await c.dialogue.checkCheckpoints();
      const after = await Promise.all([b, c].map(async (n) => (await n.dialogue.evidence(channel)).length));
      assert.deepEqual(after, before);
      for (const n of [b, c]) {
        // Only Alpha's two notes, as a pair (and, when a receipt quoting one was judged before
        // the other was held here, that one note alone as well): nothing about reachability.
        const ev = await n.dialogue.evidence(channel);
        const dec = (x: Uint8Array) => new TextDecoder().decode(x);
        assert.ok(ev.length >= 1 && ev.every((e) => e.kind === 'inconsistent-checkpoint'));
        assert.ok(
          ev.every((e) =>
            [e.first, ...(e.second ? [e.second] : [])].every((x) => [notes.toB, notes.toC].includes(dec(x))),
          ),
        );
        assert.equal(ev.filter((e) => e.second).length, 1, 'one two-note record');
      }
    });
  });
}

// On PostgreSQL: dialogue-equivocation-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-equivocation.test.ts')) equivocationScenario('SQLite');
