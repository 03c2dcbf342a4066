/**
 * When an overdue item raises an alarm: once as soon as it is overdue, then again every N minutes
 * while it stays unanswered (issue 4 §6). The schedule restarts from each actual escalation, so a
 * scheduler that was down for an hour sends one alarm when it comes back, not a burst of missed ones.
 */
import { toInstant } from './anchor.js';
import { DeadlineError } from './deadline-error.js';

export interface EscalationPolicy {
  /** Minutes between re-escalations of an item that stays overdue; > 0. */
  readonly reEscalateEveryMinutes: number;
  /** Stop after this many alarms (first included); unlimited when absent. */
  readonly maxEscalations?: number;
}

export interface EscalationInput {
  readonly dueAt: Date;
  /** True once the receipt or response has arrived: nothing escalates any more. */
  readonly answered: boolean;
  /** The last escalation sent for this item and how many have been sent, if any. */
  readonly previous?: { readonly at: Date; readonly count: number };
  readonly now: Date;
}

export interface EscalationDecision {
  /** Escalate now. */
  readonly escalate: boolean;
  /** Number of the alarm to send now (1 = first), or of the next one; an idempotency key with the item id. */
  readonly sequence: number;
  /** When the next alarm falls due; undefined when none will (answered, or the maximum reached). */
  readonly nextAt: Date | undefined;
}

/**
 * Decides whether to escalate now. First alarm: at dueAt + 1 ms (the first overdue instant, matching
 * computeDeadline); later ones: previous.at + reEscalateEveryMinutes.
 * Throws DeadlineError DEADLINE_INPUT_INVALID for a non-positive interval, a negative maximum, or a
 * previous count below 1.
 */
export function nextEscalation(input: EscalationInput, policy: EscalationPolicy): EscalationDecision {
  const every = policy.reEscalateEveryMinutes;
  if (!(Number.isFinite(every) && every > 0))
    throw new DeadlineError('DEADLINE_INPUT_INVALID', `reEscalateEveryMinutes must be > 0, got ${every}`);
  const max = policy.maxEscalations;
  if (max !== undefined && !(Number.isSafeInteger(max) && max >= 0))
    throw new DeadlineError('DEADLINE_INPUT_INVALID', `maxEscalations must be an integer ≥ 0, got ${max}`);
  const prev = input.previous;
  if (prev !== undefined && !(Number.isSafeInteger(prev.count) && prev.count >= 1)) {
    throw new DeadlineError(
      'DEADLINE_INPUT_INVALID',
      `previous escalation count must be ≥ 1, got ${prev.count}`,
    );
  }
  const sequence = (prev?.count ?? 0) + 1;
  if (input.answered || (max !== undefined && sequence > max))
    return { escalate: false, sequence, nextAt: undefined };
  const at =
    prev === undefined
      ? toInstant(input.dueAt, 'dueAt').getTime() + 1
      : toInstant(prev.at, 'previous.at').getTime() + every * 60_000;
  return { escalate: toInstant(input.now, 'now').getTime() >= at, sequence, nextAt: new Date(at) };
}
