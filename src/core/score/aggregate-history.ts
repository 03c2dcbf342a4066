/**
 * A scope's level over time for charts: the level read at the end of each bucket, replaying the scope's
 * incidents in time order through the same O(1) cell updates as live adds.
 */
import { ValidationError } from '../errors.js';
import type { AggregateConfig, AggregateIncident, HistoryPoint, ThreatScope } from './aggregate.types.js';
import { cellKeysOf, weightOf } from './aggregate-explain.js';
import { addToCell, lambdaOf, newCell, readCell, type DecayCell } from './decay-cell.js';
import { levelFromScore } from './levels.js';

/** Most points one history query may return. */
export const MAX_HISTORY_POINTS = 10_000;

export interface HistoryQuery {
  readonly from: number;
  readonly to: number;
  readonly bucketMs: number;
}

/** Throws ValidationError THREAT_QUERY_INVALID when the range or bucket is unusable or too fine. */
export function checkHistoryQuery(q: HistoryQuery): number {
  const ok =
    Number.isFinite(q.from) &&
    Number.isFinite(q.to) &&
    q.to > q.from &&
    Number.isFinite(q.bucketMs) &&
    q.bucketMs > 0;
  const n = ok ? Math.ceil((q.to - q.from) / q.bucketMs) : 0;
  if (!ok || n > MAX_HISTORY_POINTS) {
    throw new ValidationError(
      'THREAT_QUERY_INVALID',
      ok
        ? `history would have ${n} points, max ${MAX_HISTORY_POINTS}`
        : 'history needs from < to and bucketMs > 0',
    );
  }
  return n;
}

/**
 * The scope's score at the end of each bucket of [from, to). Incidents before `from` count (decayed).
 * Throws ValidationError THREAT_QUERY_INVALID (see checkHistoryQuery).
 */
export function historyFromIncidents(
  scope: ThreatScope,
  incidents: readonly AggregateIncident[],
  q: HistoryQuery,
  cfg: AggregateConfig,
): HistoryPoint[] {
  const n = checkHistoryQuery(q);
  const lambda = lambdaOf(cfg);
  const sorted = [...incidents].sort((a, b) => a.at - b.at);
  const cells = new Map<string, DecayCell>();
  const points: HistoryPoint[] = [];
  let i = 0;
  for (let k = 0; k < n; k++) {
    const t = Math.min(q.from + (k + 1) * q.bucketMs, q.to);
    let added = 0;
    for (; i < sorted.length && sorted[i]!.at <= t; i++) {
      const inc = sorted[i]!;
      if (inc.at > q.from + k * q.bucketMs || (k === 0 && inc.at >= q.from)) added++;
      for (const key of cellKeysOf(scope, inc)) {
        let cell = cells.get(key);
        if (cell === undefined) cells.set(key, (cell = newCell(inc.at)));
        addToCell(cell, inc.at, inc.score, weightOf(inc, cfg), lambda);
      }
    }
    let score = 0;
    for (const [key, cell] of cells)
      score = Math.max(score, readCell(cell, t, key !== '', cfg, lambda).score);
    points.push({ t, score, level: levelFromScore(score, cfg.bands), added });
  }
  return points;
}
