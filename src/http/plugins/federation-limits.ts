/**
 * The bounded in-memory state of federation authentication: token buckets (per client address
 * before a signature is checked, per party after) and the nonces seen inside the signature window.
 * Every map has a ceiling, so no sender can grow this node's memory without bound.
 */

/** Buckets kept per limiter; the least recently used is forgotten first. */
const DEFAULT_RATE_LIMIT_MAX_KEYS = 10_000;
/** Nonces kept inside the signature window. */
const DEFAULT_NONCE_CACHE_MAX = 200_000;

export interface FederationLimits {
  /** Per client address, counted before the body is read or a signature checked. */
  readonly ipRatePerSecond: number;
  readonly ipBurst: number;
  /** Per party, counted only after its signature verified: no one else can spend it. */
  readonly partyRatePerSecond: number;
  readonly partyBurst: number;
}

export const DEFAULT_FEDERATION_LIMITS: FederationLimits = {
  ipRatePerSecond: 1000,
  ipBurst: 2000,
  partyRatePerSecond: 200,
  partyBurst: 400,
};

export type TakeResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Token buckets by key, at most `maxKeys` of them (least recently used evicted first). */
export class RateLimiter {
  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used first.
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = DEFAULT_RATE_LIMIT_MAX_KEYS,
  ) {
    if (!(perSecond > 0 && Number.isFinite(perSecond)))
      throw new RangeError(`rate must be > 0 per second, got ${perSecond}`);
    if (!(burst >= 1 && Number.isFinite(burst))) throw new RangeError(`burst must be ≥ 1, got ${burst}`);
    if (!(maxKeys >= 1)) throw new RangeError(`maxKeys must be ≥ 1, got ${maxKeys}`);
  }

  /** Takes one token for `key` at `now` (ms); when none is left, says when one will be. */
  take(key: string, now: number): TakeResult {
    const b = this.buckets.get(key);
    const tokens = b
      ? Math.min(this.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.perSecond)
      : this.burst;
    if (b) this.buckets.delete(key);
    else this.evict();
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    // An evicted client starts again with a full bucket; with LRU order that is an idle one.
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}

/**
 * Nonces seen within the signature validity window, so that a captured request cannot be replayed.
 * Entries share one TTL, so insertion order is expiry order and expired ones are swept from the front.
 * When full of unexpired nonces it refuses new ones instead of forgetting any: forgetting would
 * reopen a replay window.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = DEFAULT_NONCE_CACHE_MAX,
  ) {}

  /** True when `nonce` was recorded and has not expired at `now`. */
  has(nonce: string, now: number): boolean {
    this.sweep(now);
    const exp = this.seen.get(nonce);
    return exp !== undefined && exp >= now;
  }

  /** Records `nonce`; false when the cache is full, and then `retryAfterSeconds` says when a slot frees. */
  add(nonce: string, now: number): boolean {
    this.sweep(now);
    this.seen.delete(nonce);
    if (this.seen.size >= this.max) return false;
    this.seen.set(nonce, now + this.ttlMs);
    return true;
  }

  retryAfterSeconds(now: number): number {
    const oldest = this.seen.values().next().value;
    return Math.max(1, Math.ceil(((oldest ?? now) - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [k, exp] of this.seen) {
      if (exp >= now) break;
      this.seen.delete(k);
    }
  }
}
