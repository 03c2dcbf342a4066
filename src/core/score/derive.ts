/**
 * Derived answers for categories a sender left out. Every derived answer says it was derived and why,
 * so that the receiver's explanation never passes a guess off as the sender's statement.
 */
import type { DeriveReasonCode, IncidentFacts, ScoreCategory } from './score-model.types.js';

export interface DerivedAnswer {
  /** null: the category is left out of the mean. */
  readonly option: string | null;
  /** In English, for logs and older readers; `reasonCode` and `reasonParams` say the same structured. */
  readonly reason: string;
  readonly reasonCode?: DeriveReasonCode;
  readonly reasonParams?: Readonly<Record<string, string>>;
  readonly basis: 'derived' | 'fallback';
}

function normaliseFact(from: string, value: string): string {
  // ATT&CK sub-techniques (T1486.001) count as their parent technique.
  if (from === 'attack_techniques') return value.toUpperCase().split('.')[0]!;
  return value.toLowerCase();
}

/**
 * The answer for one category from the incident's facts: the highest-valued option any rule selects,
 * else the category's fallback. Pure; never throws.
 */
export function deriveAnswer(category: ScoreCategory, facts: IncidentFacts): DerivedAnswer {
  const value = new Map(category.options.map((o) => [o.id, o.value]));
  let best: { option: string; fact: string; from: string } | undefined;
  for (const rule of category.derive) {
    for (const raw of facts[rule.from]) {
      const fact = normaliseFact(rule.from, raw);
      const option = rule.map[fact];
      if (option === undefined || !value.has(option)) continue;
      if (best === undefined || value.get(option)! > value.get(best.option)!)
        best = { option, fact, from: rule.from };
    }
  }
  if (best !== undefined) {
    return {
      option: best.option,
      reason: `derived from ${best.from.replace(/_/g, ' ')} "${best.fact}" by the model's table`,
      reasonCode: 'derived-from-fact',
      reasonParams: { from: best.from, fact: best.fact },
      basis: 'derived',
    };
  }
  const f = category.fallback;
  return {
    option: f.option,
    reason: f.reason,
    ...(f.code === undefined ? {} : { reasonCode: f.code }),
    basis: 'fallback',
  };
}
