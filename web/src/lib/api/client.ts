/**
 * A thin typed client for the node's JSON API (described at /openapi.json; the shapes are in
 * ./types.ts). Cookies carry the session; every state-changing request echoes the CSRF token.
 * Errors are handled here once: every failure becomes an ApiError holding a ProblemView.
 */
import { ApiError, problemFrom } from './problem';

const CSRF_COOKIE = 'parley_csrf';
let csrfToken: string | undefined;
const unauthorisedListeners = new Set<() => void>();

/** Remembers the session's CSRF token (from login or /auth/me). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function csrfFromCookie(): string | undefined {
  const m = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return m ? decodeURIComponent(m.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** Called when any request answers 401: the session has ended. */
export function onUnauthorised(fn: () => void): () => void {
  unauthorisedListeners.add(fn);
  return () => unauthorisedListeners.delete(fn);
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Do not broadcast a 401 (login and the first /auth/me). */
  readonly quiet401?: boolean;
  /** A request no person asked for (live-update polls): the node does not count it as activity. */
  readonly background?: boolean;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  o: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (o.background) headers['x-parley-background'] = '1';
  if (method !== 'GET') {
    const t = csrfToken ?? csrfFromCookie();
    if (t) headers['x-csrf-token'] = t;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(problemFrom(0, { title: 'network error', detail: String(e) }));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && !o.quiet401) for (const fn of unauthorisedListeners) fn();
    throw new ApiError(problemFrom(res.status, parsed));
  }
  return parsed as T;
}

export const get = <T>(path: string, o?: RequestOptions): Promise<T> => request<T>('GET', path, undefined, o);
export const post = <T>(path: string, body: unknown, o?: RequestOptions): Promise<T> =>
  request<T>('POST', path, body, o);
export const patch = <T>(path: string, body: unknown, o?: RequestOptions): Promise<T> =>
  request<T>('PATCH', path, body, o);

/** Path segment encoding for ids such as `channel--…` and `identity--…`. */
export const seg = (s: string): string => encodeURIComponent(s);
