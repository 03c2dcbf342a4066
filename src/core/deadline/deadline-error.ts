import { ParleyError } from '../errors.js';

/**
 * Codes of core/deadline for bad arguments. A `created` too far in the future is not among them: it is
 * a signed claim that does not hold, reported as the shared VerificationError CLOCK_SKEW
 * (core/errors.ts), the code the inbox uses too.
 */
export const DEADLINE_CODES = [
  /** Times or durations that cannot describe a deadline (unparsable, negative, respond_by before created). */
  'DEADLINE_INPUT_INVALID',
] as const;
export type DeadlineCode = (typeof DEADLINE_CODES)[number];

export class DeadlineError extends ParleyError<DeadlineCode> {}
