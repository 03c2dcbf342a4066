/**
 * The rule that raises an incident's score when it affects designated critical infrastructure: NCISS
 * scores one incident at one entity and knows nothing of what two parties named as critical, so Parley
 * adds this step after the NCISS score (docs/threat-level.md, docs/critical-infrastructure.md).
 *
 *   escalated = max(score + boost · (100 − score), lower bound of floorLevel)
 */
import { atLeast, type DesignationMatch, type MappingConfidence } from '../ci/index.js';
import { ValidationError } from '../errors.js';
import {
  DEFAULT_LEVEL_BANDS,
  levelFromScore,
  levelLowerBound,
  type LevelBands,
  type ThreatLevelNumber,
} from './levels.js';

export interface DesignatedEscalationRule {
  /** Share of the headroom to 100 added; in [0, 1]. */
  readonly boost: number;
  /** The escalated incident is at least this level. */
  readonly floorLevel: ThreatLevelNumber;
  /** Sector matches below this confidence do not escalate (observable matches are always exact). */
  readonly minSectorConfidence: MappingConfidence;
}

export const DEFAULT_DESIGNATED_ESCALATION: DesignatedEscalationRule = Object.freeze({
  boost: 0.25,
  floorLevel: 2,
  minSectorConfidence: 'partial',
});

export interface Escalation {
  readonly original: number;
  readonly score: number;
  readonly level: ThreatLevelNumber;
  readonly escalated: boolean;
  /** The designation entries that caused the escalation. */
  readonly applied: readonly DesignationMatch[];
  /** Sector matches too uncertain to escalate, shown so that a person can judge them. */
  readonly ignored: readonly DesignationMatch[];
  readonly rule: string;
}

/**
 * Applies the rule. Precondition: 0 ≤ score ≤ 100.
 * Throws ValidationError CONFIG_INVALID when the rule's boost is outside [0, 1].
 */
export function escalateForDesignated(
  score: number,
  matches: readonly DesignationMatch[],
  rule: DesignatedEscalationRule = DEFAULT_DESIGNATED_ESCALATION,
  bands: LevelBands = DEFAULT_LEVEL_BANDS,
): Escalation {
  if (!(rule.boost >= 0 && rule.boost <= 1))
    throw new ValidationError('CONFIG_INVALID', `escalation boost ${rule.boost} is not in [0, 1]`);
  const applied = matches.filter(
    (m) => m.kind !== 'sector' || atLeast(m.confidence, rule.minSectorConfidence),
  );
  const ignored = matches.filter((m) => !applied.includes(m));
  const text = `max(score + ${rule.boost}·(100 − score), lower bound of level ${rule.floorLevel})`;
  if (applied.length === 0) {
    return {
      original: score,
      score,
      level: levelFromScore(score, bands),
      escalated: false,
      applied,
      ignored,
      rule: text,
    };
  }
  const raised = Math.min(
    100,
    Math.max(score + rule.boost * (100 - score), levelLowerBound(rule.floorLevel, bands)),
  );
  return {
    original: score,
    score: raised,
    level: levelFromScore(raised, bands),
    escalated: true,
    applied,
    ignored,
    rule: text,
  };
}
