/**
 * Verifying a federation request: RFC 9421 §3.2 with Ed25519, plus the policy Parley adds on top —
 * required components, a maximum age with a clock-skew tolerance, an optional application tag and
 * nonce, and the body's Content-Digest.
 */
import { utf8 } from '../bytes/index.js';
import { ValidationError, VerificationError } from '../errors.js';
import { verify } from '../sig/index.js';
import { verifyContentDigest } from './content-digest.js';
import { HttpSigError } from './httpsig-error.js';
import { fieldComponentValue, type HttpSigRequest } from './request.js';
import {
  HTTPSIG_ALG_ED25519,
  coveredComponents,
  signatureBaseFor,
  type SignatureParams,
} from './signature-base.js';
import { parseDictionary, type BareItem, type DictMember, type InnerList } from './structured-field.js';

export interface VerifyRequestOptions {
  /** The Ed25519 public key for a keyid, or undefined when the keyid is not a known member. */
  readonly resolveKey: (keyid: string) => Uint8Array | undefined;
  /** The receiving node's clock. */
  readonly now: Date;
  /** How old `created` may be. Bounds how long a captured request can be replayed. */
  readonly maxAgeSeconds: number;
  /** Tolerated disagreement between the two nodes' clocks, applied to every time check. */
  readonly clockSkewSeconds: number;
  /** Components the signature must cover, e.g. `['@method', '@target-uri', 'content-digest']`. */
  readonly requiredComponents: readonly string[];
  /** Verify this label only; otherwise the single signature that qualifies. */
  readonly label?: string;
  /** Accept only signatures whose `tag` parameter is exactly this. */
  readonly requiredTag?: string;
  /** Refuse signatures without a `nonce` (for endpoints whose callers keep a nonce cache). */
  readonly requireNonce?: boolean;
  /** The request content; when given, `content-digest` must be covered and must match it. */
  readonly body?: Uint8Array;
}

export interface VerifiedRequest {
  readonly label: string;
  readonly keyid: string;
  readonly params: SignatureParams;
  readonly components: readonly string[];
  readonly created: Date;
  readonly nonce?: string;
  /**
   * Until this instant the same signature would verify again. A caller that rejects replays keeps
   * (keyid, nonce) — or the signature bytes — at least this long; after it, the age check does the job.
   */
  readonly replayableUntil: Date;
}

function header(req: HttpSigRequest, name: string): string | undefined {
  try {
    return fieldComponentValue(req, name);
  } catch (cause) {
    throw new HttpSigError('HTTPSIG_MALFORMED', `${name} has characters no structured field may hold`, {
      cause,
    });
  }
}

function pickLabel(input: Map<string, DictMember>, opts: VerifyRequestOptions): string {
  const tagOf = (m: DictMember): string | undefined => {
    const t = m.params.find(([k]) => k === 'tag')?.[1];
    return t?.type === 'string' ? t.value : undefined;
  };
  if (opts.label !== undefined) {
    const m = input.get(opts.label);
    if (!m) throw new HttpSigError('HTTPSIG_MISSING', `no signature labelled ${opts.label}`);
    if (opts.requiredTag !== undefined && tagOf(m) !== opts.requiredTag) {
      throw new HttpSigError(
        'HTTPSIG_TAG_MISMATCH',
        `signature ${opts.label} is not tagged ${opts.requiredTag}`,
      );
    }
    return opts.label;
  }
  const labels = [...input].filter(
    ([, m]) => opts.requiredTag === undefined || tagOf(m) === opts.requiredTag,
  );
  if (labels.length === 0) {
    throw new HttpSigError(
      opts.requiredTag === undefined ? 'HTTPSIG_MISSING' : 'HTTPSIG_TAG_MISMATCH',
      `no signature tagged ${opts.requiredTag ?? '(any)'}`,
    );
  }
  if (labels.length > 1) {
    throw new HttpSigError(
      'HTTPSIG_AMBIGUOUS',
      `${labels.length} signatures qualify (${labels.map(([l]) => l).join(', ')}); name a label`,
    );
  }
  return labels[0]![0];
}

function readParams(list: InnerList, requireNonce: boolean): SignatureParams {
  const get = (k: string): BareItem | undefined => list.params.find(([name]) => name === k)?.[1];
  const want = <T extends BareItem['type']>(k: string, type: T, required: boolean) => {
    const v = get(k);
    if (v === undefined && !required) return undefined;
    if (v === undefined || v.type !== type) {
      throw new HttpSigError(
        'HTTPSIG_PARAM_MISSING',
        `signature parameter ${k} must be ${type === 'integer' ? 'an integer' : 'a string'}`,
        {
          details: { param: k },
        },
      );
    }
    return v.value as Extract<BareItem, { type: T }>['value'];
  };
  const created = want('created', 'integer', true)!;
  const expires = want('expires', 'integer', false);
  const alg = want('alg', 'string', false);
  const nonce = want('nonce', 'string', requireNonce);
  const tag = want('tag', 'string', false);
  if (alg !== undefined && alg !== HTTPSIG_ALG_ED25519) {
    throw new HttpSigError('HTTPSIG_ALG_UNSUPPORTED', `alg ${alg} is not ${HTTPSIG_ALG_ED25519}`);
  }
  if (expires !== undefined && expires <= created)
    throw new HttpSigError('HTTPSIG_MALFORMED', `expires ${expires} is not after created ${created}`);
  return {
    created,
    ...(expires === undefined ? {} : { expires }),
    keyid: want('keyid', 'string', true)!,
    ...(alg === undefined ? {} : { alg }),
    ...(nonce === undefined ? {} : { nonce }),
    ...(tag === undefined ? {} : { tag }),
  };
}

