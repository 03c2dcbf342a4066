/**
 * The six priority levels of the 2016 Cyber Incident Severity Schema (PPD-41), kept by NCISS, and the
 * bands that map a 0–100 score onto them. CISA publishes the levels but no score thresholds; the bands
 * here are Parley's choice (docs/threat-level.md).
 */
import { ValidationError } from '../errors.js';

export const THREAT_LEVELS = ['baseline', 'low', 'medium', 'high', 'severe', 'emergency'] as const;
export type ThreatLevel = (typeof THREAT_LEVELS)[number];
export type ThreatLevelNumber = 0 | 1 | 2 | 3 | 4 | 5;

/** Display names and colour names as published (Washington Post copy of the 2016 schema). */
export const THREAT_LEVEL_NAMES: Readonly<Record<ThreatLevel, { name: string; colour: string }>> = {
  baseline: { name: 'Baseline', colour: 'White' },
  low: { name: 'Low', colour: 'Green' },
  medium: { name: 'Medium', colour: 'Yellow' },
  high: { name: 'High', colour: 'Orange' },
  severe: { name: 'Severe', colour: 'Red' },
  emergency: { name: 'Emergency', colour: 'Black' },
};

/**
 * Lower bounds (inclusive) of levels 1 Low … 5 Emergency on the 0–100 scale; below the first bound
 * is 0 Baseline. `published` is false for every set Parley ships, because CISA published none.
 */
export interface LevelBands {
  readonly lowerBounds: readonly [number, number, number, number, number];
  readonly published: false;
  readonly basis: string;
}

/**
 * Parley's default bands. Chosen so that the demo configuration puts a typical criminal ransomware
 * incident with effect on one company near the Low/Medium boundary, and Emergency needs near-maximum
 * answers in most categories. Not CISA's thresholds.
 */
export const DEFAULT_LEVEL_BANDS: LevelBands = Object.freeze({
  lowerBounds: Object.freeze([20, 40, 55, 70, 85]) as unknown as LevelBands['lowerBounds'],
  published: false,
  basis: 'Parley default: CISA publishes no score-to-level thresholds',
});

/**
 * MISP priority-level numerical values used as lower bounds (option A in nciss.json). Offered for
 * parties that already tag with MISP's taxonomy; MISP's values are not NCISS thresholds either.
 */
export const MISP_PRIORITY_LEVEL_BANDS: LevelBands = Object.freeze({
  lowerBounds: Object.freeze([50, 75, 85, 90, 100]) as unknown as LevelBands['lowerBounds'],
  published: false,
  basis: 'MISP priority-level numerical_value as lower bounds; a MISP artefact, not NCISS',
});

/** Lists every problem with a band set; empty when it is usable. */
export function checkLevelBands(bands: unknown, path = 'bands'): string[] {
  const problems: string[] = [];
  const lb = (bands as { lowerBounds?: unknown } | null)?.lowerBounds;
  if (!Array.isArray(lb) || lb.length !== 5) {
    return [`${path}.lowerBounds: expected 5 lower bounds (levels 1-5)`];
  }
  let prev = 0;
  lb.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 100) {
      problems.push(`${path}.lowerBounds[${i}]: expected a number in (0, 100], got ${JSON.stringify(v)}`);
    } else if (v <= prev) {
      problems.push(`${path}.lowerBounds[${i}]: ${v} is not above the previous bound ${prev}`);
    } else prev = v;
  });
  return problems;
}

/**
 * Builds a band set from five lower bounds. Throws ValidationError CONFIG_INVALID listing every problem.
 */
export function createLevelBands(lowerBounds: readonly number[], basis: string): LevelBands {
  const candidate = { lowerBounds: [...lowerBounds], published: false as const, basis };
  const problems = checkLevelBands(candidate);
  if (problems.length > 0) {
    throw new ValidationError('CONFIG_INVALID', `invalid level bands: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return Object.freeze(candidate) as unknown as LevelBands;
}

/** The level (0–5) of a score under the given bands. Precondition: 0 ≤ score ≤ 100. */
export function levelFromScore(score: number, bands: LevelBands = DEFAULT_LEVEL_BANDS): ThreatLevelNumber {
  const lb = bands.lowerBounds;
  let level = 0;
  while (level < 5 && score >= lb[level]!) level++;
  return level as ThreatLevelNumber;
}

export function threatLevelName(level: ThreatLevelNumber): ThreatLevel {
  return THREAT_LEVELS[level];
}

/** Lower bound of a level's band (0 for Baseline). */
export function levelLowerBound(level: ThreatLevelNumber, bands: LevelBands = DEFAULT_LEVEL_BANDS): number {
  return level === 0 ? 0 : bands.lowerBounds[level - 1]!;
}
