import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client of a Fastify app over `inject`: keeps cookies (dropping those cleared
 * with Max-Age=0) and echoes the CSRF cookie in the header. The over-HTTP twin is `ApiSession`.
 */
export class InjectSession {
  readonly jar = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  /** `opts.csrf`: the header to send instead of the cookie's value; `null` sends none. */
  async req(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    opts: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = this.cookieHeader();
    const csrf = opts.csrf === undefined ? this.jar.get('parley_csrf') : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const raw = res.headers['set-cookie'];
    for (const c of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      if (/Max-Age=0/.test(c)) this.jar.delete(name);
      else this.jar.set(name, decodeURIComponent(pair!.slice(i + 1)));
    }
    return res;
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  /** Fetches a CSRF cookie first if it has none, then signs in; answers the login response. */
  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    if (!this.jar.has('parley_csrf')) await this.req('GET', '/api/v1/auth/me');
    return this.req('POST', '/api/v1/auth/login', { username, password });
  }
}
