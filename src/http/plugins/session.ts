/**
 * Sessions for the UI's JSON API (/api/…): the session cookie, CSRF protection and role checks.
 *
 * - `parley_session`: the opaque session token. HttpOnly, SameSite=Strict, Path=/api, and Secure
 *   when the node is reached over TLS (its `http.publicUrl` is https, or the request came over TLS).
 * - `parley_csrf`: the double-submit token, readable by the UI's script. Every state-changing
 *   /api request (not GET/HEAD/OPTIONS) must echo it in `X-CSRF-Token`; with a session, it must
 *   also equal the token bound to that session (so a cookie planted by a sibling subdomain is not
 *   enough). Login, having no session yet, checks header against cookie.
 *
 * Others' /api/v1 routes use `requireRole('analyst')` as a preHandler and `req.auditAs(action, subject)`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import {
  roleAtLeast,
  UserError,
  type PublicUser,
  type UserCode,
  type UserRole,
  type UsersService,
} from '../../service/users/index.js';

export const SESSION_COOKIE = 'parley_session';
export const CSRF_COOKIE = 'parley_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Set to `1` by the UI on requests no person asked for (live-update polls). */
export const BACKGROUND_HEADER = 'x-parley-background';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user of an /api request, when its session is valid. */
    sessionUser: PublicUser | undefined;
    /** The session's CSRF token (undefined without a session). */
    sessionCsrf: string | undefined;
    /** When the session ends at the latest (RFC 3339). */
    sessionExpiresAt: string | undefined;
    /** Records `action` on `subject` in the audit trail, with the signed-in user as the actor. */
    auditAs(action: string, subject: string, detail?: Record<string, unknown>): Promise<void>;
  }
}

/** HTTP status of each access code; errors.ts turns the thrown error into problem details. */
const STATUS: Record<UserCode, number> = {
  USER_EXISTS: 409,
  USER_INVALID: 400,
  LOGIN_FAILED: 401,
  LOGIN_RATE_LIMITED: 429,
  AUTH_REQUIRED: 401,
  ROLE_FORBIDDEN: 403,
  CSRF_INVALID: 403,
  USER_NOT_FOUND: 404,
  LAST_ADMIN: 409,
};

/**
 * An access error as the shared error handler understands it (`statusCode` below 500 and a
 * `code`): it answers RFC 9457 problem details with this status and code.
 */
export class AccessProblem extends Error {
  constructor(
    readonly code: UserCode,
    message: string,
    readonly statusCode: number = STATUS[code],
  ) {
    super(message);
    this.name = 'AccessProblem';
  }
}

/** Re-throws a UserError as an AccessProblem with its status (setting Retry-After when throttled). */
export function asAccessProblem(e: unknown, reply?: FastifyReply): never {
  if (e instanceof UserError) {
    if (e.retryAfterSeconds !== undefined) void reply?.header('retry-after', String(e.retryAfterSeconds));
    throw new AccessProblem(e.code, e.message);
  }
  throw e;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!out.has(k)) {
      try {
        out.set(k, decodeURIComponent(part.slice(i + 1).trim()));
      } catch {
        /* a malformed cookie is ignored */
      }
    }
  }
  return out;
}