/** Time checks; all bounds inclusive, so a request exactly at the limit passes. Returns the replay horizon in ms. */
function checkTimes(p: SignatureParams, opts: VerifyRequestOptions): number {
  const now = opts.now.getTime();
  const skew = opts.clockSkewSeconds * 1000;
  if (p.created * 1000 > now + skew) {
    throw new HttpSigError(
      'HTTPSIG_NOT_YET_VALID',
      `created ${p.created} is ${Math.round((p.created * 1000 - now) / 1000)} s ahead of this node's clock (tolerance ${opts.clockSkewSeconds} s)`,
    );
  }
  let until = (p.created + opts.maxAgeSeconds) * 1000 + skew;
  if (p.expires !== undefined) until = Math.min(until, p.expires * 1000 + skew);
  if (now > until) {
    throw new HttpSigError(
      'HTTPSIG_EXPIRED',
      `signature created ${p.created}${p.expires === undefined ? '' : `, expires ${p.expires}`} is no longer valid (max age ${opts.maxAgeSeconds} s, skew ${opts.clockSkewSeconds} s)`,
    );
  }
  return until;
}

/**
 * Verifies the RFC 9421 signature on `req` and returns who signed it and with which parameters.
 * Order: parse, choose the signature, parameters and times, covered components, key, signature, body.
 * Preconditions: maxAgeSeconds and clockSkewSeconds are finite and ≥ 0 (else ValidationError CONFIG_INVALID).
 * Throws HttpSigError HTTPSIG_MISSING, _MALFORMED, _AMBIGUOUS, _TAG_MISMATCH, _PARAM_MISSING,
 * _ALG_UNSUPPORTED, _NOT_YET_VALID, _EXPIRED, _COMPONENT_MISSING, _COMPONENT_UNSUPPORTED,
 * _COMPONENT_INVALID, _UNKNOWN_KEY, CONTENT_DIGEST_*; VerificationError SIG_INVALID.
 * Replays within the validity window verify again: see VerifiedRequest.replayableUntil.
 */
export function verifyRequest(req: HttpSigRequest, opts: VerifyRequestOptions): VerifiedRequest {
  for (const [k, v] of [
    ['maxAgeSeconds', opts.maxAgeSeconds],
    ['clockSkewSeconds', opts.clockSkewSeconds],
  ] as const) {
    if (!(Number.isFinite(v) && v >= 0))
      throw new ValidationError('CONFIG_INVALID', `${k} must be a finite number ≥ 0, got ${v}`);
  }
  const inputHeader = header(req, 'signature-input');
  const sigHeader = header(req, 'signature');
  if (inputHeader === undefined || sigHeader === undefined) {
    throw new HttpSigError(
      'HTTPSIG_MISSING',
      `request has no ${inputHeader === undefined ? 'Signature-Input' : 'Signature'} header`,
    );
  }
  const inputs = parseDictionary(inputHeader, 'Signature-Input');
  const sigs = parseDictionary(sigHeader, 'Signature');
  // RFC 9421 §4.1–4.2 define every member's type; a field with one wrong member is malformed as a whole.
  for (const [l, m] of inputs) {
    if (m.kind !== 'inner-list')
      throw new HttpSigError('HTTPSIG_MALFORMED', `Signature-Input ${l} is not an inner list`);
  }
  for (const [l, m] of sigs) {
    if (m.kind !== 'item' || m.value.type !== 'bytes')
      throw new HttpSigError('HTTPSIG_MALFORMED', `Signature ${l} is not a byte sequence`);
  }
  const label = pickLabel(inputs, opts);
  const list = inputs.get(label) as InnerList;
  const sigMember = sigs.get(label);
  if (sigMember?.kind !== 'item' || sigMember.value.type !== 'bytes')
    throw new HttpSigError('HTTPSIG_MISSING', `Signature has no member ${label}`);

  const params = readParams(list, opts.requireNonce === true);
  const until = checkTimes(params, opts);
  const components = coveredComponents(list);
  const required =
    opts.body === undefined ? opts.requiredComponents : [...opts.requiredComponents, 'content-digest'];
  for (const c of required) {
    if (!components.includes(c))
      throw new HttpSigError('HTTPSIG_COMPONENT_MISSING', `signature does not cover ${c}`, {
        details: { component: c },
      });
  }
  const key = opts.resolveKey(params.keyid);
  if (key === undefined)
    throw new HttpSigError('HTTPSIG_UNKNOWN_KEY', `no key for keyid ${params.keyid}`, {
      details: { keyid: params.keyid },
    });
  const base = signatureBaseFor(req, list);
  if (!verify(key, utf8.encode(base), sigMember.value.value)) {
    throw new VerificationError('SIG_INVALID', `http signature ${label} by ${params.keyid} does not verify`, {
      details: { keyid: params.keyid, label },
    });
  }
  if (opts.body !== undefined) verifyContentDigest(header(req, 'content-digest'), opts.body);
  return {
    label,
    keyid: params.keyid,
    params,
    components,
    created: new Date(params.created * 1000),
    ...(params.nonce === undefined ? {} : { nonce: params.nonce }),
    replayableUntil: new Date(until),
  };
}
