/** The log half of the storage suite: appends, their failures, reads, proofs' nodes, races. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashLeaf } from '../../../src/core/merkle/hasher.js';
import { isStoreError, type LogKey, type Store } from '../../../src/store/index.js';
import {
  freshLog,
  makeEntries,
  naiveNode,
  naiveRoot,
  rejectsWithCode,
  STORED_AT,
  withStore,
} from './store-fixtures.js';

/** Asserts that the log holds exactly `size` entries, a matching head, and every complete node. */
export async function assertConsistent(s: Store, log: LogKey, size: number): Promise<void> {
  const entries = await s.getEntries(log, 0, size + 10);
  assert.deepEqual(
    entries.map((e) => e.seq),
    [...Array(size).keys()],
  );
  for (const e of entries) assert.deepEqual(e.hash, hashLeaf(e.bytes));
  const leaves = entries.map((e) => e.hash);
  const head = await s.getLogHead(log);
  assert.equal(head?.size, size);
  assert.deepEqual(head?.rootHash, naiveRoot(leaves));
  const ids = [];
  for (let level = 0; 2 ** level <= size; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= size; index++) ids.push({ level, index });
  }
  const got = await s.getNodeHashes(log, ids);
  ids.forEach((id, i) =>
    assert.deepEqual(got[i], naiveNode(leaves, id.level, id.index), `node ${id.level}/${id.index}`),
  );
}

