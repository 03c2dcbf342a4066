import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DAY_MS,
  ThreatLevelAggregator,
  createAggregateConfig,
  recomputeThreatLevels,
  type AggregateIncident,
} from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const T0 = Date.UTC(2026, 2, 1);
const near = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);
const inc = (
  id: string,
  score: number,
  at = T0,
  more: Partial<AggregateIncident> = {},
): AggregateIncident => ({
  id,
  score,
  at,
  channel: 'channel--1',
  party: 'identity--a',
  sectors: ['agriculture'],
  ...more,
});
const channel = { kind: 'channel', id: 'channel--1' } as const;
const agriculture = { kind: 'sector', id: 'agriculture' } as const;

describe('ThreatLevelAggregator', () => {
  describe('decay over simulated days (half-life 7 days)', () => {
    const agg = new ThreatLevelAggregator();
    agg.add(inc('incident--1', 47.3));
    const table: [number, number, string][] = [
      [0, 47.3, 'medium'],
      [1, 47.3 * 2 ** (-1 / 7), 'medium'],
      [2, 47.3 * 2 ** (-2 / 7), 'low'],
      [7, 23.65, 'low'],
      [9, 47.3 * 2 ** (-9 / 7), 'baseline'],
      [60, 47.3 * 2 ** (-60 / 7), 'baseline'],
    ];
    for (const [day, score, level] of table) {
      it(`reads ${score.toFixed(2)} (${level}) after ${day} days`, () => {
        const r = agg.levelAt(channel, T0 + day * DAY_MS);
        near(r.score, score);
        assert.equal(r.levelName, level);
      });
    }
  });

  describe('correlation', () => {
    // Three 47.3 incidents in one sector: peak 47.3, excess 94.6, boost 0.5·52.7·(1 − e^−0.946).
    const want = 47.3 + 0.5 * 52.7 * (1 - Math.exp(-0.946));
    it('raises a sector with several incidents in the window', () => {
      const agg = recomputeThreatLevels([inc('i1', 47.3), inc('i2', 47.3), inc('i3', 47.3)]);
      const r = agg.levelAt(agriculture, T0);
      near(r.score, want);
      assert.equal(r.levelName, 'high');
      near(agg.levelAt(channel, T0).score, want);
    });
    it('does not raise when the incidents are in different sectors', () => {
      const agg = recomputeThreatLevels([
        inc('i1', 47.3),
        inc('i2', 47.3, T0, { sectors: ['energy'] }),
        inc('i3', 47.3, T0, { sectors: ['water'] }),
      ]);
      near(agg.levelAt(channel, T0).score, 47.3);
    });
    it('does not correlate incidents with no sector', () => {
      const agg = recomputeThreatLevels([
        inc('i1', 40, T0, { sectors: [] }),
        inc('i2', 40, T0, { sectors: [] }),
      ]);
      near(agg.levelAt(channel, T0).score, 40);
    });
    it('weighs incidents on designated infrastructure double', () => {
      const plain = recomputeThreatLevels([inc('i1', 50), inc('i2', 40)]);
      const marked = recomputeThreatLevels([
        inc('i1', 50),
        inc('i2', 40, T0, { designated: ['identity--a@3:plant-1:198.51.100.0/24'] }),
      ]);
      near(plain.levelAt(agriculture, T0).score, 50 + 25 * (1 - Math.exp(-0.4)));
      near(marked.levelAt(agriculture, T0).score, 50 + 25 * (1 - Math.exp(-0.8)));
    });
    it('fades as the incidents age (the window is the decay)', () => {
      const agg = recomputeThreatLevels([inc('i1', 47.3), inc('i2', 47.3, T0 - 28 * DAY_MS)]);
      const r = agg.levelAt(agriculture, T0);
      near(r.score, 47.3 + 0.5 * 52.7 * (1 - Math.exp(-47.3 / 16 / 100)));
    });
    it('never passes 100', () => {
      const agg = recomputeThreatLevels(Array.from({ length: 50 }, (_, i) => inc(`i${i}`, 100)));
      assert.equal(agg.levelAt(agriculture, T0).score, 100);
    });
  });

  describe('explainAt', () => {
    it('names the incidents, their decay, their role and contributions that sum to the score', () => {
      const agg = recomputeThreatLevels([
        inc('i1', 60, T0 - DAY_MS, { designated: ['plant-1'] }),
        inc('i2', 30, T0),
        inc('i3', 90, T0, { sectors: ['energy'], channel: 'channel--2' }),
      ]);
      const e = agg.explainAt(channel, T0);
      assert.equal(e.sector, 'agriculture');
      assert.deepEqual(
        e.incidents.map((x) => [x.id, x.role]),
        [
          ['i1', 'peak'],
          ['i2', 'correlation'],
        ],
      );
      near(e.incidents[0]!.decayedScore, 60 * 2 ** (-1 / 7));
      assert.deepEqual(e.incidents[0]!.designated, ['plant-1']);
      near(
        e.incidents.reduce((a, x) => a + x.contribution, 0),
        e.score,
      );
      near(e.score, agg.levelAt(channel, T0).score);
      assert.match(e.correlation.rule, /maxShare/);
    });
    it('counts what the limit leaves out', () => {
      const agg = recomputeThreatLevels(Array.from({ length: 10 }, (_, i) => inc(`i${i}`, 10 + i)));
      const e = agg.explainAt(agriculture, T0, 3);
      assert.equal(e.incidents.length, 3);
      assert.equal(e.omitted, 7);
      assert.equal(e.incidents[0]!.id, 'i9');
    });
    it('reads an empty scope as Baseline', () => {
      const e = new ThreatLevelAggregator().explainAt({ kind: 'party', id: 'nobody' }, T0);
      assert.equal(e.level, 0);
      assert.equal(e.sector, null);
    });
  });

  it('ignores a second delivery of the same incident', () => {
    const agg = new ThreatLevelAggregator();
    assert.equal(agg.add(inc('i1', 50)), true);
    assert.equal(agg.add(inc('i1', 50)), false);
    assert.equal(agg.size, 1);
  });

  it('refuses a score outside [0, 100]', () => {
    assert.throws(
      () => new ThreatLevelAggregator().add(inc('i1', 101)),
      (e: unknown) => e instanceof ValidationError && e.code === 'SCORE_INPUT_INVALID',
    );
  });

  it('reads the past without counting later incidents', () => {
    const agg = recomputeThreatLevels([inc('i1', 40), inc('i2', 80, T0 + 3 * DAY_MS)]);
    near(agg.levelAt(channel, T0 + DAY_MS).score, 40 * 2 ** (-1 / 7));
  });

  it('gives the same level whatever the arrival order, and agrees with the explanation (property)', () => {
    const arb = fc.array(
      fc.record({
        score: fc.double({ min: 0, max: 100, noNaN: true }),
        day: fc.integer({ min: 0, max: 30 }),
        sector: fc.constantFrom('agriculture', 'energy', ''),
        designated: fc.boolean(),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 10 }), (rows, extra) => {
        const list = rows.map((r, i) =>
          inc(`i${i}`, r.score, T0 + r.day * DAY_MS, {
            sectors: r.sector ? [r.sector] : [],
            designated: r.designated ? ['x'] : [],
          }),
        );
        const now = T0 + (30 + extra) * DAY_MS;
        const a = recomputeThreatLevels(list).levelAt(channel, now);
        const bAgg = recomputeThreatLevels([...list].reverse());
        const b = bAgg.levelAt(channel, now);
        near(a.score, b.score, 1e-6);
        near(a.score, bAgg.explainAt(channel, now).score, 1e-6);
        assert.ok(a.score >= 0 && a.score <= 100);
      }),
    );
  });

  describe('history', () => {
    it('gives one point per bucket, rising with the incident and decaying after', () => {
      const agg = recomputeThreatLevels([inc('i1', 60, T0 + DAY_MS / 2)]);
      const h = agg.history(channel, { from: T0, to: T0 + 10 * DAY_MS, bucketMs: DAY_MS });
      assert.equal(h.length, 10);
      assert.deepEqual(
        h.map((p) => p.added),
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      );
      near(h[0]!.score, 60 * 2 ** (-0.5 / 7));
      for (let k = 1; k < h.length; k++) assert.ok(h[k]!.score < h[k - 1]!.score);
      near(h[9]!.score, agg.levelAt(channel, T0 + 10 * DAY_MS).score);
    });
    it('refuses an empty range or too many points', () => {
      const agg = new ThreatLevelAggregator();
      for (const q of [
        { from: 5, to: 5, bucketMs: 1 },
        { from: 0, to: 1e9, bucketMs: 1 },
      ]) {
        assert.throws(
          () => agg.history(channel, q),
          (e: unknown) => e instanceof ValidationError && e.code === 'THREAT_QUERY_INVALID',
        );
      }
    });
  });

  it('refuses a config with a non-positive half-life or share above 1, listing both', () => {
    assert.throws(
      () => createAggregateConfig({ halfLifeMs: 0, correlation: { maxShare: 2 } }),
      (e: unknown) => e instanceof ValidationError && (e.details?.problems as string[]).length === 2,
    );
  });
});
