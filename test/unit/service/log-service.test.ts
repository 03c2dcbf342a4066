import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import fc from 'fast-check';
import { generateKeyPair } from '../../../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../../../src/core/party/index.js';
import { hashLeaf, verifyInclusion } from '../../../src/core/merkle/index.js';
import type { JsonObject } from '../../../src/core/jcs/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { LogService, type AppendDraft } from '../../../src/service/log-service.js';
import { systemClock } from '../../../src/service/ports.js';

// LogService's group commit on a real SQLite store: concurrent appends share transactions but
// keep every call's own contract (atomic, in order, durable before it resolves).

const channel = 'channel--00000000-0000-4000-8000-00000000000a';
const note = (i: number): AppendDraft => ({ kind: 'note', body: { i } });

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-logsvc-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function fixture(path = join(dir, `l${n++}.db`)) {
  const store = await openStore({ engine: 'sqlite', path });
  const keyPair = generateKeyPair();
  const partyId = partyIdFromPublicKey(keyPair.publicKey);
  await store.putParty({
    id: partyId,
    publicKey: keyPair.publicKey,
    name: 't',
    identity: '{}',
    isHome: true,
  });
  // Counts the store's append transactions: the real store, observed, not replaced.
  const counting = countAppends(store);
  const logs = new LogService({
    store: counting.store,
    partyId,
    keyPair,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    checkpointEvery: 50,
  });
  return { store, logs, partyId, counting, keyPair };
}

function countAppends(store: Store): { store: Store; calls: () => number; failNext: (e: Error) => void } {
  let calls = 0;
  let failure: Error | undefined;
  const appendEntries = (async (...args: Parameters<Store['appendEntries']>) => {
    calls++;
    if (failure) {
      const e = failure;
      failure = undefined;
      throw e;
    }
    return store.appendEntries(...args);
  }) as Store['appendEntries'];
  // A proxy, so that every other method runs on the store itself (it has private fields).
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'appendEntries') return appendEntries;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: wrapped, calls: () => calls, failNext: (e) => (failure = e) };
}

async function checkLog(store: Store, partyId: string, size: number) {
  const log = { channel, author: partyId };
  const entries = await store.getEntries(log, 0, size + 10);
  assert.equal(entries.length, size);
  entries.forEach((e, i) => assert.equal(e.seq, i));
  const head = await store.getLogHead(log);
  assert.equal(head?.size, size);
  return { log, entries, head: head! };
}

describe('LogService group commit', () => {
  it('gives concurrent calls contiguous seqs in arrival order, in fewer transactions than calls', async () => {
    const { store, logs, partyId, counting } = await fixture();
    const sizes = [1, 3, 1, 7, 2, 1, 1, 4, 1, 1, 5, 1, 2, 1, 1, 1, 9, 1, 1, 3];
    const calls = [...sizes, ...sizes, ...sizes].map((k, c) =>
      logs.append(
        channel,
        Array.from({ length: k }, (_, j) => note(c * 100 + j)),
      ),
    );
    const results = await Promise.all(calls);
    let seq = 0;
    for (const [c, r] of results.entries()) {
      for (const [j, e] of r.entries.entries()) {
        assert.equal(e.envelope.seq, seq++, `call ${c} entry ${j}`);
        assert.deepEqual(e.envelope.body, { i: c * 100 + j });
      }
      assert.ok(r.head.size >= seq, 'the head a call sees includes its own entries');
    }
    assert.ok(
      counting.calls() < results.length,
      `${counting.calls()} transactions for ${results.length} calls`,
    );
    const { log, entries, head } = await checkLog(store, partyId, seq);
    // Every entry is in the tree the store built: an inclusion proof from its stored nodes verifies.
    for (const e of entries) {
      const p = await logs.inclusionProof(log, e.seq, head.size);
      verifyInclusion(hashLeaf(e.bytes), e.seq, head.size, p.proof, head.rootHash);
    }
    await store.close();
  });

  it('keeps the chain whatever the interleaving (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(3), { maxLength: 25 }),
        async (sizes, pauses) => {
          const { store, logs, partyId } = await fixture();
          const pending: Promise<unknown>[] = [];
          for (const [c, k] of sizes.entries()) {
            pending.push(
              logs.append(
                channel,
                Array.from({ length: k }, (_, j) => note(c * 10 + j)),
              ),
            );
            for (let p = 0; p < (pauses[c] ?? 0); p++) await new Promise((r) => setImmediate(r));
          }
          await Promise.all(pending);
          const total = sizes.reduce((a, b) => a + b, 0);
          const { entries } = await checkLog(store, partyId, total);
          for (let i = 1; i < entries.length; i++) {
            const env = JSON.parse(Buffer.from(entries[i]!.bytes).toString()) as { prev: string };
            assert.equal(env.prev, Buffer.from(entries[i - 1]!.hash).toString('hex'));
          }
          await store.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('fails only the call whose draft cannot be signed; its neighbours land without a gap', async () => {
    const { store, logs, partyId } = await fixture();
    const bad: AppendDraft = { kind: 'note', body: { n: Number.NaN } as unknown as JsonObject };
    const [a, b, c] = await Promise.allSettled([
      logs.append(channel, [note(1)]),
      logs.append(channel, [note(2), bad]),
      logs.append(channel, [note(3)]),
    ]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(b.status, 'rejected');
    assert.equal(c.status, 'fulfilled');
    const { entries } = await checkLog(store, partyId, 2);
    assert.deepEqual(
      entries.map((e) => (JSON.parse(Buffer.from(e.bytes).toString()) as { body: unknown }).body),
      [{ i: 1 }, { i: 3 }],
    );
    await store.close();
  });

  it('fails every call of a group the store refuses, writes none of it, and goes on afterwards', async () => {
    const { store, logs, partyId, counting } = await fixture();
    await logs.append(channel, [note(0)]);
    counting.failNext(new Error('disk full'));
    // Calls made in one tick form one group, so the failed commit is theirs together.
    const group = await Promise.allSettled([0, 1, 2, 3].map((i) => logs.append(channel, [note(10 + i)])));
    for (const r of group) {
      assert.equal(r.status, 'rejected');
      assert.match(String((r as PromiseRejectedResult).reason), /disk full/);
    }
    assert.equal(counting.calls(), 2);
    await checkLog(store, partyId, 1);
    const next = await logs.append(channel, [note(99)]);
    assert.equal(next.entries[0]!.envelope.seq, 1);
    await checkLog(store, partyId, 2);
    await store.close();
  });

  it('writes one call larger than a group in one transaction (its atomicity is its contract)', async () => {
    const { store, logs, partyId, counting } = await fixture();
    const r = await logs.append(
      channel,
      Array.from({ length: 1500 }, (_, i) => note(i)),
    );
    assert.equal(r.entries.length, 1500);
    assert.equal(counting.calls(), 1);
    await checkLog(store, partyId, 1500);
    await store.close();
  });

  it('two services over one database (two processes) both land, rebuilt on SEQ_CONFLICT', async () => {
    const path = join(dir, 'shared.db');
    const a = await fixture(path);
    const storeB = await openStore({ engine: 'sqlite', path });
    const logsB = new LogService({
      store: storeB,
      partyId: a.partyId,
      keyPair: a.keyPair,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      checkpointEvery: 50,
    });
    const work = [];
    for (let i = 0; i < 40; i++)
      work.push((i % 2 ? logsB : a.logs).append(channel, [note(i), note(i + 1000)]));
    await Promise.all(work);
    await checkLog(a.store, a.partyId, 80);
    await storeB.close();
    await a.store.close();
  });
});
