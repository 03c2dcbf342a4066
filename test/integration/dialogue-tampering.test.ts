import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { toBase64 } from '../../src/core/bytes/index.js';
import { createEnvelope, parseEnvelope } from '../../src/core/envelope/index.js';
import { signCheckpoint } from '../../src/core/merkle/index.js';
import { generateKeyPair, sha256 } from '../../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../../src/core/party/index.js';
import { loadKeyPair } from '../../src/cli/data-dir.js';
import { FederationClient } from '../../src/http/client/federation-client.js';
import { logOrigin } from '../../src/service/log-origin.js';
import { TransportError } from '../../src/service/dialogue/transport.js';
import { converged, eventually, startNodes, type TestNode } from '../helpers/nodes.js';

export function tamperingScenario(engine: string, pgUrl?: string): void {
  describe(`tampering and equivocation are refused and kept as evidence (${engine})`, () => {
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode, c: TestNode;
    let channel: string;
    let asA: FederationClient;

    before(async () => {
      ({ nodes, stop } = await startNodes(['Alpha', 'Bravo', 'Charlie'], pgUrl ? { pgUrl } : {}));
      [a, b, c] = nodes as [TestNode, TestNode, TestNode];
      ({ channel } = await a.dialogue.invite({ name: 'tamper test', peers: [b.url, c.url] }));
      for (const n of [b, c]) {
        await eventually('invited', async () => (await n.dialogue.channels()).some((x) => x.id === channel));
        await n.dialogue.accept(channel);
      }
      for (const n of nodes)
        await eventually('accepted', async () =>
          (await n.dialogue.members(channel)).every((m) => m.state === 'accepted'),
        );
      await a.dialogue.send(channel, { kind: 'note', body: { text: 'hello' } });
      await converged(nodes, channel, 'note arrived everywhere');
      asA = new FederationClient({
        partyId: a.node.partyId,
        privateKey: loadKeyPair(a.dataDir).privateKey,
        logger: pino({ level: 'silent' }),
      });
    });
    after(async () => stop?.());

    async function aTip(): Promise<{ seq: number; prev: string }> {
      const head = (await a.node.getLogHead({ channel, author: a.node.partyId }))!;
      const [last] = await a.node.entries({ channel, author: a.node.partyId }, head.size - 1, 1);
      return { seq: head.size, prev: Buffer.from(last!.hash).toString('hex') };
    }

    it('a flipped bit is refused, recorded as evidence, and raises an alarm', async () => {
      const { seq, prev } = await aTip();
      const good = createEnvelope(
        {
          channel,
          author: a.node.partyId,
          seq,
          prev,
          created: new Date().toISOString(),
          kind: 'note',
          body: { text: 'original text' },
        },
        loadKeyPair(a.dataDir).privateKey,
      );
      const bad = new TextEncoder().encode(
        Buffer.from(good.bytes).toString('utf8').replace('original text', 'originaL text'),
      );
      const res = await asA.postInbox(b.url, [bad]);
      const held = await b.node.entries({ channel, author: a.node.partyId }, 0, 10_000);
      assert.equal(res.results[0]!.status, 'rejected');
      assert.equal(res.results[0]!.code, 'SIG_INVALID');
      const ev = (await b.dialogue.evidence(channel)).filter((e) => e.kind === 'bad-signature');
      assert.equal(ev.length, 1);
      assert.deepEqual(ev[0]!.first, bad);
      assert.ok((await b.dialogue.alarms()).some((x) => x.kind === 'bad-signature'));
      assert.ok(
        !held.some((e) => Buffer.from(e.bytes).equals(Buffer.from(bad))),
        'the altered envelope was not stored',
      );
    });

    it('a replay is harmless: answered as a duplicate, stored once', async () => {
      const [first] = await b.node.entries({ channel, author: a.node.partyId }, 1, 1);
      const res = await asA.postInbox(b.url, [first!.bytes, first!.bytes]);
      assert.deepEqual(
        res.results.map((r) => r.status),
        ['duplicate', 'duplicate'],
      );
      const held = await b.node.entries({ channel, author: a.node.partyId }, 0, 10_000);
      assert.equal(
        held.filter((e) => Buffer.from(e.hash).equals(Buffer.from(first!.hash))).length,
        1,
        'stored once',
      );
      assert.deepEqual(
        held.map((e) => e.seq),
        held.map((_, i) => i),
        'in order, no gaps',
      );
    });

    it('a request signed by a party outside the channel is refused with 401', async () => {
      const outsider = generateKeyPair();
      const client = new FederationClient({
        partyId: partyIdFromPublicKey(outsider.publicKey),
        privateKey: outsider.privateKey,
        logger: pino({ level: 'silent' }),
      });
      await assert.rejects(
        client.postInbox(b.url, []),
        (e: unknown) => e instanceof TransportError && e.status === 401 && !e.retryable,
      );
      await assert.rejects(
        client.fetchEntries(b.url, channel, a.node.partyId, 0, 10),
        (e: unknown) => e instanceof TransportError && e.status === 401,
      );
    });

    it('an envelope signed with the wrong key is refused as a forgery', async () => {
      const { seq, prev } = await aTip();
      const forger = generateKeyPair();
      const forged = createEnvelope(
        {
          channel,
          author: a.node.partyId,
          seq,
          prev,
          created: new Date().toISOString(),
          kind: 'note',
          body: { text: 'forged' },
        },
        forger.privateKey,
      );
      const res = await asA.postInbox(c.url, [forged.bytes]);
      assert.equal(res.results[0]!.code, 'SIG_INVALID');
      assert.ok((await c.dialogue.evidence(channel)).some((e) => e.kind === 'bad-signature'));
    });

    it('a created time beyond the clock-skew tolerance is refused', async () => {
      const { seq, prev } = await aTip();
      const future = new Date(Date.now() + 10 * 60_000).toISOString();
      const e = createEnvelope(
        {
          channel,
          author: a.node.partyId,
          seq,
          prev,
          created: future,
          kind: 'note',
          body: { text: 'from the future' },
        },
        loadKeyPair(a.dataDir).privateKey,
      );
      const res = await asA.postInbox(b.url, [e.bytes]);
      assert.equal(res.results[0]!.code, 'CLOCK_SKEW');
    });

    it('an equivocating node — two envelopes for one seq, shown to different peers — is caught', async () => {
      // Both forks must continue B's and C's copies exactly at A's tip: nothing still on its way.
      await converged(nodes, channel);
      const { seq, prev } = await aTip();
      const key = loadKeyPair(a.dataDir).privateKey;
      const created = new Date().toISOString();
      const toB = createEnvelope(
        {
          channel,
          author: a.node.partyId,
          seq,
          prev,
          created,
          kind: 'note',
          body: { text: 'version for Bravo' },
        },
        key,
      );
      const toC = createEnvelope(
        {
          channel,
          author: a.node.partyId,
          seq,
          prev,
          created,
          kind: 'note',
          body: { text: 'version for Charlie' },
        },
        key,
      );
      assert.equal((await asA.postInbox(b.url, [toB.bytes])).results[0]!.status, 'stored');
      assert.equal((await asA.postInbox(c.url, [toC.bytes])).results[0]!.status, 'stored');
      // B's receipt states B's view of A's log; it reaches C with B's log, and C's copy differs.
      // The evidence is stored first and the alarm raised right after: wait for both.
      await eventually(
        'C sees the divergent view and raises the alarm',
        async () =>
          (await c.dialogue.evidence(channel)).some((e) => e.kind === 'divergent-view') &&
          (await c.dialogue.alarms()).some((x) => x.kind === 'divergent-view' && x.severity === 'critical'),
      );
      // Handing B the other version gives B two signed envelopes for one seq: hard evidence.
      const res = await asA.postInbox(b.url, [toC.bytes]);
      assert.equal(res.results[0]!.code, 'EQUIVOCATION');
      const ev = (await b.dialogue.evidence(channel)).find((e) => e.kind === 'equivocation')!;
      assert.equal(parseEnvelope(ev.first).hashHex, toB.hashHex);
      assert.equal(parseEnvelope(ev.second!).hashHex, toC.hashHex);
    });

    it('a signed checkpoint inconsistent with the envelopes held is evidence', async () => {
      const log = { channel, author: a.node.partyId };
      const head = (await a.node.getLogHead(log))!;
      const kp = loadKeyPair(a.dataDir);
      const lie = signCheckpoint(
        {
          origin: logOrigin(log),
          size: head.size,
          rootHash: sha256(new TextEncoder().encode('another history')),
          extensions: [],
        },
        { name: a.node.partyId, privateKey: kp.privateKey, publicKey: kp.publicKey },
      );
      // A already signed (and keeps) its true checkpoint at this size when it pushed: make its node
      // serve the lie instead.
      const honest = a.node.latestCheckpoint.bind(a.node);
      a.node.latestCheckpoint = async (l) =>
        l.author === log.author
          ? {
              ...log,
              size: head.size,
              rootHash: sha256(new TextEncoder().encode('another history')),
              note: lie,
              createdAt: new Date().toISOString(),
            }
          : honest(l);
      await b.dialogue.checkCheckpoints();
      a.node.latestCheckpoint = honest;
      const ev = (await b.dialogue.evidence(channel)).filter((e) => e.kind === 'inconsistent-checkpoint');
      assert.ok(ev.length >= 1, 'evidence kept');
      // B held A's true checkpoint at this size (A pushed it): the evidence is both notes.
      assert.deepEqual(
        [ev[0]!.first, ev[0]!.second].map((x) => x && new TextDecoder().decode(x)).sort(),
        [(await b.node.checkpointAt(log, head.size))!.note, lie].sort(),
      );
      assert.ok((await b.dialogue.alarms()).some((x) => x.kind === 'inconsistent-checkpoint'));
      void toBase64;
    });
  });
}

// On PostgreSQL: dialogue-tampering-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-tampering.test.ts')) tamperingScenario('SQLite');
