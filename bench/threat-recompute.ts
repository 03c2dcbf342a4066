/**
 * Recomputing the threat levels from the store, as a node does at start: 1,000,000 scored incidents in
 * the threat sub-store (SQLite by default; PostgreSQL with PARLEY_BENCH_PG_URL), read page by page
 * into the aggregate (catchUpAggregate, what ThreatService.ready runs). Filling the table is not
 * timed. Each run reports wall time, the CPU time of this process and the load average (2 cores
 * shared with other jobs: see BENCHMARKS.md). Prints one JSON object per line.
 *
 * `detailBytes` pads each row's `detail` (the stored explanation, ≈ 4 KB for a real NCISS-scored
 * incident with designation matches) so that the table has a real row size; the default keeps it
 * `{}` as earlier figures had it.
 *
 *     node --import tsx bench/threat-recompute.ts [count] [detailBytes]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DAY_MS, ThreatLevelAggregator } from '../src/core/score/index.js';
import { catchUpAggregate } from '../src/service/threat/threat-rebuild.js';
import { openStore, type Store } from '../src/store/index.js';

const SECTORS = [
  'agriculture',
  'energy',
  'financial-services',
  'healthcare',
  'telecommunications',
  'transportation',
  'water',
  'manufacturing',
  'government-national',
  'technology',
];
const T0 = Date.UTC(2026, 0, 1);

type Row = Parameters<Store['threat']['putIncidentScore']>[0];

/** Bulk rows: one transaction on SQLite (the store's one-row inserts would take minutes), else the store. */
async function fill(
  store: Store,
  n: number,
  sqlitePath: string | undefined,
  detailBytes: number,
): Promise<void> {
  const detail = detailBytes > 0 ? JSON.stringify({ pad: 'x'.repeat(detailBytes) }) : '{}';
  const db = sqlitePath ? new Database(sqlitePath) : undefined;
  const ins = db?.prepare(
    'INSERT INTO threat_incidents (envelope_hash, incident_id, channel, author, party, at_ms, original, score, level, sectors, designated, name, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  const put = db
    ? db.transaction((rs: Row[]) => {
        for (const r of rs)
          ins!.run(
            r.envelopeHash,
            r.incidentId,
            r.channel,
            r.author,
            r.party,
            r.at,
            r.original,
            r.score,
            r.level,
            r.sectors.join('\n'),
            r.designated.join('\n'),
            r.name,
            r.detail,
          );
      })
    : undefined;
  const channels = Array.from(
    { length: 20 },
    (_, i) => `channel--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const parties = Array.from(
    { length: 50 },
    (_, i) => `identity--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const batch = 10_000;
  for (let i = 0; i < n; i += batch) {
    const recs: Row[] = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const designated = rnd() < 0.05;
      recs.push({
        envelopeHash: j.toString(16).padStart(64, '0'),
        incidentId: `incident--00000000-0000-4000-8000-${String(j).padStart(12, '0')}`,
        channel: channels[j % 20]!,
        author: parties[j % 50]!,
        party: parties[(j * 7) % 50]!,
        at: T0 + Math.floor(rnd() * 365 * DAY_MS),
        original: rnd() * 80,
        score: rnd() * 100,
        level: 2,
        sectors: [SECTORS[j % SECTORS.length]!],
        designated: designated ? [`${parties[j % 50]} v1 asset a${j % 100} ipv4 10.0.0.0/8`] : [],
        detail,
        name: `incident ${j}`,
      });
    }
    if (put) put(recs);
    else await Promise.all(recs.map((r) => store.threat.putIncidentScore(r)));
  }
  db?.close();
}

export async function runThreatRecomputeBench(
  n = 1_000_000,
  detailBytes = 0,
): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-threat-'));
  const pg = process.env.PARLEY_BENCH_PG_URL;
  const path = join(dir, 'threat.db');
  const store = await openStore(
    pg ? { engine: 'postgres', url: pg, schema: `bench_threat_${process.pid}` } : { engine: 'sqlite', path },
  );
  try {
    const t0 = performance.now();
    await fill(store, n, pg ? undefined : path, detailBytes);
    const fillMs = performance.now() - t0;
    const out: Record<string, unknown>[] = [];
    for (let run = 0; run < 3; run++) {
      const load = loadavg()[0]!;
      const cpu = process.cpuUsage();
      const s = performance.now();
      const agg = new ThreatLevelAggregator(undefined, await store.threat.countIncidentScores());
      await catchUpAggregate(store.threat, agg, 0);
      const ms = performance.now() - s;
      const used = process.cpuUsage(cpu);
      out.push({
        name: 'threat.recompute.fromStore',
        engine: store.engine,
        incidents: agg.size,
        ms: Math.round(ms),
        cpuMs: Math.round((used.user + used.system) / 1000),
        load: Math.round(load * 100) / 100,
        run,
        detailBytes,
        fillMs: Math.round(fillMs),
        budgetMs: 2000,
      });
    }
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [count = '1000000', detailBytes = '0'] = process.argv.slice(2);
  for (const r of await runThreatRecomputeBench(Number(count), Number(detailBytes)))
    console.log(JSON.stringify(r));
}
