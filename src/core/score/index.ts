/**
 * core/score public API: NCISS incident scoring (default model = CISA's notional demo configuration),
 * party models, derived defaults, Parley's STIX scoring extension, the designated-infrastructure
 * escalation and the overall threat level aggregate.
 */
export {
  THREAT_LEVELS,
  THREAT_LEVEL_NAMES,
  type ThreatLevel,
  type ThreatLevelNumber,
  type LevelBands,
  DEFAULT_LEVEL_BANDS,
  MISP_PRIORITY_LEVEL_BANDS,
  checkLevelBands,
  createLevelBands,
  levelFromScore,
  levelLowerBound,
  threatLevelName,
} from './levels.js';
export {
  DERIVE_SOURCES,
  DERIVE_REASON_CODES,
  type DeriveReasonCode,
  type DeriveSource,
  type DeriveRule,
  type IncidentFacts,
  type ScoreCategory,
  type ScoreInputs,
  type ScoreModel,
  type ScoreModelProvenance,
  type ScoreOption,
} from './score-model.types.js';
export { NCISS_DEMO_MODEL } from './default-model.js';
export { parseScoreModel } from './model-validate.js';
export { deriveAnswer, type DerivedAnswer } from './derive.js';
export {
  computeIncidentScore,
  checkScoreInputs,
  EMPTY_FACTS,
  type IncidentScore,
  type CategoryExplanation,
} from './compute-score.js';
export { factsFromStix } from './stix-facts.js';
export {
  PARLEY_SCORING_EXTENSION_ID,
  PARLEY_SCORING_EXTENSION_DEFINITION,
  PARLEY_SCORING_EXTENSION_SCHEMA,
  PARLEY_PROJECT_IDENTITY_ID,
  readScoringExtension,
  withScoringExtension,
  type ScoringExtension,
} from './stix-extension.js';
export { scoreStixIncident, type StixIncidentScore } from './score-stix.js';
export {
  escalateForDesignated,
  DEFAULT_DESIGNATED_ESCALATION,
  type DesignatedEscalationRule,
  type Escalation,
} from './escalation.js';
export {
  SCOPE_KINDS,
  type ScopeKind,
  type ThreatScope,
  type AggregateIncident,
  type AggregateIncidentColumns,
  type AggregateConfig,
  type CorrelationConfig,
  type LevelReading,
  type LevelExplanation,
  type IncidentContribution,
  type SectorReading,
  type HistoryPoint,
} from './aggregate.types.js';
export {
  DEFAULT_AGGREGATE_CONFIG,
  DEFAULT_HALF_LIFE_MS,
  DAY_MS,
  CORRELATION_RULE,
  createAggregateConfig,
} from './aggregate-config.js';
export { ThreatLevelAggregator, recomputeThreatLevels } from './aggregator.js';
export { MAX_HISTORY_POINTS, type HistoryQuery } from './aggregate-history.js';
export { SliceMap, detachedCopy, type PackedStrings } from './packed-strings.js';
