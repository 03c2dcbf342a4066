/**
 * One sector cell of a scope: the decayed peak and decayed mass of its incidents, kept as of the cell's
 * latest time. Exponential decay is a common factor for every incident, so both the sum and the max
 * decay by the same factor and can be updated in O(1) per incident (order of arrival does not matter).
 */
import type { AggregateConfig } from './aggregate.types.js';

export interface DecayCell {
  /** Time the values below are expressed at. */
  t: number;
  peak: number;
  /** Weight (1 + designatedWeight·[designated]) of the incident that is the peak. */
  peakWeight: number;
  /** Σ decayed score × weight. */
  mass: number;
}

export function newCell(t: number): DecayCell {
  return { t, peak: 0, peakWeight: 1, mass: 0 };
}

/** 2^(−Δ/halfLife) through exp, with the constant hoisted by the caller. */
export function decayFactor(ageMs: number, lambda: number): number {
  return Math.exp(-ageMs * lambda);
}

export function lambdaOf(cfg: AggregateConfig): number {
  return Math.LN2 / cfg.halfLifeMs;
}

/** Adds an incident at `at` (before or after the cell's time). */
export function addToCell(cell: DecayCell, at: number, score: number, weight: number, lambda: number): void {
  let d = score;
  if (at >= cell.t) {
    if (at > cell.t) {
      const f = Math.exp(-(at - cell.t) * lambda);
      cell.peak *= f;
      cell.mass *= f;
      cell.t = at;
    }
  } else d = score * Math.exp(-(cell.t - at) * lambda);
  cell.mass += d * weight;
  if (d > cell.peak || (d === cell.peak && weight > cell.peakWeight)) {
    cell.peak = d;
    cell.peakWeight = weight;
  }
}

export interface CellScore {
  readonly score: number;
  readonly peak: number;
  readonly boost: number;
  readonly excess: number;
}

/** The correlation rule (CORRELATION_RULE) applied to a peak and the excess mass of the other incidents. */
export function scoreFromPeak(
  peak: number,
  excess: number,
  correlates: boolean,
  cfg: AggregateConfig,
): CellScore {
  const c = cfg.correlation;
  const ex = correlates && excess > 1e-9 ? excess : 0;
  const boost = ex === 0 ? 0 : c.maxShare * (100 - peak) * (1 - Math.exp(-ex / c.scale));
  return { score: Math.min(100, peak + boost), peak, boost, excess: ex };
}

/** Reads a cell at `now` ≥ cell.t. */
export function readCell(
  cell: DecayCell,
  now: number,
  correlates: boolean,
  cfg: AggregateConfig,
  lambda: number,
): CellScore {
  const f = now > cell.t ? Math.exp(-(now - cell.t) * lambda) : 1;
  const peak = cell.peak * f;
  return scoreFromPeak(peak, (cell.mass - cell.peak * cell.peakWeight) * f, correlates, cfg);
}
