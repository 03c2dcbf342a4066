import { ParleyError } from '../core/errors.js';

export const STORE_CODES = [
  /** An append did not start at the log's size, or its seqs were not consecutive. */
  'SEQ_CONFLICT',
  /** An entry's hash is already stored (in any log, or twice in one batch). */
  'DUPLICATE_ENTRY',
  /** A Merkle node asked for is not stored: the log is shorter than the proof assumes. */
  'NODE_MISSING',
  /** The database cannot be reached, opened or locked in time. Retry later. */
  'STORE_UNAVAILABLE',
  /** The schema could not be brought to this build's version. An operator must act. */
  'MIGRATION_FAILED',
  /** Stored data breaks an invariant the store relies on (e.g. a frontier of the wrong length). */
  'STORE_CORRUPT',
] as const;
export type StoreCode = (typeof STORE_CODES)[number];

/** A failure of the persistence layer; `cause` keeps the driver's error when there is one. */
export class StoreError extends ParleyError<StoreCode> {}

export function isStoreError(e: unknown, code?: StoreCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}
