/**
 * Threat level aggregate benchmark: recomputes the levels from 1,000,000 scored incidents (20
 * channels, 50 parties, 34 STIX sectors, a year of history, 5% on designated infrastructure), one
 * object each (`add`) and as the columns a store scan hands over (`addColumns`, pages of 20,000),
 * then times one incremental update, a level reading and a full explanation. Building the incidents
 * and the columns is not timed. Prints one JSON object per line.
 *
 *     node --import tsx bench/score-aggregate.ts
 */
import { pathToFileURL } from 'node:url';
import {
  DAY_MS,
  recomputeThreatLevels,
  ThreatLevelAggregator,
  type AggregateIncident,
  type AggregateIncidentColumns,
  type PackedStrings,
} from '../src/core/score/index.js';

export interface ScoreAggregateBenchResult {
  readonly name: string;
  readonly [k: string]: unknown;
}

const SECTORS = [
  'agriculture',
  'aerospace',
  'automotive',
  'chemical',
  'commercial',
  'communications',
  'construction',
  'defense',
  'education',
  'energy',
  'entertainment',
  'financial-services',
  'government',
  'emergency-services',
  'government-national',
  'government-regional',
  'government-local',
  'government-public-services',
  'healthcare',
  'hospitality-leisure',
  'infrastructure',
  'dams',
  'nuclear',
  'water',
  'insurance',
  'manufacturing',
  'mining',
  'non-profit',
  'pharmaceuticals',
  'retail',
  'technology',
  'telecommunications',
  'transportation',
  'utilities',
];
const T0 = Date.UTC(2026, 0, 1);

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function makeIncidents(n: number, seed = 7): AggregateIncident[] {
  const rnd = prng(seed);
  const out: AggregateIncident[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s1 = SECTORS[Math.floor(rnd() * SECTORS.length)]!;
    const sectors = rnd() < 0.2 ? [s1, SECTORS[Math.floor(rnd() * SECTORS.length)]!] : [s1];
    out[i] = {
      id: `incident--${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
      at: T0 + Math.floor((i / n) * 365 * DAY_MS + rnd() * DAY_MS),
      score: Math.round(rnd() * 1000) / 10,
      channel: `channel--${Math.floor(rnd() * 20)}`,
      party: `identity--${Math.floor(rnd() * 50)}`,
      sectors,
      ...(rnd() < 0.05 ? { designated: ['asset'] } : {}),
    };
  }
  return out;
}

/** Strings joined by U+001E with their offsets, as the store's scan hands them over. */
function pack(xs: readonly string[]): PackedStrings {
  const start = new Int32Array(xs.length);
  const end = new Int32Array(xs.length);
  let pos = 0;
  xs.forEach((x, i) => {
    start[i] = pos;
    end[i] = pos + x.length;
    pos = end[i]! + 1;
  });
  return { text: xs.join('\x1e'), start, end };
}

/** The incidents as store-scan pages of `page`; ids are `<channel>|<id>`, the channel a slice of them. */
export function toColumnPages(
  incidents: readonly AggregateIncident[],
  page = 20_000,
): AggregateIncidentColumns[] {
  const pages: AggregateIncidentColumns[] = [];
  for (let from = 0; from < incidents.length; from += page) {
    const part = incidents.slice(from, from + page);
    const id = pack(part.map((x) => `${x.channel!}|${x.id}`));
    pages.push({
      length: part.length,
      id,
      channel: { text: id.text, start: id.start, end: id.start.map((s, i) => s + part[i]!.channel!.length) },
      party: pack(part.map((x) => x.party!)),
      at: part.map((x) => x.at),
      score: part.map((x) => x.score),
      sectors: part.map((x) => x.sectors),
      designated: part.map((x) => x.designated),
    });
  }
  return pages;
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

export async function runScoreAggregateBench(n = 1_000_000): Promise<ScoreAggregateBenchResult[]> {
  const incidents = makeIncidents(n);
  // The first run is what a node pays at start-up (cold JIT, growing heap); later runs are warm.
  const recompute: number[] = [];
  let agg: ThreatLevelAggregator | undefined;
  for (let k = 0; k < 4; k++) {
    agg = undefined;
    const r = time(() => recomputeThreatLevels(incidents));
    recompute.push(r.ms);
    agg = r.value;
  }
  if (agg === undefined) throw new Error('unreachable');
  const cold = recompute[0]!;
  const warm = recompute.slice(1).sort((a, b) => a - b);
  const pages = toColumnPages(incidents);
  const byColumns: number[] = [];
  for (let k = 0; k < 4; k++) {
    byColumns.push(
      time(() => {
        const a = new ThreatLevelAggregator(undefined, n);
        for (const p of pages) a.addColumns(p);
        return a;
      }).ms,
    );
  }
  const columnsWarm = byColumns.slice(1).sort((a, b) => a - b);

  const extra = makeIncidents(10_000, 99).map((x, i) => ({
    ...x,
    id: `new-${i}`,
    at: T0 + 366 * DAY_MS + i * 1000,
  }));
  const perAdd: number[] = [];
  for (const x of extra) {
    const t = process.hrtime.bigint();
    agg.add(x);
    perAdd.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  perAdd.sort((a, b) => a - b);
  const now = T0 + 367 * DAY_MS;
  const reads = 100_000;
  const read = time(() => {
    let s = 0;
    for (let i = 0; i < reads; i++)
      s += agg.levelAt({ kind: 'channel', id: `channel--${i % 20}` }, now).score;
    return s;
  });
  const explain = time(() => agg.explainAt({ kind: 'sector', id: 'energy' }, now));
  return [
    {
      name: 'score.aggregate.recompute',
      incidents: n,
      msCold: cold,
      msWarmMedian: warm[1],
      msWarmBest: warm[0],
      budgetMs: 2000,
    },
    {
      name: 'score.aggregate.recomputeColumns',
      incidents: n,
      msCold: byColumns[0],
      msWarmMedian: columnsWarm[1],
      msWarmBest: columnsWarm[0],
      budgetMs: 2000,
    },
    {
      name: 'score.aggregate.add',
      ops: perAdd.length,
      usMean: perAdd.reduce((a, b) => a + b, 0) / perAdd.length,
      usP99: perAdd[Math.floor(perAdd.length * 0.99)],
      usMax: perAdd[perAdd.length - 1],
      budgetUs: 100,
    },
    { name: 'score.aggregate.levelAt', ops: reads, usPerOp: (read.ms * 1000) / reads },
    {
      name: 'score.aggregate.explainAt',
      scopeIncidents: explain.value.sectors[0]?.incidents ?? 0,
      ms: explain.ms,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runScoreAggregateBench()) console.log(JSON.stringify(r));
}
