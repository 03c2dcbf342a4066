/**
 * An author who rotated twice (k0 → k1 → k2) has three keys, and whatever it signed with the
 * middle one must verify everywhere the author's signature is checked: the per-log proofs
 * (log-proofs.ts), the re-check of equivocation evidence (verify-evidence.ts), the key of a
 * co-signature's time (key-chain.ts) and `log verify` (verify-service.ts). Run by every engine.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { toHex, utf8 } from '../../../src/core/bytes/index.js';
import { createEnvelope, parseEnvelope } from '../../../src/core/envelope/index.js';
import { hashLeaf, signCheckpoint } from '../../../src/core/merkle/index.js';
import { partyIdFromPublicKey } from '../../../src/core/party/index.js';
import { generateKeyPair, type Ed25519KeyPair } from '../../../src/core/sig/index.js';
import { authorKeyHistory } from '../../../src/service/author-keys.js';
import { keyAtSeq } from '../../../src/service/dialogue/key-chain.js';
import { logOrigin } from '../../../src/service/log-origin.js';
import { checkLogProofs } from '../../../src/service/log-proofs.js';
import { LogService } from '../../../src/service/log-service.js';
import { systemClock } from '../../../src/service/ports.js';
import { verifyEvidence } from '../../../src/service/verify-evidence.js';
import { verifyAllLogs } from '../../../src/service/verify-service.js';
import type { LogKey, Store } from '../../../src/store/index.js';
import { withStore } from '../store/store-fixtures.js';

const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64');

interface TwoRotations {
  readonly logs: LogService;
  readonly log: LogKey;
  readonly keys: readonly [Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair];
  /** The checkpoint of size 4, signed with k1 in the commit of the rotation to k2. */
  readonly middleNote: string;
}

/**
 * seq 0 note (k0), checkpoint 1 (k0); seq 1 rotation to k1 (k0), checkpoint 2 (k0); seq 2 note
 * (k1); seq 3 rotation to k2 (k1), checkpoint 4 (k1), as LogService signs one in a rotation's
 * own commit when its size is due; seq 4 note (k2) and no checkpoint after it, so the latest
 * checkpoint is the middle key's.
 */
async function twoRotations(store: Store): Promise<TwoRotations> {
  const keys = [generateKeyPair(), generateKeyPair(), generateKeyPair()] as const;
  const author = partyIdFromPublicKey(keys[0].publicKey);
  await store.putParty({ id: author, publicKey: keys[0].publicKey, name: 'A', identity: '{}', isHome: true });
  const logs = new LogService({
    store,
    partyId: author,
    keyPair: keys[0],
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    checkpointEvery: 1000,
  });
  const log = { channel: `channel--${randomUUID()}`, author };
  const rotateTo = async (next: Ed25519KeyPair) => {
    const { head } = await logs.append(log.channel, [
      { kind: 'key-rotation', body: { new_public_key: b64(next.publicKey) } },
    ]);
    const cp = await logs.signCheckpoint(head);
    logs.useKeyPair(next);
    return cp.note;
  };
  await logs.signCheckpoint((await logs.append(log.channel, [{ kind: 'note', body: { i: 0 } }])).head);
  await rotateTo(keys[1]);
  await logs.append(log.channel, [{ kind: 'note', body: { i: 2 } }]);
  const middleNote = await rotateTo(keys[2]);
  await logs.append(log.channel, [{ kind: 'note', body: { i: 4 } }]);
  return { logs, log, keys, middleNote };
}

async function entryAt(store: Store, log: LogKey, seq: number) {
  const [e] = await store.getEntries(log, seq, 1);
  assert.ok(e, `entry ${seq}`);
  return e;
}

