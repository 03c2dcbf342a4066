/**
 * A scoring model: the NCISS method's categories, weights and option values, plus where the numbers
 * come from. CISA's demo model is one instance; a party may load its own (see parseScoreModel).
 */
import type { LevelBands } from './levels.js';

export interface ScoreOption {
  /** Stable id used on the wire (STIX extension inputs): lower-case kebab. */
  readonly id: string;
  readonly name: string;
  /** Value in the weighted mean; NCISS's demo uses 0–100. */
  readonly value: number;
}

/** Facts about an incident that derivation rules may read (see stix-facts.ts). */
export const DERIVE_SOURCES = [
  'sectors',
  'kill_chain_phases',
  'threat_actor_types',
  'attack_techniques',
] as const;
export type DeriveSource = (typeof DERIVE_SOURCES)[number];

/**
 * Why an answer is not the sender's, as a stable code a reader's UI words in its own language (the
 * English `reason` stays beside it): `derived-from-fact` (parameters `from`, a DERIVE_SOURCES name,
 * and `fact`, the value read), or one of the default model's fallbacks. Codes are API: never renamed.
 */
export const DERIVE_REASON_CODES = [
  'derived-from-fact',
  'not-supplied',
  'no-effect-described',
  'engaged-at-least',
  'model-has-unknown',
  'data-impact-open',
  'no-extra-resources',
  'no-victim-sector',
  'victim-judgement',
] as const;
export type DeriveReasonCode = (typeof DERIVE_REASON_CODES)[number];

/** One table: a fact value (e.g. the STIX sector `energy`) selects an option of the category. */
export interface DeriveRule {
  readonly from: DeriveSource;
  readonly map: Readonly<Record<string, string>>;
}

export interface ScoreCategory {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
  readonly options: readonly ScoreOption[];
  /** Rules tried, in order, when the sender left the category out; the highest-valued hit wins. */
  readonly derive: readonly DeriveRule[];
  /**
   * Used when the category was neither supplied nor derived. `option: null` leaves the category out
   * of the mean (and out of the min and max sums), so an unknown answer neither raises nor lowers.
   */
  readonly fallback: {
    readonly option: string | null;
    readonly reason: string;
    /** Set when `reason` is one the UI can word itself; a party's own model may leave it out. */
    readonly code?: DeriveReasonCode;
  };
}

export interface ScoreModelProvenance {
  /** True only when every number is in a CISA publication as an operational figure. */
  readonly published: boolean;
  readonly notional: boolean;
  readonly source: string;
  readonly note: string;
}

export interface ScoreModel {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly provenance: ScoreModelProvenance;
  readonly categories: readonly ScoreCategory[];
  readonly bands: LevelBands;
}

/** Answers for one incident: category id → one option id, or several (NCISS scores the highest). */
export type ScoreInputs = Readonly<Record<string, string | readonly string[]>>;

/** Facts extracted from the STIX objects of a notification; all lists may be empty. */
export interface IncidentFacts {
  readonly sectors: readonly string[];
  readonly kill_chain_phases: readonly string[];
  readonly threat_actor_types: readonly string[];
  readonly attack_techniques: readonly string[];
}
