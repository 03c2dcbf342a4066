/**
 * Parley's error classes. Codes are API: once published, a code is never renamed or reused.
 * Messages say what was expected, what was found and which object; they never hold key
 * material, tokens or PSI inputs.
 */
export class ParleyError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: Code, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
    this.name = new.target.name;
  }
}

export const VALIDATION_CODES = [
  'ENVELOPE_INVALID',
  'ENVELOPE_TOO_LARGE',
  'ENVELOPE_TRUNCATED',
  'ENVELOPE_NOT_UTF8',
  'ENVELOPE_DUPLICATE_KEY',
  'ENVELOPE_WRONG_TYPE',
  'ENVELOPE_NOT_CANONICAL',
  'JCS_NOT_IJSON',
  'JSON_INVALID',
  'JSON_TOO_DEEP',
  'STIX_INVALID',
  'CHECKPOINT_MALFORMED',
  'NOTE_MALFORMED',
  'CONFIG_INVALID',
  'KEY_INVALID',
  'SCORE_MODEL_INVALID',
  'SCORE_INPUT_INVALID',
  'THREAT_QUERY_INVALID',
  'TAXONOMY_INVALID',
  'DESIGNATION_INVALID',
  'OBSERVABLE_INVALID',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/** Input that is not well-formed or breaks a schema. */
export class ValidationError extends ParleyError<ValidationCode> {}

export const VERIFICATION_CODES = [
  'SIG_INVALID',
  'UNKNOWN_AUTHOR',
  'SEQ_GAP',
  'SEQ_WRONG',
  'PREV_MISMATCH',
  'INCLUSION_PROOF_INVALID',
  'CONSISTENCY_PROOF_INVALID',
  'CHECKPOINT_INVALID',
  'ROOT_MISMATCH',
  'LOG_CORRUPT',
  // A stored Merkle node differs from the one recomputed from the entries (`parley log verify`).
  'NODE_MISMATCH',
  'NOTE_UNVERIFIED',
  'CLOCK_SKEW',
] as const;
export type VerificationCode = (typeof VERIFICATION_CODES)[number];

/** Well-formed input whose cryptographic or sequencing claims do not hold. */
export class VerificationError extends ParleyError<VerificationCode> {}

export const POLICY_CODES = ['NOT_A_MEMBER', 'TLP_FORBIDS', 'KEY_EXISTS'] as const;
export type PolicyCode = (typeof POLICY_CODES)[number];

/** A well-formed, verified request that the rules do not allow. */
export class PolicyError extends ParleyError<PolicyCode> {}

export const PSI_CODES = [
  'PSI_MESSAGE_INVALID',
  'PSI_POINT_INVALID',
  'PSI_SIZE_MISMATCH',
  'PSI_STATE_INVALID',
  'PSI_SUITE_UNAVAILABLE',
  'PSI_INPUT_INVALID',
] as const;
export type PsiCode = (typeof PSI_CODES)[number];

/**
 * A private list comparison that cannot go on: a malformed or inconsistent message, a point
 * outside the group, a step out of order. Messages never carry the compared entries.
 */
export class PsiError extends ParleyError<PsiCode> {}
