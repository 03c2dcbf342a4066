/**
 * The start-up rebuild (catchUpAggregate over the store's scan) against the live path (each incident
 * added as it is stored, as ThreatService does): the same levels, explanations and histories, to the
 * last bit, on every engine. Run by threat-rebuild-sqlite.test.ts and threat-rebuild-postgres.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY_MS, SCOPE_KINDS, ThreatLevelAggregator } from '../../../../src/core/score/index.js';
import { catchUpAggregate, toAggregate } from '../../../../src/service/threat/threat-rebuild.js';
import type { Store } from '../../../../src/store/index.js';
import type { IncidentScoreRecord } from '../../../../src/store/threat.types.js';

const T0 = Date.UTC(2026, 0, 1);
const uuid = (k: number) => `00000000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
const CHANNELS = Array.from({ length: 5 }, (_, i) => `channel--${uuid(0xc0 + i)}`);
const PARTIES = Array.from({ length: 7 }, (_, i) => `identity--${uuid(0xd0 + i)}`);
const SECTOR_LISTS = [[], ['agriculture'], ['energy'], ['agriculture', 'manufacturing'], ['water', 'energy']];

/** xorshift32: the same incidents on every run and engine. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * `n` scored incidents over 60 days, in random time order: some notified again in a later envelope
 * (same channel and incident id: the aggregate counts the first), some on designated infrastructure.
 */
function makeIncidents(n: number, seed: number, from: number): IncidentScoreRecord[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: IncidentScoreRecord[] = [];
  for (let i = 0; i < n; i++) {
    const again = out.length > 0 && rnd() < 0.1 ? pick(out) : undefined;
    const channel = again?.channel ?? pick(CHANNELS);
    const score = rnd() * 100;
    out.push({
      envelopeHash: (from + i).toString(16).padStart(64, '0'),
      incidentId: again?.incidentId ?? `incident--${uuid(from + i)}`,
      channel,
      author: pick(PARTIES),
      party: pick(PARTIES),
      at: T0 + Math.floor(rnd() * 60 * DAY_MS),
      original: score,
      score,
      level: 2,
      sectors: pick(SECTOR_LISTS),
      designated: rnd() < 0.1 ? [`${pick(PARTIES)} v1 asset a${i % 9} ipv4 10.${i % 7}.0.0/16`] : [],
      name: `incident ${from + i}`,
      detail: '{}',
    });
  }
  return out;
}

/** Everything the aggregate answers, for every scope, at a few times. */
function answers(agg: ThreatLevelAggregator) {
  const times = [T0 + 10 * DAY_MS, T0 + 30 * DAY_MS, T0 + 61 * DAY_MS, T0 + 90 * DAY_MS];
  return {
    size: agg.size,
    scopes: SCOPE_KINDS.map((kind) =>
      agg.scopeIds(kind).map((id) => ({
        id,
        levels: times.map((t) => agg.levelAt({ kind, id }, t)),
        explanations: times.map((t) => agg.explainAt({ kind, id }, t, 10_000)),
        history: agg.history({ kind, id }, { from: T0, to: T0 + 70 * DAY_MS, bucketMs: DAY_MS }),
      })),
    ),
  };
}

export function runThreatRebuildSuite(open: () => Promise<Store>, label: string): void {
  describe(`threat level rebuild from the store on ${label}`, () => {
    let store: Store;
    const live = new ThreatLevelAggregator();
    let cursor = 0;
    let firstHalf: ThreatLevelAggregator;

    /** Stores each incident and adds it to the live aggregate, as ThreatService.apply does. */
    async function deliver(records: readonly IncidentScoreRecord[]): Promise<void> {
      for (const r of records) {
        await store.threat.putIncidentScore(r);
        live.add(toAggregate(r));
      }
    }

    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('rebuilds the levels the live path computed, page by page', async () => {
      const first = makeIncidents(1500, 7, 0);
      await deliver(first);
      await deliver(first.slice(0, 20)); // delivered twice: refused by the store, skipped by the aggregate
      firstHalf = new ThreatLevelAggregator(undefined, await store.threat.countIncidentScores());
      cursor = await catchUpAggregate(store.threat, firstHalf, 0, 97);
      assert.equal(live.size, new Set(first.map((r) => `${r.channel}|${r.incidentId}`)).size);
      assert.deepEqual(answers(firstHalf), answers(live));
      const onePage = new ThreatLevelAggregator();
      await catchUpAggregate(store.threat, onePage, 0);
      assert.deepEqual(answers(onePage), answers(live));
    });

    it('catches up from its cursor with what was stored since, as a running node does', async () => {
      await deliver(makeIncidents(700, 11, 1500));
      const next = await catchUpAggregate(store.threat, firstHalf, cursor, 97);
      assert.ok(next > cursor);
      assert.deepEqual(answers(firstHalf), answers(live));
      assert.equal(await catchUpAggregate(store.threat, firstHalf, next, 97), next);
      const all = new ThreatLevelAggregator();
      await catchUpAggregate(store.threat, all, 0, 1000);
      assert.deepEqual(answers(all), answers(live));
    });
  });
}
