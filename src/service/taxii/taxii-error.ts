import { ParleyError } from '../../core/errors.js';

/**
 * TAXII 2.1 failures (§3.6.1 error message). Their HTTP statuses are mapped in one place,
 * src/http/plugins/errors.ts, like every other code.
 */
export const TAXII_CODES = [
  /** No or bad credentials (401). */
  'TAXII_UNAUTHORIZED',
  /** Authenticated, but the collection does not allow this (403). */
  'TAXII_FORBIDDEN',
  /** No such API root, collection, object or status, or none the client may see (404). */
  'TAXII_NOT_FOUND',
  /** The Accept header names no media type this endpoint serves (406). */
  'TAXII_NOT_ACCEPTABLE',
  /** The request body is not `application/taxii+json;version=2.1` (415). */
  'TAXII_UNSUPPORTED_MEDIA_TYPE',
  /** The request body is larger than max_content_length (413). */
  'TAXII_TOO_LARGE',
  /** A query parameter (filter, limit, next, added_after) is malformed (400). */
  'TAXII_FILTER_INVALID',
  /** The body is not JSON, or not a TAXII envelope (400). */
  'TAXII_ENVELOPE_INVALID',
  /** Not one object of the envelope could be stored; `details.failures` says why for each (422). */
  'TAXII_OBJECTS_REJECTED',
  /** A remote TAXII server answered with an error or something that is not TAXII (client side). */
  'TAXII_REMOTE_ERROR',
  /** A remote TAXII server could not be reached after the retries (client side). */
  'TAXII_REMOTE_UNREACHABLE',
] as const;
export type TaxiiCode = (typeof TAXII_CODES)[number];

export class TaxiiError extends ParleyError<TaxiiCode> {}

export function isTaxiiError(e: unknown, code?: TaxiiCode): e is TaxiiError {
  return e instanceof TaxiiError && (code === undefined || e.code === code);
}
