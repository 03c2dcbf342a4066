import { computeDeadline, type DeadlinePolicy } from '../../core/deadline/index.js';
import type { Envelope } from '../../core/envelope/index.js';

export interface DueTimes {
  readonly receiptDueAt: string;
  /** When a response is due; undefined for items that owe none. */
  readonly respondBy: string | undefined;
}

/**
 * When a tracked item's receipt and response fall due on this node, by the rule of core/deadline
 * (its README): on the author's node the clock starts at the signed `created`; on a receiving
 * node at `created` clamped to [receivedAt − tolerance, receivedAt], so that a sender who
 * backdates `created` gains at most the tolerance and cannot make an item overdue on arrival.
 * The response window is the one the author granted (`respond_by − created`) or the channel's
 * `response_time_s`, applied from that anchor.
 *
 * `receivedAt` is when this node stored the envelope; omit it on the author's node. Preconditions:
 * `created` is at most `clockSkewSeconds` ahead of `receivedAt` (the inbox refuses the rest).
 */
export function dueTimesOf(
  e: Envelope,
  policy: DeadlinePolicy,
  receivedAt: Date | undefined,
  clockSkewSeconds: number,
): DueTimes {
  // `now` only picks the deadline's state, which is not kept here: any instant will do.
  const common = {
    created: e.created,
    now: receivedAt ?? new Date(e.created),
    ...(receivedAt ? { receivedAt } : {}),
  };
  const receipt = computeDeadline({ kind: 'receipt', ...common }, policy, clockSkewSeconds);
  if (e.respond_by === undefined && e.kind !== 'request')
    return { receiptDueAt: receipt.dueAt.toISOString(), respondBy: undefined };
  // A respond_by before created grants no time rather than making the envelope unprojectable.
  const respondBy =
    e.respond_by !== undefined && Date.parse(e.respond_by) < Date.parse(e.created) ? e.created : e.respond_by;
  const response = computeDeadline(
    { kind: 'response', ...common, ...(respondBy !== undefined ? { respondBy } : {}) },
    policy,
    clockSkewSeconds,
  );
  return { receiptDueAt: receipt.dueAt.toISOString(), respondBy: response.dueAt.toISOString() };
}
