import type { FastifyInstance } from 'fastify';
import type { UsersService } from '../../../service/users/index.js';
import {
  accessErrors,
  asAccessProblem,
  clearSessionCookies,
  parseCookies,
  requireRole,
  SESSION_COOKIE,
  setSessionCookies,
  type SessionOptions,
} from '../../plugins/session.js';

export const userSchema = {
  $id: 'User',
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string', enum: ['viewer', 'analyst', 'admin'] },
    created_at: { type: 'string', format: 'date-time' },
    disabled: { type: 'boolean' },
  },
  required: ['id', 'username', 'role', 'created_at', 'disabled'],
} as const;

const sessionSchema = {
  type: 'object',
  properties: {
    user: { $ref: 'User#' },
    csrf_token: {
      type: 'string',
      description: 'echo in the X-CSRF-Token header of every state-changing request',
    },
    expires_at: { type: 'string', format: 'date-time' },
  },
  required: ['user', 'csrf_token', 'expires_at'],
} as const;

interface LoginBody {
  username: string;
  password: string;
}

export const userOut = (u: {
  id: string;
  username: string;
  role: string;
  createdAt: string;
  disabled: boolean;
}) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  created_at: u.createdAt,
  disabled: u.disabled,
});

/** POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me. */
export function authRoutes(app: FastifyInstance, users: UsersService, o: SessionOptions): void {
  app.post<{ Body: LoginBody }>(
    '/api/v1/auth/login',
    {
      bodyLimit: 4096,
      schema: {
        summary: 'Sign in: sets the session cookie (HttpOnly) and a fresh CSRF cookie',
        description:
          'Needs the parley_csrf cookie echoed in X-CSRF-Token (any /api response sets the cookie). Failed logins are throttled per client address and per username (429 with Retry-After).',
        tags: ['auth'],
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 128 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: {
          200: sessionSchema,
          400: { $ref: 'Problem#' },
          401: { $ref: 'Problem#' },
          403: { $ref: 'Problem#' },
          429: { $ref: 'Problem#' },
        },
      },
    },
    async (req, reply) => {
      const r = await users
        .login({ username: req.body.username, password: req.body.password, ip: req.ip })
        .catch((e: unknown) => asAccessProblem(e, reply));
      const maxAge = Math.max(0, Math.floor((Date.parse(r.expiresAt) - Date.now()) / 1000));
      setSessionCookies(req, reply, o, r.token, r.csrf, maxAge);
      return { user: userOut(r.user), csrf_token: r.csrf, expires_at: r.expiresAt };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Sign out: ends the session',
        tags: ['auth'],
        response: { 204: { type: 'null' }, ...accessErrors },
      },
    },
    async (req, reply) => {
      const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
      if (token) await users.logout(token, req.sessionUser!.username);
      clearSessionCookies(req, reply, o);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'The signed-in user and the session CSRF token',
        tags: ['auth'],
        response: { 200: sessionSchema, ...accessErrors },
      },
    },
    async (req) => {
      return {
        user: userOut(req.sessionUser!),
        csrf_token: req.sessionCsrf!,
        expires_at: req.sessionExpiresAt!,
      };
    },
  );
}
