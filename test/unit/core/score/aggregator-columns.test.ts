/**
 * ThreatLevelAggregator.addColumns (what a store scan feeds at start-up) against add (what live
 * envelopes feed): the same incidents give the same aggregate, to the last bit.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DAY_MS,
  SCOPE_KINDS,
  ThreatLevelAggregator,
  type AggregateIncident,
  type AggregateIncidentColumns,
  type PackedStrings,
} from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const T0 = Date.UTC(2026, 2, 1);
const SEP = '\x1e';
// Long ids and parties that differ only before the characters that are hashed (the last 48 of an id,
// the last 16 of a scope id), so that the tables' collision paths are taken too.
const CHANNELS = ['channel--1', 'channel--2', `channel--a${'y'.repeat(60)}`, `channel--b${'y'.repeat(60)}`];
const PARTIES = [
  'identity--a',
  'identity--b',
  `identity--c${'z'.repeat(40)}`,
  `identity--d${'z'.repeat(40)}`,
];

type Row = Required<Pick<AggregateIncident, 'id' | 'at' | 'score' | 'channel' | 'party'>> &
  Pick<AggregateIncident, 'sectors' | 'designated'>;

/** Rows i ∈ [from, to) as columns: ids joined in one text, channels as slices of it. */
function columnsOf(rows: readonly Row[], from: number, to: number): AggregateIncidentColumns {
  const part = rows.slice(from, to);
  const pack = (xs: readonly string[]): PackedStrings => {
    const start = new Int32Array(xs.length);
    const end = new Int32Array(xs.length);
    let pos = 0;
    xs.forEach((x, i) => {
      start[i] = pos;
      end[i] = pos + x.length;
      pos = end[i]! + 1;
    });
    return { text: xs.join(SEP), start, end };
  };
  const id = pack(part.map((r) => r.id));
  const channel = {
    text: id.text,
    start: id.start,
    end: id.start.map((s, i) => s + part[i]!.channel.length),
  };
  return {
    length: part.length,
    id,
    channel,
    party: pack(part.map((r) => r.party)),
    at: Float64Array.from(part, (r) => r.at),
    score: part.map((r) => r.score),
    sectors: part.map((r) => r.sectors),
    designated: part.map((r) => r.designated),
  };
}

/** Everything the aggregate answers, for every scope, at a few times. */
function answers(agg: ThreatLevelAggregator, ids: readonly string[]) {
  const times = [T0 - DAY_MS, T0 + 5 * DAY_MS, T0 + 40 * DAY_MS];
  return {
    size: agg.size,
    has: ids.map((id) => agg.has(id)),
    scopes: SCOPE_KINDS.map((kind) =>
      agg.scopeIds(kind).map((id) => ({
        id,
        levels: times.map((t) => agg.levelAt({ kind, id }, t)),
        explanations: times.map((t) => agg.explainAt({ kind, id }, t, 1000)),
        history: agg.history({ kind, id }, { from: T0, to: T0 + 35 * DAY_MS, bucketMs: 3 * DAY_MS }),
      })),
    ),
  };
}

const rowArb: fc.Arbitrary<RawRow> = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  incident: fc.integer({ min: 0, max: 12 }),
  party: fc.constantFrom(...PARTIES),
  score: fc.double({ min: 0, max: 100, noNaN: true }),
  day: fc.double({ min: 0, max: 30, noNaN: true }),
  sectors: fc.constantFrom<readonly string[] | undefined>(
    undefined,
    [],
    ['agriculture'],
    ['agriculture', 'energy'],
    ['energy'],
  ),
  designated: fc.constantFrom<readonly string[] | undefined>(undefined, [], ['A v1 asset x ipv4 10.0.0.0/8']),
});

interface RawRow {
  readonly channel: string;
  readonly incident: number;
  readonly party: string;
  readonly score: number;
  readonly day: number;
  readonly sectors?: readonly string[] | undefined;
  readonly designated?: readonly string[] | undefined;
}

