/**
 * The state of one deadline of the dialogue (DESIGN.md "Delivery"; issue 4 §6): a receipt due within
 * the channel's receipt deadline, or a response due by `respond_by` (or the channel's default
 * response time). Pure: every time is an argument, `now` is this node's clock.
 */
import {
  checkSeconds,
  deadlineAnchor,
  toInstant,
  DEFAULT_CLOCK_SKEW_SECONDS,
  type AnchorBasis,
} from './anchor.js';
import { DeadlineError } from './deadline-error.js';

/** pending: not answered, not yet due · met: answered by the due time · late: answered after it · overdue: not answered, past due. */
export const DEADLINE_STATES = ['pending', 'met', 'late', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** The channel policy fields a deadline needs; core/dialogue's ChannelPolicy fits as is. */
export interface DeadlinePolicy {
  /** Seconds within which a receipt is due. */
  readonly receipt_deadline_s: number;
  /** Seconds within which a response is due when the request names no respond_by. */
  readonly response_time_s: number;
}

export interface DeadlineInput {
  readonly kind: 'receipt' | 'response';
  /** The item's signed `created`. */
  readonly created: Date | string;
  /** When this node received the item; omit on the node that authored it. */
  readonly receivedAt?: Date;
  /** The request's signed `respond_by`; responses only. */
  readonly respondBy?: Date | string;
  /** When the receipt or response was sent (receiving node) or arrived (authoring node), on this node's clock. */
  readonly answeredAt?: Date;
  readonly now: Date;
}

export interface DeadlineStatus {
  readonly state: DeadlineState;
  readonly anchor: Date;
  readonly anchorBasis: AnchorBasis;
  readonly dueAt: Date;
  /** dueAt − (answeredAt ?? now): positive while time remains, negative by how much it was missed. */
  readonly remainingMs: number;
}

/**
 * Computes a deadline's state. Due time: anchor + receipt_deadline_s for receipts; for responses,
 * anchor + (respond_by − created) when respond_by is given — the window the sender granted, applied
 * from the anchor, so that on the author's node and on a promptly served receiver it is exactly
 * respond_by — else anchor + response_time_s. A deadline is met at exactly dueAt and overdue from
 * dueAt + 1 ms. The anchor is deadlineAnchor's (README.md).
 * Preconditions: policy durations and clockSkewSeconds finite and ≥ 0; respond_by not before created.
 * Throws VerificationError CLOCK_SKEW, DeadlineError DEADLINE_INPUT_INVALID.
 */
export function computeDeadline(
  input: DeadlineInput,
  policy: DeadlinePolicy,
  clockSkewSeconds = DEFAULT_CLOCK_SKEW_SECONDS,
): DeadlineStatus {
  checkSeconds(clockSkewSeconds, 'clockSkewSeconds');
  const now = toInstant(input.now, 'now').getTime();
  const created = toInstant(input.created, 'created');
  const anchor = deadlineAnchor(created, input.receivedAt, clockSkewSeconds);
  let windowMs: number;
  if (input.kind === 'receipt') {
    if (input.respondBy !== undefined)
      throw new DeadlineError('DEADLINE_INPUT_INVALID', 'a receipt deadline takes no respond_by');
    windowMs = checkSeconds(policy.receipt_deadline_s, 'receipt_deadline_s') * 1000;
  } else if (input.respondBy !== undefined) {
    windowMs = toInstant(input.respondBy, 'respond_by').getTime() - created.getTime();
    if (windowMs < 0) throw new DeadlineError('DEADLINE_INPUT_INVALID', 'respond_by is before created');
  } else {
    windowMs = checkSeconds(policy.response_time_s, 'response_time_s') * 1000;
  }
  const dueAt = anchor.at.getTime() + windowMs;
  const answered =
    input.answeredAt === undefined ? undefined : toInstant(input.answeredAt, 'answeredAt').getTime();
  const at = answered ?? now;
  const state: DeadlineState =
    answered !== undefined ? (answered <= dueAt ? 'met' : 'late') : now <= dueAt ? 'pending' : 'overdue';
  return {
    state,
    anchor: anchor.at,
    anchorBasis: anchor.basis,
    dueAt: new Date(dueAt),
    remainingMs: dueAt - at,
  };
}
