import type { FastifyInstance } from 'fastify';
import type { UsersService } from '../../../service/users/index.js';
import { accessErrors, asAccessProblem, requireRole } from '../../plugins/session.js';
import { userOut } from './auth.js';

interface NewUserBody {
  username: string;
  role: 'viewer' | 'analyst' | 'admin';
  password: string;
}

const auditSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    action: { type: 'string' },
    subject: { type: 'string' },
    detail: { type: 'string', description: 'JSON text with context, when any' },
  },
  required: ['id', 'at', 'actor', 'action', 'subject'],
} as const;

interface UserChangeBody {
  role?: 'viewer' | 'analyst' | 'admin';
  disabled?: boolean;
}

/** GET/POST /api/v1/users, PATCH /api/v1/users/{id} and GET /api/v1/audit: admin only. */
export function usersRoutes(app: FastifyInstance, users: UsersService): void {
  app.get(
    '/api/v1/users',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Local accounts (admin)',
        tags: ['users'],
        response: {
          200: {
            type: 'object',
            properties: { users: { type: 'array', items: { $ref: 'User#' } } },
            required: ['users'],
          },
          ...accessErrors,
        },
      },
    },
    async () => ({ users: (await users.listUsers()).map(userOut) }),
  );

  app.post<{ Body: NewUserBody }>(
    '/api/v1/users',
    {
      bodyLimit: 4096,
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Create a local account (admin)',
        tags: ['users'],
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 2, maxLength: 64 },
            role: { type: 'string', enum: ['viewer', 'analyst', 'admin'] },
            password: { type: 'string', minLength: 10, maxLength: 1024 },
          },
          required: ['username', 'role', 'password'],
          additionalProperties: false,
        },
        response: {
          201: { $ref: 'User#' },
          400: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          ...accessErrors,
        },
      },
    },
    async (req, reply) => {
      const u = await users
        .addUser(req.body, req.sessionUser!.username)
        .catch((e: unknown) => asAccessProblem(e));
      return reply.status(201).send(userOut(u));
    },
  );

  app.patch<{ Params: { id: string }; Body: UserChangeBody }>(
    '/api/v1/users/:id',
    {
      bodyLimit: 1024,
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Change an account: its role, or disable or enable it (admin)',
        description:
          "Disabling ends the account's sessions. Refused with 409 LAST_ADMIN when no enabled administrator would be left. Audited as user.role, user.disable, user.enable.",
        tags: ['users'],
        params: {
          type: 'object',
          properties: { id: { type: 'string', format: 'uuid' } },
          required: ['id'],
        },
        body: {
          type: 'object',
          properties: {
            role: { type: 'string', enum: ['viewer', 'analyst', 'admin'] },
            disabled: { type: 'boolean' },
          },
          minProperties: 1,
          additionalProperties: false,
        },
        response: {
          200: { $ref: 'User#' },
          400: { $ref: 'Problem#' },
          404: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          ...accessErrors,
        },
      },
    },
    async (req) => {
      const u = await users
        .updateUser(req.params.id, req.body, req.sessionUser!.username)
        .catch((e: unknown) => asAccessProblem(e));
      return userOut(u);
    },
  );

  app.get<{ Querystring: { limit: number; before?: number } }>(
    '/api/v1/audit',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Who did what: the audit trail, newest first (admin)',
        tags: ['users'],
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            before: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { records: { type: 'array', items: auditSchema }, next_before: { type: 'integer' } },
            required: ['records'],
          },
          ...accessErrors,
        },
      },
    },
    async (req) => {
      const records = await users.listAudit(req.query.limit, req.query.before);
      const last = records[records.length - 1];
      return { records, ...(records.length === req.query.limit && last ? { next_before: last.id } : {}) };
    },
  );
}
