import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromBase64 } from '../../core/bytes/index.js';
import {
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_COMPONENTS,
  FEDERATION_TAG,
  parseDictionary,
  requestFromUrl,
  verifyRequest,
  HttpSigError,
} from '../../core/httpsig/index.js';
import { partyIdFromPublicKey } from '../../core/party/index.js';
import { parseEnvelope, verifyEnvelopeSignature } from '../../core/envelope/index.js';
import { ParleyError } from '../../core/errors.js';
import type { DialogueService } from '../../service/dialogue/dialogue-service.js';
import {
  DEFAULT_FEDERATION_LIMITS,
  NonceCache,
  RateLimiter,
  type FederationLimits,
  type TakeResult,
} from './federation-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified party that signed this federation request. */
    peer?: string;
    rawBody?: Buffer;
  }
}

/** Signatures older than this are refused: bounds how long a captured request can be replayed. */
export const FEDERATION_MAX_AGE_SECONDS = 300;
export const FEDERATION_CLOCK_SKEW_SECONDS = 60;

export class FederationAuthError extends ParleyError<
  'FEDERATION_UNAUTHENTICATED' | 'RATE_LIMITED' | 'REPLAYED_REQUEST'
> {}

function keyIdOf(signatureInput: string | undefined): string | undefined {
  if (!signatureInput) return undefined;
  try {
    for (const member of parseDictionary(signatureInput, 'signature-input').values()) {
      const keyid = member.params.find(([k]) => k === 'keyid')?.[1];
      if (keyid?.type === 'string') return keyid.value;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * A party that just rotated its key signs the request carrying its `key-rotation` with the new
 * key; the envelope itself is signed by the pinned (old) key, which is what authorises the new one.
 */
function rotatedKey(body: unknown, keyid: string, pinned: Uint8Array): Uint8Array | undefined {
  const envs = (body as { envelopes?: unknown })?.envelopes;
  if (!Array.isArray(envs)) return undefined;
  for (const text of envs) {
    if (typeof text !== 'string' || !text.includes('"kind":"key-rotation"')) continue;
    try {
      const p = parseEnvelope(new TextEncoder().encode(text));
      if (p.envelope.kind !== 'key-rotation' || p.envelope.author !== keyid) continue;
      verifyEnvelopeSignature(p, () => pinned);
      const key = fromBase64(String(p.envelope.body.new_public_key));
      if (key?.length === 32) return key;
    } catch {
      /* not a valid rotation by the pinned key: ignore it here, the inbox will refuse it */
    }
  }
  return undefined;
}

/** An invitation's author is not known yet, but the invite names its key: accept that key for it. */
function inviterKey(body: unknown, keyid: string): Uint8Array | undefined {
  const envs = (body as { envelopes?: unknown })?.envelopes;
  if (!Array.isArray(envs)) return undefined;
  for (const text of envs) {
    if (typeof text !== 'string' || !text.includes('"kind":"invite"')) continue;
    try {
      const e = JSON.parse(text) as {
        author?: string;
        kind?: string;
        body?: { members?: { party?: string; public_key?: string }[] };
      };
      if (e.kind !== 'invite' || e.author !== keyid) continue;
      const m = e.body?.members?.find((x) => x.party === keyid);
      const key = m?.public_key ? fromBase64(m.public_key) : undefined;
      if (key && partyIdFromPublicKey(key) === keyid) return key;
    } catch {
      /* not JSON: the inbox will refuse it */
    }
  }
  return undefined;
}

export interface FederationAuthOptions {
  readonly dialogue: DialogueService;
  /** Public base URL of this node when behind a proxy; otherwise taken from the request. */
  readonly publicUrl: string | undefined;
  /** Rate limits; unset ones take DEFAULT_FEDERATION_LIMITS. */
  readonly limits?: Partial<FederationLimits>;
}

/**
 * An onRequest hook: a token bucket per client address, before the body is read or any signature
 * checked, so that unsigned or badly signed requests cost their sender's allowance and no one else's.
 * The address is the socket's; behind a reverse proxy every peer shares the proxy's.
 */
export function federationAddressLimit(limits?: Partial<FederationLimits>) {
  const l = { ...DEFAULT_FEDERATION_LIMITS, ...limits };
  const perAddress = new RateLimiter(l.ipRatePerSecond, l.ipBurst);
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    rateLimited('from this address', perAddress.take(req.ip, Date.now()));
  };
}

function rateLimited(what: string, r: TakeResult): void {
  if (r.ok) return;
  throw new FederationAuthError(
    'RATE_LIMITED',
    `too many requests ${what}; retry in ${r.retryAfterSeconds} s`,
    { details: { retryAfterSeconds: r.retryAfterSeconds } },
  );
}

/**
 * A preHandler that admits only requests signed (RFC 9421, Ed25519) by a party this node shares
 * a channel with — or, for the inbox, by a party whose invitation is in the body. Sets req.peer.
 * Counts each request against its party's rate limit only once the signature verified: the keyid
 * of an unverified request is only a claim, and counting it would let anyone spend a member's
 * allowance (federationAddressLimit counts those). Over the limit: RATE_LIMITED (429, Retry-After).
 */
export function federationAuth(opts: FederationAuthOptions) {
  const limits = { ...DEFAULT_FEDERATION_LIMITS, ...opts.limits };
  const nonces = new NonceCache((FEDERATION_MAX_AGE_SECONDS + FEDERATION_CLOCK_SKEW_SECONDS) * 1000);
  const perParty = new RateLimiter(limits.partyRatePerSecond, limits.partyBurst);
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const now = new Date();
    const keyid = keyIdOf(req.headers['signature-input'] as string | undefined);
    if (!keyid)
      throw new FederationAuthError(
        'FEDERATION_UNAUTHENTICATED',
        'federation requests must carry an RFC 9421 signature (Signature-Input with keyid)',
      );
    const pinned = await opts.dialogue.keyOf(keyid);
    const candidates = [
      pinned ?? (req.method === 'POST' ? inviterKey(req.body, keyid) : undefined),
      pinned && req.method === 'POST' ? rotatedKey(req.body, keyid, pinned) : undefined,
    ].filter((k): k is Uint8Array => k !== undefined);
    const key = candidates[0];
    if (!key)
      throw new FederationAuthError(
        'FEDERATION_UNAUTHENTICATED',
        `${keyid} shares no channel with this node`,
      );
    const base = opts.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.headers.host ?? ''}`;
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [
        k,
        Array.isArray(v) ? v : v === undefined ? undefined : String(v),
      ]),
    );
    try {
      const request = requestFromUrl(req.method, base + req.url, headers);
      const common = {
        now,
        maxAgeSeconds: FEDERATION_MAX_AGE_SECONDS,
        clockSkewSeconds: FEDERATION_CLOCK_SKEW_SECONDS,
        requiredComponents: req.rawBody ? [...FEDERATION_BODY_COMPONENTS] : [...FEDERATION_COMPONENTS],
        requiredTag: FEDERATION_TAG,
        requireNonce: true,
        ...(req.rawBody ? { body: new Uint8Array(req.rawBody) } : {}),
      };
      const verifyWith = (k: Uint8Array) =>
        verifyRequest(request, { ...common, resolveKey: (id) => (id === keyid ? k : undefined) });
      let verified;
      try {
        verified = verifyWith(key);
      } catch (e) {
        if (!candidates[1]) throw e;
        verified = verifyWith(candidates[1]);
      }
      const nonce = `${keyid} ${String(verified.params.nonce)}`;
      if (nonces.has(nonce, now.getTime()))
        throw new FederationAuthError('REPLAYED_REQUEST', 'this signed request was already received');
      // Counted before the nonce is kept: a party over its limit fills no nonce slots.
      rateLimited(`from ${keyid}`, perParty.take(keyid, now.getTime()));
      if (!nonces.add(nonce, now.getTime()))
        rateLimited('in the signature window', {
          ok: false,
          retryAfterSeconds: nonces.retryAfterSeconds(now.getTime()),
        });
    } catch (e) {
      if (e instanceof FederationAuthError) throw e;
      if (e instanceof HttpSigError || e instanceof ParleyError) {
        req.log.warn(
          { event: 'bad-request-signature', peer: keyid, code: e.code },
          'federation signature refused',
        );
        throw new FederationAuthError(
          'FEDERATION_UNAUTHENTICATED',
          `request signature refused: ${e.message}`,
          { cause: e },
        );
      }
      throw e;
    }
    req.peer = keyid;
  };
}
