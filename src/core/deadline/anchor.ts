/**
 * When a deadline's clock starts. README.md in this folder states the rule and why; in short:
 * anchor = max(min(created, receivedAt), receivedAt − tolerance) on a receiving node,
 * anchor = created on the authoring node.
 */
import { isTimestamp } from '../envelope/index.js';
import { VerificationError } from '../errors.js';
import { DeadlineError } from './deadline-error.js';

/** Tolerated disagreement between two nodes' clocks: 5 minutes, Kerberos's long-standing default. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 300;

export type AnchorBasis = 'created' | 'received' | 'received-minus-skew';

export interface DeadlineAnchor {
  readonly at: Date;
  /** Which rule fixed the anchor: the signed time, the arrival, or the arrival less the tolerance. */
  readonly basis: AnchorBasis;
}

/** Parses an RFC 3339 UTC timestamp or passes a Date through. Throws DEADLINE_INPUT_INVALID. */
export function toInstant(t: Date | string, what: string): Date {
  if (typeof t === 'string') {
    if (!isTimestamp(t))
      throw new DeadlineError(
        'DEADLINE_INPUT_INVALID',
        `${what} ${JSON.stringify(t)} is not an RFC 3339 UTC timestamp`,
      );
    return new Date(t);
  }
  if (Number.isNaN(t.getTime()))
    throw new DeadlineError('DEADLINE_INPUT_INVALID', `${what} is an invalid date`);
  return t;
}

export function checkSeconds(v: number, what: string): number {
  if (!(Number.isFinite(v) && v >= 0))
    throw new DeadlineError(
      'DEADLINE_INPUT_INVALID',
      `${what} must be a finite number of seconds ≥ 0, got ${v}`,
    );
  return v;
}

/**
 * Refuses a signed `created` more than `clockSkewSeconds` ahead of the time this node received it.
 * Exactly at the tolerance is accepted. Throws VerificationError CLOCK_SKEW (with the skew in
 * details.aheadMs) or DeadlineError DEADLINE_INPUT_INVALID.
 */
export function checkCreatedSkew(
  created: Date | string,
  receivedAt: Date,
  clockSkewSeconds = DEFAULT_CLOCK_SKEW_SECONDS,
): void {
  const c = toInstant(created, 'created').getTime();
  const r = toInstant(receivedAt, 'receivedAt').getTime();
  const ahead = c - r;
  if (ahead > checkSeconds(clockSkewSeconds, 'clockSkewSeconds') * 1000) {
    throw new VerificationError(
      'CLOCK_SKEW',
      `created is ${ahead} ms ahead of this node's clock; tolerance is ${clockSkewSeconds} s`,
      {
        details: { aheadMs: ahead, toleranceSeconds: clockSkewSeconds },
      },
    );
  }
}

/**
 * The instant a deadline on an item starts counting. On the author's node (no `receivedAt`) it is the
 * signed `created`. On a receiving node, `created` is first checked against the tolerance
 * (checkCreatedSkew), then the anchor is min(created, receivedAt) but never earlier than
 * receivedAt − tolerance: a sender can move the start by at most the tolerance, and a receiver is
 * never counted late for time the item spent undelivered.
 * Throws VerificationError CLOCK_SKEW or DeadlineError DEADLINE_INPUT_INVALID.
 */
export function deadlineAnchor(
  created: Date | string,
  receivedAt?: Date,
  clockSkewSeconds = DEFAULT_CLOCK_SKEW_SECONDS,
): DeadlineAnchor {
  const c = toInstant(created, 'created');
  if (receivedAt === undefined) return { at: c, basis: 'created' };
  checkCreatedSkew(c, receivedAt, clockSkewSeconds);
  const r = receivedAt.getTime();
  const floor = r - clockSkewSeconds * 1000;
  if (c.getTime() > r) return { at: receivedAt, basis: 'received' };
  if (c.getTime() >= floor) return { at: c, basis: 'created' };
  return { at: new Date(floor), basis: 'received-minus-skew' };
}
