/**
 * NCISS incident score: a weighted arithmetic mean of the category answers, normalised by the minimum
 * and maximum possible weighted sums to 0–100 (formula of the CISA demo page, as quoted in nciss.json):
 *
 *   score = 100 · (Σ wᵢ·vᵢ − Σ wᵢ·minᵢ) / (Σ wᵢ·maxᵢ − Σ wᵢ·minᵢ)
 *
 * Each category's contribution 100·wᵢ·(vᵢ − minᵢ)/(Max − Min) is reported; contributions sum to the score.
 */
import { ValidationError } from '../errors.js';
import { deriveAnswer } from './derive.js';
import { levelFromScore, threatLevelName, type ThreatLevel, type ThreatLevelNumber } from './levels.js';
import type { DeriveReasonCode, IncidentFacts, ScoreInputs, ScoreModel } from './score-model.types.js';

export interface CategoryExplanation {
  readonly category: string;
  readonly name: string;
  readonly weight: number;
  /** Every option answered (several for a multi-select); `option` is the one scored (the highest). */
  readonly options: readonly string[];
  readonly option: string | null;
  readonly optionName: string | null;
  readonly value: number | null;
  readonly min: number;
  readonly max: number;
  /** Points of the 0–100 score this category adds; 0 when left out. */
  readonly contribution: number;
  readonly basis: 'supplied' | 'derived' | 'fallback';
  /** True when the answer did not come from the sender. */
  readonly derived: boolean;
  readonly excluded: boolean;
  /** Why the answer is not the sender's, in English (kept for readers that predate the code). */
  readonly reason?: string;
  /** The same as a code and its parameters (DERIVE_REASON_CODES), for a reader to word itself. */
  readonly reasonCode?: DeriveReasonCode;
  readonly reasonParams?: Readonly<Record<string, string>>;
}

export interface IncidentScore {
  readonly model: {
    readonly id: string;
    readonly version: string;
    readonly provenance: ScoreModel['provenance'];
  };
  readonly score: number;
  readonly level: ThreatLevelNumber;
  readonly levelName: ThreatLevel;
  readonly weightedSum: number;
  readonly minSum: number;
  readonly maxSum: number;
  readonly categories: readonly CategoryExplanation[];
}

export const EMPTY_FACTS: IncidentFacts = Object.freeze({
  sectors: [],
  kill_chain_phases: [],
  threat_actor_types: [],
  attack_techniques: [],
});

/** Lists every problem with a set of answers against a model; empty when they are usable. */
export function checkScoreInputs(model: ScoreModel, inputs: ScoreInputs): string[] {
  const problems: string[] = [];
  const byId = new Map(model.categories.map((c) => [c.id, c]));
  for (const [cat, answer] of Object.entries(inputs)) {
    const c = byId.get(cat);
    if (c === undefined) {
      problems.push(`inputs.${cat}: no such category in model ${model.id}`);
      continue;
    }
    const list = typeof answer === 'string' ? [answer] : answer;
    if (!Array.isArray(list) || list.length === 0)
      problems.push(`inputs.${cat}: expected an option id or a non-empty list`);
    else {
      for (const o of list) {
        if (!c.options.some((x) => x.id === o))
          problems.push(`inputs.${cat}: unknown option ${JSON.stringify(o)}`);
      }
    }
  }
  return problems;
}

/**
 * Scores one incident. Supplied answers win; missing categories are derived from `facts`, then fall
 * back to the model's fallback (marked `derived: true` with the reason either way).
 * Throws ValidationError SCORE_INPUT_INVALID listing every unknown category or option.
 */
export function computeIncidentScore(
  model: ScoreModel,
  inputs: ScoreInputs = {},
  facts: IncidentFacts = EMPTY_FACTS,
): IncidentScore {
  const problems = checkScoreInputs(model, inputs);
  if (problems.length > 0) {
    throw new ValidationError('SCORE_INPUT_INVALID', `invalid score inputs: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const rows = model.categories.map((c) => {
    let min = Infinity;
    let max = -Infinity;
    for (const o of c.options) {
      if (o.value < min) min = o.value;
      if (o.value > max) max = o.value;
    }
    const supplied = inputs[c.id];
    const answer =
      supplied === undefined
        ? deriveAnswer(c, facts)
        : {
            option: null,
            reason: undefined,
            reasonCode: undefined,
            reasonParams: undefined,
            basis: 'supplied' as const,
            list: typeof supplied === 'string' ? [supplied] : supplied,
          };
    const list = 'list' in answer ? answer.list : answer.option === null ? [] : [answer.option];
    let chosen: (typeof c.options)[number] | undefined;
    for (const id of list) {
      const o = c.options.find((x) => x.id === id)!;
      if (chosen === undefined || o.value > chosen.value) chosen = o;
    }
    return {
      c,
      min,
      max,
      list,
      chosen,
      basis: answer.basis,
      reason: answer.reason,
      reasonCode: answer.reasonCode,
      reasonParams: answer.reasonParams,
    };
  });
  let minSum = 0;
  let maxSum = 0;
  let weightedSum = 0;
  for (const r of rows) {
    if (r.chosen === undefined) continue;
    minSum += r.c.weight * r.min;
    maxSum += r.c.weight * r.max;
    weightedSum += r.c.weight * r.chosen.value;
  }
  const span = maxSum - minSum;
  const categories: CategoryExplanation[] = rows.map((r) => ({
    category: r.c.id,
    name: r.c.name,
    weight: r.c.weight,
    options: [...r.list],
    option: r.chosen?.id ?? null,
    optionName: r.chosen?.name ?? null,
    value: r.chosen?.value ?? null,
    min: r.min,
    max: r.max,
    contribution:
      r.chosen === undefined || span <= 0 ? 0 : (100 * r.c.weight * (r.chosen.value - r.min)) / span,
    basis: r.basis,
    derived: r.basis !== 'supplied',
    excluded: r.chosen === undefined,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    ...(r.reasonCode === undefined ? {} : { reasonCode: r.reasonCode }),
    ...(r.reasonParams === undefined ? {} : { reasonParams: r.reasonParams }),
  }));
  // Every category left out (or all weights 0 among those answered): nothing is known, score 0.
  const raw = span > 0 ? (100 * (weightedSum - minSum)) / span : 0;
  const score = Math.min(100, Math.max(0, raw));
  const level = levelFromScore(score, model.bands);
  return {
    model: { id: model.id, version: model.version, provenance: model.provenance },
    score,
    level,
    levelName: threatLevelName(level),
    weightedSum,
    minSum,
    maxSum,
    categories,
  };
}
