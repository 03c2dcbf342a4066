/**
 * Signing a federation request: RFC 9421 §3.1 with Ed25519 (§3.3.6), producing the Signature-Input
 * and Signature header fields.
 */
import { utf8 } from '../bytes/index.js';
import { ValidationError } from '../errors.js';
import { sign, type PrivateKey } from '../sig/index.js';
import { isKey, serializeMember } from './structured-field.js';
import {
  HTTPSIG_ALG_ED25519,
  signatureBaseFor,
  signatureInputList,
  type SignatureParams,
} from './signature-base.js';
import type { HttpSigRequest } from './request.js';

/** Label Parley signs under; RFC 9421 gives labels no meaning beyond pairing the two headers. */
export const DEFAULT_HTTPSIG_LABEL = 'sig1';

export interface SignRequestOptions {
  /** Names the key to the verifier; Parley uses the sending party's id. */
  readonly keyId: string;
  readonly privateKey: PrivateKey;
  /** Signing time; truncated to whole seconds, as the `created` parameter is an integer. */
  readonly created: Date;
  readonly expires?: Date;
  /** A fresh random value per request, for receivers that keep a nonce cache (the caller brings the randomness). */
  readonly nonce?: string;
  /** Application tag (RFC 9421 §2.3), e.g. `parley-federation`, so a signature cannot be reused by another protocol. */
  readonly tag?: string;
  /** Covered components in order, e.g. `['@method', '@target-uri', 'content-digest', 'content-type']`. */
  readonly components: readonly string[];
  readonly label?: string;
  /** Whether to write `alg="ed25519"`; default true. The RFC's B.2.6 example omits it. */
  readonly includeAlg?: boolean;
}

export interface SignedRequestHeaders {
  readonly 'signature-input': string;
  readonly signature: string;
  /** The exact bytes signed, for logs and debugging; never sent. */
  readonly signatureBase: string;
}

/**
 * Signs `req` and returns the two header field values to add to it (RFC 9421 §3.1, §4).
 * Preconditions: every covered header is present in `req.headers` (so add Content-Digest first).
 * Throws ValidationError CONFIG_INVALID for a bad label or an `expires` not after `created`;
 * HttpSigError HTTPSIG_COMPONENT_MISSING / _INVALID / _UNSUPPORTED for components that cannot be signed.
 */
export function signRequest(req: HttpSigRequest, opts: SignRequestOptions): SignedRequestHeaders {
  const label = opts.label ?? DEFAULT_HTTPSIG_LABEL;
  if (!isKey(label))
    throw new ValidationError(
      'CONFIG_INVALID',
      `signature label ${JSON.stringify(label)} is not an RFC 8941 key`,
    );
  const created = Math.floor(opts.created.getTime() / 1000);
  const expires = opts.expires === undefined ? undefined : Math.floor(opts.expires.getTime() / 1000);
  if (expires !== undefined && !(expires > created)) {
    throw new ValidationError('CONFIG_INVALID', `expires ${expires} must be after created ${created}`);
  }
  const params: SignatureParams = {
    created,
    ...(expires === undefined ? {} : { expires }),
    keyid: opts.keyId,
    ...(opts.includeAlg === false ? {} : { alg: HTTPSIG_ALG_ED25519 }),
    ...(opts.nonce === undefined ? {} : { nonce: opts.nonce }),
    ...(opts.tag === undefined ? {} : { tag: opts.tag }),
  };
  const list = signatureInputList(opts.components, params);
  const base = signatureBaseFor(req, list);
  const sig = sign(opts.privateKey, utf8.encode(base));
  return {
    'signature-input': serializeMember(label, list),
    signature: serializeMember(label, { kind: 'item', value: { type: 'bytes', value: sig }, params: [] }),
    signatureBase: base,
  };
}