export interface CookieOptions {
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly path: string;
  readonly maxAgeSeconds?: number;
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, 'SameSite=Strict'];
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${o.maxAgeSeconds}`);
  return parts.join('; ');
}

function safeEqual(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionOptions {
  /** The node's public URL; an https one makes every cookie Secure. */
  readonly publicUrl?: string | undefined;
}

/** True when cookies must carry Secure for this request. */
export function wantsSecure(req: FastifyRequest, o: SessionOptions): boolean {
  return o.publicUrl?.startsWith('https:') === true || req.protocol === 'https';
}

function isApi(req: FastifyRequest): boolean {
  return req.url === '/api' || req.url.startsWith('/api/');
}

/** Sets the session and CSRF cookies after a login. */
export function setSessionCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  o: SessionOptions,
  token: string,
  csrf: string,
  maxAgeSeconds: number,
): void {
  const secure = wantsSecure(req, o);
  void reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, token, { httpOnly: true, secure, path: '/api', maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, path: '/', maxAgeSeconds }),
  ]);
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply, o: SessionOptions): void {
  const secure = wantsSecure(req, o);
  void reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, path: '/api', maxAgeSeconds: 0 }),
    serializeCookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), {
      httpOnly: false,
      secure,
      path: '/',
    }),
  ]);
}

/**
 * Resolves the session of every /api request and enforces CSRF on state-changing ones. Routes
 * then require a role with `requireRole`.
 */
export function registerSessions(app: FastifyInstance, users: UsersService, o: SessionOptions = {}): void {
  app.decorateRequest('sessionUser', undefined);
  app.decorateRequest('sessionCsrf', undefined);
  app.decorateRequest('sessionExpiresAt', undefined);
  app.decorateRequest(
    'auditAs',
    async function (this: FastifyRequest, action: string, subject: string, detail?: Record<string, unknown>) {
      await users.audit(this.sessionUser?.username ?? 'anonymous', action, subject, detail);
    },
  );

  app.addHook('onRequest', async (req, reply) => {
    if (!isApi(req)) return;
    const cookies = parseCookies(req.headers.cookie);
    const token = cookies.get(SESSION_COOKIE);
    if (token) {
      // The UI's background polls (live updates) do not count as activity: see UsersService.authenticate.
      const s = await users.authenticate(token, { activity: req.headers[BACKGROUND_HEADER] !== '1' });
      if (s) {
        req.sessionUser = s.user;
        req.sessionCsrf = s.csrf;
        req.sessionExpiresAt = s.expiresAt;
      }
    }
    const csrfCookie = cookies.get(CSRF_COOKIE);
    // A client without a CSRF cookie gets one, so that it can log in (double-submit); a
    // signed-in client whose cookie went missing or stale gets its session's token back.
    if (req.sessionCsrf !== undefined ? csrfCookie !== req.sessionCsrf : !csrfCookie) {
      const value = req.sessionCsrf ?? randomBytes(32).toString('base64url');
      void reply.header(
        'set-cookie',
        serializeCookie(CSRF_COOKIE, value, { httpOnly: false, secure: wantsSecure(req, o), path: '/' }),
      );
    }
    if (SAFE_METHODS.has(req.method)) return;
    const header = req.headers[CSRF_HEADER];
    const sent = Array.isArray(header) ? header[0] : header;
    const expected = req.sessionCsrf ?? csrfCookie;
    if (
      !safeEqual(sent, expected) ||
      (req.sessionCsrf !== undefined && !safeEqual(csrfCookie, req.sessionCsrf))
    ) {
      req.log.warn({ event: 'csrf.rejected', url: req.url.split('?')[0] }, 'csrf token missing or wrong');
      throw new AccessProblem(
        'CSRF_INVALID',
        `state-changing requests need the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header`,
      );
    }
  });
}

/**
 * A preHandler that lets through only a signed-in user whose role is at least `role`
 * (viewer < analyst < admin): 401 AUTH_REQUIRED without a session, 403 ROLE_FORBIDDEN otherwise.
 *
 *     app.post('/api/v1/channels/:id/messages', { preHandler: requireRole('analyst'), schema }, handler)
 */
export function requireRole(role: UserRole): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest) => {
    const u = req.sessionUser;
    if (!u) throw new AccessProblem('AUTH_REQUIRED', 'sign in first');
    if (!roleAtLeast(u.role, role))
      throw new AccessProblem('ROLE_FORBIDDEN', `this needs the ${role} role; ${u.username} is ${u.role}`);
  };
}

/** Problem responses every protected route declares (for the OpenAPI document). */
export const accessErrors = {
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
} as const;
