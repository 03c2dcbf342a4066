/**
 * Inclusion and consistency proofs end to end, as a node serves them: LogService.inclusionProof and
 * consistencyProof on a 1,000,000-entry SQLite log (log head, entry, the O(log n) stored nodes,
 * the roots), p50 and p99 over random indexes and sizes. Each proof is then checked with core's
 * verifier (not timed), so a fast wrong answer cannot pass.
 *
 *   node --import tsx bench/log-proofs.ts [size]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { hashLeaf, verifyConsistency, verifyInclusion } from '../src/core/merkle/index.js';
import { generateKeyPair } from '../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../src/core/party/index.js';
import { openStore, type LogKey } from '../src/store/index.js';
import { LogService } from '../src/service/log-service.js';
import { systemClock } from '../src/service/ports.js';

export interface ProofBenchRow {
  readonly name: string;
  readonly logSize: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rounds: number;
  readonly budgetMs: number;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(s.length * p))]!.toFixed(3);
};

export async function runLogProofsBench(size = 1_000_000, rounds = 5_000): Promise<ProofBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-proofs-'));
  const store = await openStore({ engine: 'sqlite', path: join(dir, 'proofs.db') });
  try {
    const keyPair = generateKeyPair();
    const partyId = partyIdFromPublicKey(keyPair.publicKey);
    const logs = new LogService({
      store,
      partyId,
      keyPair,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      checkpointEvery: 1_000_000_000,
    });
    const log: LogKey = { channel: 'channel--00000000-0000-4000-8000-0000000000b1', author: partyId };
    // The log's entries need not be envelopes for proofs: stored bytes and their leaf hashes.
    const at = '2026-01-01T00:00:00.000Z';
    const leaf = (seq: number) => new TextEncoder().encode(`entry ${seq} of the proof bench`);
    for (let from = 0; from < size; from += 10_000) {
      const n = Math.min(10_000, size - from);
      await store.appendEntries(
        log,
        Array.from({ length: n }, (_, i) => {
          const bytes = leaf(from + i);
          return { seq: from + i, hash: hashLeaf(bytes), kind: 'note' as const, created: at, bytes };
        }),
        at,
      );
    }
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const incl: number[] = [];
    const cons: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const index = rnd(size);
      let t = performance.now();
      const p = await logs.inclusionProof(log, index, size);
      incl.push(performance.now() - t);
      verifyInclusion(hashLeaf(leaf(index)), index, size, p.proof, p.rootHash);
      const size1 = 1 + rnd(size - 1);
      t = performance.now();
      const c = await logs.consistencyProof(log, size1, size);
      cons.push(performance.now() - t);
      verifyConsistency(size1, size, c.proof, c.root1, c.root2);
    }
    return [
      {
        name: 'inclusion proof from storage (LogService, SQLite)',
        logSize: size,
        p50Ms: pct(incl, 0.5),
        p99Ms: pct(incl, 0.99),
        rounds,
        budgetMs: 0.5,
      },
      {
        name: 'consistency proof from storage (LogService, SQLite)',
        logSize: size,
        p50Ms: pct(cons, 0.5),
        p99Ms: pct(cons, 0.99),
        rounds,
        budgetMs: 0.5,
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await runLogProofsBench(Number(process.argv[2] ?? 1_000_000)))
    console.log(JSON.stringify(r));
}
