import type { PsiListKind, PsiMode, PsiRole, PsiSuite } from '../../core/psi/index.js';
import type { ListMatch } from './list-input.js';

/**
 * offered: this party offered and waits for the answer. awaiting-acceptance: the other party
 * offered and waits for this one. running: both agreed and sets are being exchanged.
 * complete / refused / aborted / failed: ended.
 */
export const COMPARISON_STATES = [
  'offered',
  'awaiting-acceptance',
  'running',
  'complete',
  'refused',
  'aborted',
  'failed',
] as const;
export type ComparisonState = (typeof COMPARISON_STATES)[number];

/** Chunks of blinded sets sent and received so far, and how many the whole run takes. */
export interface ComparisonProgress {
  readonly sent: number;
  readonly received: number;
  /** Known once both sizes are known (after the acceptance). */
  readonly total: number | undefined;
}

/** What anyone may see of a comparison: the record's parameters, never an entry. */
export interface ComparisonStatus {
  readonly id: string;
  readonly channel: string;
  /** This party's role, or undefined when it is a third member of the channel looking on. */
  readonly role: PsiRole | undefined;
  readonly initiator: string;
  readonly responder: string;
  readonly kind: PsiListKind;
  readonly mode: PsiMode;
  readonly suite: PsiSuite;
  readonly state: ComparisonState;
  readonly initiatorSize: number;
  readonly responderSize: number | undefined;
  readonly created: string;
  readonly expires: string;
  readonly offerHash: string;
  /** True when this process holds the comparison's secrets and list and can carry it on. */
  readonly held: boolean;
  readonly progress: ComparisonProgress;
  /** The overlap's size, once this side learnt it. */
  readonly overlap: number | undefined;
  /** The overlap the other side stated in its psi-result, when it states one. */
  readonly peerOverlap: number | undefined;
  /** Why it was refused, aborted or failed. */
  readonly reason: string | undefined;
}

/** What this side learnt: its own entries in the overlap (never the other side's). */
export interface ComparisonResult {
  readonly id: string;
  readonly state: ComparisonState;
  readonly kind: PsiListKind;
  readonly mode: PsiMode;
  readonly overlap: number | undefined;
  /** Certain matches; absent in cardinality mode and for a side that learns nothing. */
  readonly matches: readonly ListMatch[] | undefined;
  /** Matches on loose name keys only: a person must check them. */
  readonly review: readonly ListMatch[] | undefined;
  /** True when this side learns nothing in this mode (the responder in one-sided mode). */
  readonly learnsNothing: boolean;
}