export function runAuthorKeysSuite(open: () => Promise<Store>, label: string): void {
  describe(`an author's keys after two rotations (${label})`, () => {
    it('log proofs verify the latest checkpoint signed with the middle key, as log verify does', () =>
      withStore(open, async (store) => {
        const { logs, log } = await twoRotations(store);
        const head = (await store.getLogHead(log))!;
        const proofs = await checkLogProofs(store, logs, head);
        assert.equal(proofs.latest?.size, 4);
        assert.equal(proofs.signature.result, 'verified', JSON.stringify(proofs.signature));
        assert.equal(proofs.inclusion.result, 'verified', JSON.stringify(proofs.inclusion));
        assert.equal(proofs.consistency.result, 'verified', JSON.stringify(proofs.consistency));
        const report = await verifyAllLogs(store);
        const mine = report.problems.filter((p) => p.channel === log.channel);
        assert.deepEqual(mine, []);
        assert.equal(report.logs.find((l) => l.channel === log.channel)?.checkpointsVerified, 3);
      }));

    it('two notes of one size signed with the middle key prove equivocation', () =>
      withStore(open, async (store) => {
        const { log, keys, middleNote } = await twoRotations(store);
        const forged = signCheckpoint(
          { origin: logOrigin(log), size: 4, rootHash: new Uint8Array(randomBytes(32)), extensions: [] },
          { name: log.author, privateKey: keys[1].privateKey, publicKey: keys[1].publicKey },
        );
        await store.dialogue.addEvidence({
          kind: 'inconsistent-checkpoint',
          ...log,
          seq: undefined,
          first: utf8.encode(middleNote),
          second: utf8.encode(forged),
          detail: 'two roots at size 4',
          detectedAt: new Date().toISOString(),
        });
        const problems = (await verifyEvidence(store)).filter((p) => p.channel === log.channel);
        assert.deepEqual(
          problems.map((p) => p.code),
          ['EQUIVOCATION'],
        );
      }));

    it('two envelopes for one seq signed with the middle key prove equivocation', () =>
      withStore(open, async (store) => {
        const { log, keys } = await twoRotations(store);
        const stored = await entryAt(store, log, 2);
        const before = await entryAt(store, log, 1);
        const other = createEnvelope(
          {
            ...log,
            seq: 2,
            prev: toHex(before.hash),
            created: stored.created,
            kind: 'note',
            body: { i: 'another history' },
          },
          keys[1].privateKey,
        );
        await store.dialogue.addEvidence({
          kind: 'equivocation',
          ...log,
          seq: 2,
          first: stored.bytes,
          second: other.bytes,
          detail: 'two envelopes at seq 2',
          detectedAt: new Date().toISOString(),
        });
        const problems = (await verifyEvidence(store)).filter((p) => p.channel === log.channel);
        assert.deepEqual(
          problems.map((p) => [p.code, p.at]),
          [['EQUIVOCATION', 2]],
        );
      }));

    it('notes signed with a key no rotation of this log named prove nothing', () =>
      withStore(open, async (store) => {
        const { log, middleNote } = await twoRotations(store);
        const stranger = generateKeyPair();
        const forged = signCheckpoint(
          { origin: logOrigin(log), size: 4, rootHash: new Uint8Array(randomBytes(32)), extensions: [] },
          { name: log.author, privateKey: stranger.privateKey, publicKey: stranger.publicKey },
        );
        await store.dialogue.addEvidence({
          kind: 'inconsistent-checkpoint',
          ...log,
          seq: undefined,
          first: utf8.encode(middleNote),
          second: utf8.encode(forged),
          detail: 'a note the author never signed',
          detectedAt: new Date().toISOString(),
        });
        assert.deepEqual(
          (await verifyEvidence(store)).filter((p) => p.channel === log.channel),
          [],
        );
      }));

    it('reads the history from the party record and the log’s rotations, below a seq if asked', () =>
      withStore(open, async (store) => {
        const { log, keys } = await twoRotations(store);
        const history = await authorKeyHistory(store, log);
        assert.deepEqual(
          history.map((k) => [b64(k.publicKey), k.fromSeq]),
          [
            [b64(keys[0].publicKey), 0],
            [b64(keys[1].publicKey), 2],
            [b64(keys[2].publicKey), 4],
          ],
        );
        assert.equal(
          (await authorKeyHistory(store, log, 3)).length,
          2,
          'the rotation at seq 3 is not below 3',
        );
        assert.equal((await authorKeyHistory(store, log, 4)).length, 3);
        assert.deepEqual(await authorKeyHistory(store, { ...log, author: `identity--${randomUUID()}` }), []);
      }));

    it('skips a stored rotation row that no longer reads as this log’s rotation', () =>
      withStore(open, async (store) => {
        const k0 = generateKeyPair();
        const log = { channel: `channel--${randomUUID()}`, author: partyIdFromPublicKey(k0.publicKey) };
        await store.putParty({
          id: log.author,
          publicKey: k0.publicKey,
          name: 'A',
          identity: '{}',
          isHome: true,
        });
        const garbage = utf8.encode('{"not":"an envelope"}');
        const elsewhere = createEnvelope(
          {
            channel: `channel--${randomUUID()}`,
            author: log.author,
            seq: 1,
            prev: '00'.repeat(32),
            created: '2026-01-01T00:00:00Z',
            kind: 'key-rotation',
            body: { new_public_key: b64(generateKeyPair().publicKey) },
          },
          k0.privateKey,
        );
        await store.appendEntries(
          log,
          [
            {
              seq: 0,
              hash: hashLeaf(garbage),
              kind: 'key-rotation',
              created: '2026-01-01T00:00:00Z',
              bytes: garbage,
            },
            {
              seq: 1,
              hash: elsewhere.hash,
              kind: 'key-rotation',
              created: '2026-01-01T00:00:00Z',
              bytes: elsewhere.bytes,
            },
          ],
          '2026-01-01T00:00:01Z',
        );
        const history = await authorKeyHistory(store, log);
        assert.deepEqual(
          history.map((k) => b64(k.publicKey)),
          [b64(k0.publicKey)],
        );
      }));

    it('gives each envelope the key of its time, whichever key is pinned now', () =>
      withStore(open, async (store) => {
        const { log, keys } = await twoRotations(store);
        const current = keys[2].publicKey;
        const want = [keys[0], keys[0], keys[1], keys[1], keys[2]];
        for (const [seq, k] of want.entries()) {
          const parsed = parseEnvelope((await entryAt(store, log, seq)).bytes);
          const got = await keyAtSeq(store, log, parsed, current);
          assert.equal(b64(got), b64(k.publicKey), `seq ${seq}`);
        }
      }));
  });
}
