import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromBase64 } from '../../core/bytes/index.js';
import { FEDERATION_BODY_COMPONENTS, FEDERATION_COMPONENTS, FEDERATION_TAG, parseDictionary, requestFromUrl, verifyRequest, HttpSigError } from '../../core/httpsig/index.js';
import { partyIdFromPublicKey } from '../../core/party/index.js';
import { parseEnvelope, verifyEnvelopeSignature } from '../../core/envelope/index.js';
import { ParleyError } from '../../core/errors.js';
import type { DialogueService } from '../../service/dialogue/dialogue-service.js';

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

export class FederationAuthError extends ParleyError<'FEDERATION_UNAUTHENTICATED' | 'RATE_LIMITED' | 'REPLAYED_REQUEST'> {}

/** Remembers nonces for the signature validity window so that a captured request cannot be replayed. */
class NonceCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs: number, private readonly max = 200_000) {}
  /** True when the nonce is new (and records it). */
  add(nonce: string, now: number): boolean {
    if (this.seen.size > this.max) for (const [k, exp] of this.seen) if (exp < now || this.seen.size > this.max) this.seen.delete(k);
    const exp = this.seen.get(nonce);
    if (exp !== undefined && exp >= now) return false;
    this.seen.set(nonce, now + this.ttlMs);
    return true;
  }
}

/** Token bucket per signing party. */
class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perSecond: number, private readonly burst: number) {}
  take(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }
}

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
      const e = JSON.parse(text) as { author?: string; kind?: string; body?: { members?: { party?: string; public_key?: string }[] } };
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
  readonly ratePerSecond?: number;
  readonly rateBurst?: number;
}

/**
 * A preHandler that admits only requests signed (RFC 9421, Ed25519) by a party this node shares
 * a channel with — or, for the inbox, by a party whose invitation is in the body. Sets req.peer.
 */
export function federationAuth(opts: FederationAuthOptions) {
  const nonces = new NonceCache((FEDERATION_MAX_AGE_SECONDS + FEDERATION_CLOCK_SKEW_SECONDS) * 1000);
  const limiter = new RateLimiter(opts.ratePerSecond ?? 200, opts.rateBurst ?? 400);
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const keyid = keyIdOf(req.headers['signature-input'] as string | undefined);
    if (!keyid) throw new FederationAuthError('FEDERATION_UNAUTHENTICATED', 'federation requests must carry an RFC 9421 signature (Signature-Input with keyid)');
    const now = new Date();
    if (!limiter.take(keyid, now.getTime())) throw new FederationAuthError('RATE_LIMITED', `too many requests from ${keyid}`);
    const pinned = await opts.dialogue.keyOf(keyid);
    const candidates = [pinned ?? (req.method === 'POST' ? inviterKey(req.body, keyid) : undefined), pinned && req.method === 'POST' ? rotatedKey(req.body, keyid, pinned) : undefined].filter(
      (k): k is Uint8Array => k !== undefined,
    );
    const key = candidates[0];
    if (!key) throw new FederationAuthError('FEDERATION_UNAUTHENTICATED', `${keyid} shares no channel with this node`);
    const base = opts.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.headers.host ?? ''}`;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v : v === undefined ? undefined : String(v)]));
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
      const verifyWith = (k: Uint8Array) => verifyRequest(request, { ...common, resolveKey: (id) => (id === keyid ? k : undefined) });
      let verified;
      try {
        verified = verifyWith(key);
      } catch (e) {
        if (!candidates[1]) throw e;
        verified = verifyWith(candidates[1]);
      }
      if (!nonces.add(`${keyid} ${String(verified.params.nonce)}`, now.getTime())) {
        throw new FederationAuthError('REPLAYED_REQUEST', 'this signed request was already received');
      }
    } catch (e) {
      if (e instanceof FederationAuthError) throw e;
      if (e instanceof HttpSigError || e instanceof ParleyError) {
        req.log.warn({ event: 'bad-request-signature', peer: keyid, code: e.code }, 'federation signature refused');
        throw new FederationAuthError('FEDERATION_UNAUTHENTICATED', `request signature refused: ${e.message}`, { cause: e });
      }
      throw e;
    }
    req.peer = keyid;
  };
}
