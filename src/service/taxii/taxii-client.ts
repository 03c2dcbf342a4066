/**
 * A TAXII 2.1 client for one remote collection: pages objects (GET with added_after / next) and
 * posts envelopes, retrying with exponential backoff on 429, 5xx and network failures (honouring
 * Retry-After). The transport is `fetch`, injectable for tests.
 */
import { TaxiiError } from './taxii-error.js';
import { TAXII_MEDIA_TYPE, type TaxiiStatus } from './taxii-resources.types.js';

export type TaxiiCredentials =
  { readonly user: string; readonly password: string } | { readonly token: string };

export interface TaxiiClientOptions {
  /** The remote API root, e.g. `https://node.example/taxii2/api/`. */
  readonly apiRoot: string;
  readonly collection: string;
  readonly credentials?: TaxiiCredentials | undefined;
  readonly fetch?: typeof fetch;
  /** Waits between retries; tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly maxRetries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly timeoutMs?: number;
  /** Told about each retry, for logs and progress lines. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface RemotePage {
  readonly objects: Record<string, unknown>[];
  readonly more: boolean;
  readonly next?: string | undefined;
  readonly dateAddedFirst?: string | undefined;
  readonly dateAddedLast?: string | undefined;
}

export const DEFAULT_CLIENT_RETRIES = 6;
const DEFAULT_BASE_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;

function authorization(c: TaxiiCredentials | undefined): string | undefined {
  if (!c) return undefined;
  if ('token' in c) return `Bearer ${c.token}`;
  return `Basic ${Buffer.from(`${c.user}:${c.password}`, 'utf8').toString('base64')}`;
}

function retryAfterMs(h: string | null): number | undefined {
  if (h === null) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

export class TaxiiClient {
  readonly collectionUrl: string;
  readonly #o: TaxiiClientOptions;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(o: TaxiiClientOptions) {
    const root = o.apiRoot.endsWith('/') ? o.apiRoot : `${o.apiRoot}/`;
    this.collectionUrl = new URL(`collections/${encodeURIComponent(o.collection)}/`, root).toString();
    this.#o = o;
    this.#fetch = o.fetch ?? fetch;
    this.#sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** One page of `objects/` with the given filters (all versions unless match[version] says otherwise). */
  async getObjects(params: {
    addedAfter?: string | undefined;
    next?: string | undefined;
    limit?: number;
    matchVersion?: string;
  }): Promise<RemotePage> {
    const url = new URL('objects/', this.collectionUrl);
    if (params.addedAfter) url.searchParams.set('added_after', params.addedAfter);
    if (params.next) url.searchParams.set('next', params.next);
    if (params.limit) url.searchParams.set('limit', String(params.limit));
    url.searchParams.set('match[version]', params.matchVersion ?? 'all');
    const res = await this.#request('GET', url.toString());
    const body = (await this.#json(res)) as { objects?: unknown; more?: unknown; next?: unknown };
    const objects = Array.isArray(body.objects) ? (body.objects as Record<string, unknown>[]) : [];
    return {
      objects,
      more: body.more === true,
      next: typeof body.next === 'string' ? body.next : undefined,
      dateAddedFirst: res.headers.get('x-taxii-date-added-first') ?? undefined,
      dateAddedLast: res.headers.get('x-taxii-date-added-last') ?? undefined,
    };
  }

  /** POSTs an envelope; returns the status resource. A 422 (nothing accepted) throws TAXII_REMOTE_ERROR. */
  async postObjects(objects: readonly unknown[]): Promise<TaxiiStatus> {
    const res = await this.#request(
      'POST',
      new URL('objects/', this.collectionUrl).toString(),
      JSON.stringify({ objects }),
    );
    return (await this.#json(res)) as TaxiiStatus;
  }

  async #json(res: Response): Promise<unknown> {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new TaxiiError(
        'TAXII_REMOTE_ERROR',
        `${this.collectionUrl} answered ${res.status} with a body that is not JSON`,
      );
    }
  }

  async #request(method: 'GET' | 'POST', url: string, body?: string): Promise<Response> {
    const max = this.#o.maxRetries ?? DEFAULT_CLIENT_RETRIES;
    const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
    const auth = authorization(this.#o.credentials);
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = TAXII_MEDIA_TYPE;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let wait: number | undefined;
      try {
        const res = await this.#fetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
        if (res.ok) return res;
        if (res.status !== 429 && res.status < 500) throw await this.#remoteError(res, method, url);
        reason = `HTTP ${res.status}`;
        wait = retryAfterMs(res.headers.get('retry-after'));
        await res.body?.cancel().catch(() => {});
      } catch (e) {
        if (e instanceof TaxiiError) throw e;
        reason = (e as Error).message;
      }
      if (attempt >= max) {
        throw new TaxiiError(
          'TAXII_REMOTE_UNREACHABLE',
          `${method} ${url} failed after ${attempt + 1} attempts: ${reason}`,
          { details: { url, attempts: attempt + 1 } },
        );
      }
      const base = this.#o.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
      const cap = this.#o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
      // Full jitter would make tests flaky; half fixed, half jitter keeps retries spread anyway.
      const expo = Math.min(cap, base * 2 ** attempt);
      const delayMs = Math.min(cap, wait ?? Math.round(expo / 2 + (Math.random() * expo) / 2));
      this.#o.onRetry?.({ attempt: attempt + 1, delayMs, reason });
      await this.#sleep(delayMs);
    }
  }

  async #remoteError(res: Response, method: string, url: string): Promise<TaxiiError> {
    let description = '';
    let code = '';
    try {
      const b = JSON.parse(await res.text()) as Record<string, unknown>;
      description = String(b['description'] ?? b['detail'] ?? b['title'] ?? '');
      code = String(b['error_code'] ?? b['code'] ?? '');
    } catch {
      // not a TAXII error body; the status says enough
    }
    return new TaxiiError(
      'TAXII_REMOTE_ERROR',
      `${method} ${url}: HTTP ${res.status}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`,
      {
        details: { url, status: res.status, ...(code ? { remoteCode: code } : {}) },
      },
    );
  }
}
