/**
 * STIX 2.1 validation: objects against the OASIS JSON schemas plus the MUST/SHOULD rules the schemas
 * cannot express, and a parser for STIX patterns. Pure: no I/O, no clock, no randomness.
 */
export { validateStixObject } from './validate-object.js';
export { validateBundle, type BundleValidation } from './validate-bundle.js';
export { parsePattern, isLiteralList, COMPARISON_OPERATORS, MAX_PATTERN_DEPTH } from './pattern.js';
export { checkPatternHashes, patternComparisons, type PatternHashProblem } from './pattern-hashes.js';
export type { PatternPosition } from './pattern-error.js';
export type * from './pattern.types.js';
export {
  STIX_ISSUE_CODES,
  STIX_ISSUE_SEVERITIES,
  type StixIssue,
  type StixIssueCode,
  type StixIssueSeverity,
  type StixObject,
} from './stix-issue.types.js';
export {
  STIX_SCO_TYPES,
  STIX_SDO_TYPES,
  STIX_SMO_TYPES,
  STIX_SRO_TYPES,
  kindOfType,
  type StixObjectKind,
} from './object-kinds.js';
export { checkTimestamp, compareTimestamps } from './timestamp.js';