export function registerLogTests(open: () => Promise<Store>): void {
  describe('appendEntries', () => {
    it('appends one at a time with the RFC 9162 root after each', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const entries = makeEntries(log, 0, 33);
        for (const [i, e] of entries.entries()) {
          const head = await s.appendEntries(log, [e], STORED_AT);
          assert.deepEqual(head, {
            ...log,
            size: i + 1,
            rootHash: naiveRoot(entries.slice(0, i + 1).map((x) => x.hash)),
          });
          assert.deepEqual(await s.getLogHead(log), head);
        }
        await assertConsistent(s, log, 33);
        assert.ok(
          (await s.listLogs()).some(
            (h) => h.channel === log.channel && h.author === log.author && h.size === 33,
          ),
        );
      }));

    it('appends batches of every shape with the same result as single appends', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        let size = 0;
        for (const n of [1, 2, 5, 8, 37, 1, 64]) {
          const head = await s.appendEntries(log, makeEntries(log, size, n), STORED_AT);
          size += n;
          assert.equal(head.size, size);
        }
        await assertConsistent(s, log, size);
      }));

    it('keeps logs of one author in two channels, and two authors in one channel, apart', () =>
      withStore(open, async (s) => {
        const a = freshLog();
        const b = { channel: freshLog().channel, author: a.author };
        const c = { channel: a.channel, author: freshLog().author };
        for (const log of [a, b, c]) await s.appendEntries(log, makeEntries(log, 0, 3), STORED_AT);
        for (const log of [a, b, c]) await assertConsistent(s, log, 3);
      }));

    it('throws SEQ_CONFLICT on a gap, a replay, a broken batch and a new log not at 0, writing nothing', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const head = await s.appendEntries(log, makeEntries(log, 0, 3), STORED_AT);
        await rejectsWithCode(s.appendEntries(log, makeEntries(log, 4, 1), STORED_AT), 'SEQ_CONFLICT');
        await rejectsWithCode(s.appendEntries(log, makeEntries(log, 1, 1, 'b'), STORED_AT), 'SEQ_CONFLICT');
        const [e3, , e5] = makeEntries(log, 3, 3);
        await rejectsWithCode(s.appendEntries(log, [e3!, e5!], STORED_AT), 'SEQ_CONFLICT');
        assert.deepEqual(await s.getLogHead(log), head);
        assert.deepEqual(await s.getEntries(log, 3, 10), []);
        assert.equal(await s.getEntryByHash(e3!.hash), undefined);
        await assertConsistent(s, log, 3);
        const other = freshLog();
        await rejectsWithCode(s.appendEntries(other, makeEntries(other, 1, 1), STORED_AT), 'SEQ_CONFLICT');
        assert.equal(await s.getLogHead(other), undefined);
      }));

    it('throws DUPLICATE_ENTRY for a hash stored anywhere, or twice in a batch, leaving no trace', () =>
      withStore(open, async (s) => {
        const a = freshLog();
        const b = freshLog();
        const [a0, a1] = makeEntries(a, 0, 2);
        await s.appendEntries(a, [a0!, a1!], STORED_AT);
        const headB = await s.appendEntries(b, makeEntries(b, 0, 2), STORED_AT);
        const [b2, b3] = makeEntries(b, 2, 2);
        await rejectsWithCode(s.appendEntries(b, [b2!, { ...a1!, seq: 3 }], STORED_AT), 'DUPLICATE_ENTRY');
        await rejectsWithCode(s.appendEntries(b, [b2!, { ...b2!, seq: 3 }], STORED_AT), 'DUPLICATE_ENTRY');
        assert.deepEqual(await s.getLogHead(b), headB);
        assert.equal(await s.getEntryByHash(b2!.hash), undefined);
        await rejectsWithCode(s.getNodeHashes(b, [{ level: 0, index: 2 }]), 'NODE_MISSING');
        assert.equal((await s.getEntryByHash(a1!.hash))?.channel, a.channel);
        await assertConsistent(s, b, 2);
        const c = freshLog();
        await rejectsWithCode(s.appendEntries(c, [{ ...a0!, seq: 0 }], STORED_AT), 'DUPLICATE_ENTRY');
        assert.equal(await s.getLogHead(c), undefined);
        assert.equal((await s.appendEntries(b, [b2!, b3!], STORED_AT)).size, 4);
      }));

    it('rejects malformed input before touching the database', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const [e] = makeEntries(log, 0, 1);
        await assert.rejects(
          s.appendEntries(log, [{ ...e!, hash: e!.hash.subarray(1) }], STORED_AT),
          RangeError,
        );
        await assert.rejects(s.appendEntries(log, [{ ...e!, seq: 0.5 }], STORED_AT), RangeError);
        assert.equal(await s.getLogHead(log), undefined);
      }));
  });

  describe('reading entries', () => {
    it('returns [fromSeq, fromSeq + limit) in seq order, truncated at the head', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const input = makeEntries(log, 0, 20);
        await s.appendEntries(log, input, STORED_AT);
        const want = input.map((e) => ({ ...log, ...e, storedAt: STORED_AT }));
        assert.deepEqual(await s.getEntries(log, 0, 5), want.slice(0, 5));
        assert.deepEqual(await s.getEntries(log, 7, 3), want.slice(7, 10));
        assert.deepEqual(await s.getEntries(log, 18, 10), want.slice(18));
        assert.deepEqual(await s.getEntries(log, 20, 10), []);
        assert.deepEqual(await s.getEntries(log, 3, 0), []);
        assert.deepEqual(await s.getEntries(freshLog(), 0, 10), []);
        await assert.rejects(s.getEntries(log, -1, 5), RangeError);
      }));

    it('finds an entry by hash with its log and seq', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const input = makeEntries(log, 0, 4);
        await s.appendEntries(log, input, STORED_AT);
        assert.deepEqual(await s.getEntryByHash(input[2]!.hash), {
          ...log,
          ...input[2]!,
          storedAt: STORED_AT,
        });
        assert.equal(await s.getEntryByHash(new Uint8Array(32)), undefined);
      }));

    it('finds entries by many hashes across logs in one call, in the order asked, each once', () =>
      withStore(open, async (s) => {
        const a = freshLog();
        const b = freshLog();
        const inA = makeEntries(a, 0, 5);
        const inB = makeEntries(b, 0, 3);
        await s.appendEntries(a, inA, STORED_AT);
        await s.appendEntries(b, inB, STORED_AT);
        const stored = (log: typeof a, e: (typeof inA)[number]) => ({ ...log, ...e, storedAt: STORED_AT });
        const missing = new Uint8Array(32).fill(7);
        // A view into a larger buffer, as a caller slicing a message would pass.
        const view = new Uint8Array(40);
        view.set(inA[1]!.hash, 4);
        const asked = [inB[2]!.hash, missing, inA[3]!.hash, view.subarray(4, 36), inB[2]!.hash, inA[0]!.hash];
        assert.deepEqual(await s.getEntriesByHashes(asked), [
          stored(b, inB[2]!),
          stored(a, inA[3]!),
          stored(a, inA[1]!),
          stored(a, inA[0]!),
        ]);
        assert.deepEqual(await s.getEntriesByHashes([]), []);
        assert.deepEqual(await s.getEntriesByHashes([missing]), []);
        const all = [...inA, ...inB].map((e) => e.hash);
        assert.equal((await s.getEntriesByHashes(all)).length, 8);
      }));

    it('lists the key-rotation entries of one log only, in seq order, below beforeSeq', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const rotations = new Set([3, 9, 15]);
        const input = makeEntries(log, 0, 20).map((e) =>
          rotations.has(e.seq) ? { ...e, kind: 'key-rotation' } : e,
        );
        await s.appendEntries(log, input, STORED_AT);
        // Another log's rotation must not leak into this one's history.
        const other = { ...log, author: freshLog().author };
        await s.appendEntries(other, [{ ...makeEntries(other, 0, 1)[0]!, kind: 'key-rotation' }], STORED_AT);
        const want = input
          .filter((e) => rotations.has(e.seq))
          .map((e) => ({ ...log, ...e, storedAt: STORED_AT }));
        assert.deepEqual(await s.listKeyRotations(log), want);
        assert.deepEqual(await s.listKeyRotations(log, 15), want.slice(0, 2));
        assert.deepEqual(await s.listKeyRotations(log, 16), want);
        assert.deepEqual(await s.listKeyRotations(log, 3), []);
        assert.deepEqual(await s.listKeyRotations(log, 0), []);
        assert.deepEqual(await s.listKeyRotations(freshLog()), []);
        assert.equal((await s.listKeyRotations(other)).length, 1);
        await assert.rejects(s.listKeyRotations(log, -1), RangeError);
        await assert.rejects(s.listKeyRotations(log, 1.5), RangeError);
      }));
  });

  describe('getNodeHashes', () => {
    it('returns nodes in the order asked and NODE_MISSING for any node not stored', () =>
      withStore(open, async (s) => {
        const log = freshLog();
        const input = makeEntries(log, 0, 13);
        await s.appendEntries(log, input, STORED_AT);
        const leaves = input.map((e) => e.hash);
        const ids = [
          { level: 2, index: 2 },
          { level: 0, index: 12 },
          { level: 3, index: 0 },
          { level: 0, index: 0 },
          { level: 2, index: 2 },
        ];
        assert.deepEqual(
          await s.getNodeHashes(log, ids),
          ids.map((id) => naiveNode(leaves, id.level, id.index)),
        );
        assert.deepEqual(await s.getNodeHashes(log, []), []);
        for (const id of [
          { level: 0, index: 13 },
          { level: 2, index: 3 },
          { level: 4, index: 0 },
        ]) {
          await rejectsWithCode(s.getNodeHashes(log, [{ level: 0, index: 1 }, id]), 'NODE_MISSING');
        }
        await rejectsWithCode(s.getNodeHashes(freshLog(), [{ level: 0, index: 0 }]), 'NODE_MISSING');
      }));
  });

  describe('concurrent stores', () => {
    it('lets exactly one of two stores win a race for the same seq', async () => {
      const [s1, s2] = [await open(), await open()];
      try {
        for (const startAt of [0, 5]) {
          const log = freshLog();
          if (startAt > 0) await s1.appendEntries(log, makeEntries(log, 0, startAt), STORED_AT);
          const results = await Promise.allSettled([
            s1.appendEntries(log, makeEntries(log, startAt, 2, 'one'), STORED_AT),
            s2.appendEntries(log, makeEntries(log, startAt, 3, 'two'), STORED_AT),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          assert.equal(
            won.length,
            1,
            `one winner expected, got ${JSON.stringify(results.map((r) => r.status))}`,
          );
          assert.ok(isStoreError(lost[0]!.reason, 'SEQ_CONFLICT'), String(lost[0]!.reason));
          const size = (won[0] as PromiseFulfilledResult<{ size: number }>).value.size;
          await assertConsistent(s1, log, size);
          await assertConsistent(s2, log, size);
        }
      } finally {
        await Promise.all([s1.close(), s2.close()]);
      }
    });

    it('keeps a log consistent under many racing appenders that retry', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      const log = freshLog();
      const perWriter = 15;
      try {
        await Promise.all(
          stores.map(async (s, w) => {
            for (let done = 0; done < perWriter;) {
              const size = (await s.getLogHead(log))?.size ?? 0;
              try {
                await s.appendEntries(log, makeEntries(log, size, 1, `w${w}-${done}`), STORED_AT);
                done++;
              } catch (e) {
                if (!isStoreError(e, 'SEQ_CONFLICT')) throw e;
              }
            }
          }),
        );
        await assertConsistent(stores[0]!, log, perWriter * stores.length);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
}