/** Rows from generated values; incident ids are long for every third number (hashed tails collide). */
function rowsOf(raw: readonly RawRow[]): Row[] {
  return raw.map((r) => ({
    id: `${r.channel}|incident--${r.incident}${'0'.repeat(r.incident % 3 === 0 ? 50 : 0)}`,
    at: T0 + Math.round(r.day * DAY_MS),
    score: r.score,
    channel: r.channel,
    party: r.party,
    sectors: r.sectors,
    designated: r.designated,
  }));
}

describe('ThreatLevelAggregator.addColumns', () => {
  it('gives the same aggregate as add, incident by incident, however the columns are cut (property)', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 80 }),
        (raw, cuts, byAdd) => {
          const rows = rowsOf(raw);
          const one = new ThreatLevelAggregator();
          const fresh = rows.map((r) => one.add(r));
          // Only the first of equal ids counts (a plain Set is the reference for the id table).
          const seen = new Set<string>();
          assert.deepEqual(
            fresh,
            rows.map((r) => !seen.has(r.id) && Boolean(seen.add(r.id))),
          );
          // The first `byAdd` rows one by one, the rest as columns cut at `cuts`.
          const two = new ThreatLevelAggregator();
          const head = Math.min(byAdd, rows.length);
          let added = rows.slice(0, head).filter((r) => two.add(r)).length;
          const bounds = [
            head,
            ...cuts.filter((c) => c > head && c < rows.length).sort((a, b) => a - b),
            rows.length,
          ];
          for (let k = 0; k + 1 < bounds.length; k++)
            added += two.addColumns(columnsOf(rows, bounds[k]!, bounds[k + 1]!));
          assert.equal(added, fresh.filter(Boolean).length);
          // Scopes by plain string equality (the reference for the scope tables).
          const firstSeen = (xs: string[]) => [...new Set(xs)];
          const kept = rows.filter((_, i) => fresh[i]);
          assert.deepEqual(two.scopeIds('channel'), firstSeen(kept.map((r) => r.channel)));
          assert.deepEqual(two.scopeIds('party'), firstSeen(kept.map((r) => r.party)));
          const ids = [...new Set(rows.map((r) => r.id)), 'never-added'];
          assert.deepEqual(answers(two, ids), answers(one, ids));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('skips an incident already added, alone or in the same columns', () => {
    const rows = rowsOf([
      { channel: 'channel--1', incident: 1, party: 'identity--a', score: 40, day: 1 },
      { channel: 'channel--1', incident: 1, party: 'identity--b', score: 90, day: 2 },
      { channel: 'channel--2', incident: 1, party: 'identity--a', score: 10, day: 3 },
    ]);
    const agg = new ThreatLevelAggregator();
    assert.equal(agg.add(rows[2]!), true);
    assert.equal(agg.addColumns(columnsOf(rows, 0, 3)), 1);
    assert.equal(agg.size, 2);
    assert.equal(
      agg.levelAt({ kind: 'channel', id: 'channel--1' }, T0 + 2 * DAY_MS).peak,
      40 * 2 ** (-1 / 7),
    );
    assert.deepEqual(agg.scopeIds('party'), ['identity--a']);
  });

  it('refuses a score outside [0, 100] and keeps the incidents before it', () => {
    const rows = rowsOf([
      { channel: 'channel--1', incident: 1, party: 'identity--a', score: 40, day: 1 },
      { channel: 'channel--1', incident: 2, party: 'identity--a', score: 101, day: 1 },
    ]);
    const agg = new ThreatLevelAggregator();
    assert.throws(
      () => agg.addColumns(columnsOf(rows, 0, 2)),
      (e: unknown) =>
        e instanceof ValidationError && e.code === 'SCORE_INPUT_INVALID' && /incident--2/.test(e.message),
    );
    assert.equal(agg.size, 1);
    assert.equal(agg.has(rows[0]!.id), true);
  });
});
