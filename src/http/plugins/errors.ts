import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '../../core/errors.js';

/** The base of the stable `type` URIs of RFC 9457 problem details, one per code. */
export const PROBLEM_TYPE_BASE = 'https://parley.invalid/problems/';

/** The one place that maps error codes to HTTP statuses. Unlisted codes of a ParleyError are 400. */
const STATUS_BY_CODE: Record<string, number> = {
  ENVELOPE_TOO_LARGE: 413,
  UNKNOWN_AUTHOR: 403,
  NOT_A_MEMBER: 403,
  TLP_FORBIDS: 403,
  NOT_FOUND: 404,
  SEQ_CONFLICT: 409,
  DUPLICATE_ENTRY: 409,
  KEY_EXISTS: 409,
  STORE_UNAVAILABLE: 503,
  NODE_MISSING: 500,
  STORE_CORRUPT: 500,
  MIGRATION_FAILED: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  request_id: string;
}

/** Thrown by routes for a missing resource. */
export class NotFoundError extends ParleyError<'NOT_FOUND'> {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

function problem(req: FastifyRequest, status: number, code: string, detail: string | undefined): Problem {
  return {
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-'),
    title: code.replace(/_/g, ' ').toLowerCase(),
    status,
    ...(detail ? { detail } : {}),
    instance: req.url,
    code,
    request_id: String(req.id),
  };
}

/**
 * Answers every error as RFC 9457 problem details. 4xx bodies carry the message; 5xx bodies
 * stay generic and the log keeps the rest.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    let status: number;
    let code: string;
    if (err instanceof ParleyError) {
      code = err.code;
      status = STATUS_BY_CODE[code] ?? 400;
    } else if (err instanceof RangeError) {
      code = 'OUT_OF_RANGE';
      status = 400;
    } else if ('validation' in err && err.validation) {
      code = 'REQUEST_INVALID';
      status = 400;
    } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      status = err.statusCode;
      code = (('code' in err && typeof err.code === 'string' ? err.code : '') || 'REQUEST_INVALID').replace(/^FST_ERR_CTP_/, '');
    } else {
      status = 500;
      code = 'INTERNAL';
    }
    if (status >= 500) req.log.error({ err, code }, 'request failed');
    else req.log.info({ code, msg: err.message }, 'request refused');
    void reply
      .status(status)
      .type('application/problem+json')
      .send(problem(req, status, code, status < 500 ? err.message : undefined));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).type('application/problem+json').send(problem(req, 404, 'NOT_FOUND', `no route ${req.method} ${req.url}`));
  });
}

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    request_id: { type: 'string' },
  },
  required: ['type', 'title', 'status', 'code'],
} as const;
