/**
 * The full explanation of a scope's level at a time, recomputed from its incidents: which sector sets
 * the level, which incident is the peak and how much each other incident adds through correlation.
 * O(n) in the scope's incidents; the incremental path in aggregator.ts gives the same score in O(1).
 */
import { CORRELATION_RULE } from './aggregate-config.js';
import type {
  AggregateConfig,
  AggregateIncident,
  IncidentContribution,
  LevelExplanation,
  SectorReading,
  ThreatScope,
} from './aggregate.types.js';
import { lambdaOf, scoreFromPeak } from './decay-cell.js';
import { levelFromScore, threatLevelName } from './levels.js';

interface Term {
  readonly inc: AggregateIncident;
  readonly decay: number;
  readonly d: number;
  readonly w: number;
}

/** The sector cells an incident falls in within a scope; '' collects incidents without a sector. */
export function cellKeysOf(scope: ThreatScope, inc: AggregateIncident): readonly string[] {
  if (scope.kind === 'sector') return [scope.id];
  return inc.sectors !== undefined && inc.sectors.length > 0 ? inc.sectors : [''];
}

/** An incident's weight in the correlated mass: 1, plus designatedWeight when it matched designated infrastructure. */
export function designatedWeightOf(designated: readonly string[] | undefined, cfg: AggregateConfig): number {
  return designated !== undefined && designated.length > 0 ? 1 + cfg.correlation.designatedWeight : 1;
}

export function weightOf(inc: AggregateIncident, cfg: AggregateConfig): number {
  return designatedWeightOf(inc.designated, cfg);
}

function readSector(sector: string, terms: Term[], cfg: AggregateConfig) {
  let p = terms[0]!;
  let mass = 0;
  for (const t of terms) {
    mass += t.d * t.w;
    if (t.d > p.d || (t.d === p.d && t.w > p.w)) p = t;
  }
  const cell = scoreFromPeak(p.d, mass - p.d * p.w, sector !== '', cfg);
  return { sector, terms, peakTerm: p, ...cell };
}

/**
 * Explains `scope` at `now` from `incidents` (those with `at` > now are ignored). Precondition: the
 * incidents are the scope's members. `limit` caps the listed incidents (the rest are counted in `omitted`).
 */
export function explainFromIncidents(
  scope: ThreatScope,
  incidents: readonly AggregateIncident[],
  now: number,
  cfg: AggregateConfig,
  limit = 50,
): LevelExplanation {
  const lambda = lambdaOf(cfg);
  const cells = new Map<string, Term[]>();
  for (const inc of incidents) {
    if (inc.at > now) continue;
    const decay = Math.exp(-(now - inc.at) * lambda);
    const term = { inc, decay, d: inc.score * decay, w: weightOf(inc, cfg) };
    for (const key of cellKeysOf(scope, inc)) {
      const list = cells.get(key);
      if (list === undefined) cells.set(key, [term]);
      else list.push(term);
    }
  }
  const readings = [...cells].map(([sector, terms]) => readSector(sector, terms, cfg));
  readings.sort((a, b) => b.score - a.score || (a.sector < b.sector ? -1 : 1));
  const top = readings[0];
  const sectors: SectorReading[] = readings.map((r) => ({
    sector: r.sector,
    score: r.score,
    peak: r.peak,
    boost: r.boost,
    excess: r.excess,
    incidents: r.terms.length,
  }));
  const contributions: IncidentContribution[] = (top?.terms ?? []).map((t) => {
    const isPeak = t === top!.peakTerm;
    const share = top!.excess > 0 ? (top!.boost * t.d * t.w) / top!.excess : 0;
    return {
      id: t.inc.id,
      at: t.inc.at,
      ageMs: now - t.inc.at,
      score: t.inc.score,
      decay: t.decay,
      decayedScore: t.d,
      weight: t.w,
      designated: t.inc.designated ?? [],
      role: isPeak ? 'peak' : 'correlation',
      contribution: isPeak ? t.d : share,
    };
  });
  contributions.sort((a, b) => b.contribution - a.contribution || (a.id < b.id ? -1 : 1));
  const score = top?.score ?? 0;
  const level = levelFromScore(score, cfg.bands);
  return {
    scope,
    at: now,
    score,
    level,
    levelName: threatLevelName(level),
    sector: top?.sector ?? null,
    peak: top?.peak ?? 0,
    boost: top?.boost ?? 0,
    halfLifeMs: cfg.halfLifeMs,
    correlation: { ...cfg.correlation, rule: CORRELATION_RULE },
    bands: cfg.bands,
    sectors,
    incidents: contributions.slice(0, Math.max(0, limit)),
    omitted: Math.max(0, contributions.length - Math.max(0, limit)),
  };
}
