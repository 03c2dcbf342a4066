/**
 * HTTP Message Signatures (RFC 9421) with Ed25519, and Content-Digest (RFC 9530): how one node
 * proves to another that a federation request comes from a channel member and was not altered.
 * See README.md for the profile Parley uses.
 */
export { HTTPSIG_CODES, HttpSigError, type HttpSigCode } from './httpsig-error.js';
export {
  SUPPORTED_DERIVED_COMPONENTS,
  requestFromUrl,
  type DerivedComponent,
  type HttpSigRequest,
} from './request.js';
export { HTTPSIG_ALG_ED25519, buildSignatureBase, type SignatureParams } from './signature-base.js';
export {
  DEFAULT_HTTPSIG_LABEL,
  signRequest,
  type SignRequestOptions,
  type SignedRequestHeaders,
} from './sign.js';
export { verifyRequest, type VerifyRequestOptions, type VerifiedRequest } from './verify.js';
export { computeContentDigest, verifyContentDigest } from './content-digest.js';
export {
  parseDictionary,
  type BareItem,
  type DictMember,
  type InnerList,
  type Item,
  type Parameters,
} from './structured-field.js';

/**
 * The components every Parley federation request signs: method and full target URI (so a signature
 * for one endpoint or peer cannot be replayed at another), and for requests with a body, its digest
 * and type. The receiver passes the same list as `requiredComponents`.
 */
export const FEDERATION_COMPONENTS = ['@method', '@target-uri', '@authority'] as const;
export const FEDERATION_BODY_COMPONENTS = [
  ...FEDERATION_COMPONENTS,
  'content-digest',
  'content-type',
] as const;
/** The `tag` Parley writes on federation signatures (RFC 9421 §2.3: application-specific tag). */
export const FEDERATION_TAG = 'parley-federation';
