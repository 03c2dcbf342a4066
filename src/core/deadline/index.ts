/**
 * Deadlines of the dialogue: when a receipt or a response is due, whether it was met, and when an
 * overdue item escalates. README.md states the clock-skew rule.
 */
export { DEADLINE_CODES, DeadlineError, type DeadlineCode } from './deadline-error.js';
export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  checkCreatedSkew,
  deadlineAnchor,
  type AnchorBasis,
  type DeadlineAnchor,
} from './anchor.js';
export {
  DEADLINE_STATES,
  computeDeadline,
  type DeadlineInput,
  type DeadlinePolicy,
  type DeadlineState,
  type DeadlineStatus,
} from './compute-deadline.js';
export {
  nextEscalation,
  type EscalationDecision,
  type EscalationInput,
  type EscalationPolicy,
} from './escalation.js';
