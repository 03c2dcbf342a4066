// Signed appends through the real LogService on SQLite: build, sign, canonicalise, hash, store
// with Merkle nodes, one transaction per envelope (1 KiB body).
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
  await store.putParty({ id: partyId, publicKey: keyPair.publicKey, name: 'bench', identity: '{}', isHome: true });
  const logs = new LogService({ store, partyId, keyPair, clock: systemClock, logger: pino({ level: 'silent' }), checkpointEvery: 1000 });
  const channel = 'channel--00000000-0000-4000-8000-000000000001';
  const body = { text: 'x'.repeat(1000) };
  for (let i = 0; i < 2000; i++) await logs.append(channel, [{ kind: 'note', body }]); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await logs.append(channel, [{ kind: 'note', body }]);
  const secs = (performance.now() - t0) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return [{ name: 'signed appends, 1 KiB body, SQLite, one transaction each', value: Math.round(n / secs), unit: 'appends/s', note: `n=${n}, checkpoint every 1000` }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await runEnvelopeAppendBench()) console.log(JSON.stringify(r));
}
