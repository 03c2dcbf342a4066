// Signed appends through the real LogService on SQLite: build, sign, canonicalise, hash, store
// with Merkle nodes (1 KiB body): one caller awaiting each append, batches of 100, and 64
// concurrent callers sharing group commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generateKeyPair } from '../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../src/core/party/index.js';
import { openStore } from '../src/store/index.js';
import { LogService } from '../src/service/log-service.js';
import { systemClock } from '../src/service/ports.js';
import { fileURLToPath } from 'node:url';

/** CPU seconds (user + system) this process used since `from`: a rate per CPU-second is what one dedicated core would do. */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

export async function runEnvelopeAppendBench(n = 30_000): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const store = await openStore({ engine: 'sqlite', path: join(dir, 'bench.db') });
  const keyPair = generateKeyPair();
  const partyId = partyIdFromPublicKey(keyPair.publicKey);
  await store.putParty({
    id: partyId,
    publicKey: keyPair.publicKey,
    name: 'bench',
    identity: '{}',
    isHome: true,
  });
  const logs = new LogService({
    store,
    partyId,
    keyPair,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    checkpointEvery: 1000,
  });
  const channel = 'channel--00000000-0000-4000-8000-000000000001';
  const body = { text: 'x'.repeat(1000) };
  for (let i = 0; i < 2000; i++) await logs.append(channel, [{ kind: 'note', body }]); // warm-up
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await logs.append(channel, [{ kind: 'note', body }]);
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(c0);
  // The same work with 100 envelopes per transaction (what the inbox and bulk sends do).
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  for (let i = 0; i < n; i += 100)
    await logs.append(
      channel,
      Array.from({ length: 100 }, () => ({ kind: 'note' as const, body })),
    );
  const batchedSecs = (performance.now() - t1) / 1000;
  const batchedCpu = cpuSeconds(c1);
  // Concurrent producers, as a serving node has them (API requests, receipts, pings): 64 calls of
  // one envelope each in flight at once; the log service's group commit shares transactions.
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  const inFlight = 64;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < n) await logs.append(channel, [{ kind: 'note', body }]);
    }),
  );
  const groupSecs = (performance.now() - t2) / 1000;
  const groupCpu = cpuSeconds(c2);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: 'signed appends, 64 concurrent callers of one envelope each, group commit (wall clock)',
      value: Math.round(n / groupSecs),
      unit: 'appends/s',
    },
    {
      name: 'signed appends, 64 concurrent callers, group commit, per CPU-second',
      value: Math.round(n / groupCpu),
      unit: 'appends/s',
    },
    {
      name: 'signed appends in transactions of 100 (wall clock)',
      value: Math.round(n / batchedSecs),
      unit: 'appends/s',
    },
    {
      name: 'signed appends in transactions of 100, per CPU-second',
      value: Math.round(n / batchedCpu),
      unit: 'appends/s',
    },
    {
      name: 'signed appends, 1 KiB body, SQLite, one transaction each (wall clock)',
      value: Math.round(n / secs),
      unit: 'appends/s',
      note: `n=${n}, checkpoint every 1000`,
    },
    {
      name: 'signed appends, per CPU-second of this process',
      value: Math.round(n / cpu),
      unit: 'appends/s',
      note: 'the rate on one dedicated core; holds under load from other processes',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await runEnvelopeAppendBench()) console.log(JSON.stringify(r));
}
