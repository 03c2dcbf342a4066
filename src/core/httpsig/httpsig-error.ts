import { ParleyError } from '../errors.js';

/**
 * Codes for HTTP Message Signatures (RFC 9421) and Content-Digest (RFC 9530). They live here rather
 * than in core/errors.ts so that this module owns its vocabulary; a bad signature itself is reported
 * with the shared VerificationError SIG_INVALID, like every other signature in Parley.
 */
export const HTTPSIG_CODES = [
  /** No Signature / Signature-Input header, or no signature with the wanted label or tag. */
  'HTTPSIG_MISSING',
  /** A header is not a valid RFC 8941 dictionary of the expected shape. */
  'HTTPSIG_MALFORMED',
  /** Several signatures qualify and the caller did not say which one to check. */
  'HTTPSIG_AMBIGUOUS',
  /** A parameter this profile requires (created, keyid, nonce) is absent or of the wrong type. */
  'HTTPSIG_PARAM_MISSING',
  /** The alg parameter names something other than ed25519. */
  'HTTPSIG_ALG_UNSUPPORTED',
  /** `expires` has passed, or `created` is older than the accepted age. */
  'HTTPSIG_EXPIRED',
  /** `created` lies further in the future than the clock-skew tolerance. */
  'HTTPSIG_NOT_YET_VALID',
  /** A required component is not covered, or a covered component is absent from the request. */
  'HTTPSIG_COMPONENT_MISSING',
  /** A covered component that this profile does not implement (parameters, @query-param, @status…). */
  'HTTPSIG_COMPONENT_UNSUPPORTED',
  /** A component value that cannot go into a signature base (line breaks, control or non-ASCII characters). */
  'HTTPSIG_COMPONENT_INVALID',
  /** resolveKey returned nothing for the keyid. */
  'HTTPSIG_UNKNOWN_KEY',
  /** The tag parameter is not the one the caller requires (a signature made for another application). */
  'HTTPSIG_TAG_MISMATCH',
  /** No Content-Digest header where one is needed. */
  'CONTENT_DIGEST_MISSING',
  /** Content-Digest is present but names no algorithm this module checks (sha-256, sha-512). */
  'CONTENT_DIGEST_UNSUPPORTED',
  /** A digest in Content-Digest does not match the body. */
  'CONTENT_DIGEST_MISMATCH',
] as const;
export type HttpSigCode = (typeof HTTPSIG_CODES)[number];

/** A federation request whose signature cannot be accepted for a reason other than a bad signature value. */
export class HttpSigError extends ParleyError<HttpSigCode> {}
