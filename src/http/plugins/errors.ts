import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '../../core/errors.js';

/** The base of the stable `type` URIs of RFC 9457 problem details, one per code. */
export const PROBLEM_TYPE_BASE = 'https://parley.invalid/problems/';

/** The one place that maps error codes to HTTP statuses. Unlisted codes of a ParleyError are 400. */
const STATUS_BY_CODE: Record<string, number> = {
  ENVELOPE_TOO_LARGE: 413,
  BATCH_TOO_LARGE: 413,
  FEDERATION_UNAUTHENTICATED: 401,
  REPLAYED_REQUEST: 401,
  RATE_LIMITED: 429,
  UNKNOWN_AUTHOR: 403,
  NOT_A_MEMBER: 403,
  TLP_FORBIDS: 403,
  NOT_FOUND: 404,
  PSI_STATE_INVALID: 409,
  PSI_SUITE_UNAVAILABLE: 503,
  SEQ_CONFLICT: 409,
  DUPLICATE_ENTRY: 409,
  KEY_EXISTS: 409,
  STORE_UNAVAILABLE: 503,
  NODE_MISSING: 500,
  STORE_CORRUPT: 500,
  MIGRATION_FAILED: 500,
  TAXII_UNAUTHORIZED: 401,
  TAXII_FORBIDDEN: 403,
  TAXII_NOT_FOUND: 404,
  COLLECTION_NOT_FOUND: 404,
  TAXII_NOT_ACCEPTABLE: 406,
  TAXII_TOO_LARGE: 413,
  TAXII_UNSUPPORTED_MEDIA_TYPE: 415,
  TAXII_OBJECTS_REJECTED: 422,
  TAXII_REMOTE_ERROR: 502,
  TAXII_REMOTE_UNREACHABLE: 502,
};

/** Fastify's own errors, as TAXII codes (TAXII routes answer with TAXII codes only). */
const TAXII_CODE_BY_FASTIFY_CODE: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'TAXII_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'TAXII_ENVELOPE_INVALID',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'TAXII_ENVELOPE_INVALID',
  FST_ERR_CTP_EMPTY_TYPE: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
};

/** The TAXII 2.1 media type, repeated here so that this plugin does not import the TAXII service. */
const TAXII_CONTENT_TYPE = 'application/taxii+json;version=2.1';

/** TAXII 2.1 §3.6.1 error message. */
export interface TaxiiErrorMessage {
  title: string;
  description?: string;
  error_id: string;
  error_code: string;
  http_status: string;
  details?: Record<string, unknown>;
}

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

function isFastifyClientError(err: Error): err is Error & { statusCode: number; code: string } {
  const e = err as { statusCode?: unknown; code?: unknown };
  return (
    typeof e.code === 'string' &&
    e.code.startsWith('FST_') &&
    typeof e.statusCode === 'number' &&
    e.statusCode >= 400 &&
    e.statusCode < 500
  );
}

/** The status and stable code of any error a route can throw. */
function classify(err: FastifyError | Error): { status: number; code: string } {
  let status: number;
  let code: string;
  if (err instanceof ParleyError) {
    code = err.code;
    status = STATUS_BY_CODE[code] ?? 400;
  } else if (isFastifyClientError(err)) {
    // Checked before RangeError: Fastify makes some of its 4xx errors RangeErrors (body too large).
    status = err.statusCode;
    code = err.code.replace(/^FST_ERR_CTP_/, '');
  } else if (err instanceof RangeError) {
    code = 'OUT_OF_RANGE';
    status = 400;
  } else if ('validation' in err && err.validation) {
    code = 'REQUEST_INVALID';
    status = 400;
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    code = (('code' in err && typeof err.code === 'string' ? err.code : '') || 'REQUEST_INVALID').replace(
      /^FST_ERR_CTP_/,
      '',
    );
  } else {
    status = 500;
    code = 'INTERNAL';
  }
  return { status, code };
}

function taxiiCodeOf(err: FastifyError | Error, code: string, status: number): string {
  const fst =
    'code' in err && typeof err.code === 'string' ? TAXII_CODE_BY_FASTIFY_CODE[err.code] : undefined;
  if (fst) return fst;
  if (code.startsWith('TAXII_')) return code;
  if (code === 'COLLECTION_NOT_FOUND') return 'TAXII_NOT_FOUND';
  if (status === 400) return 'TAXII_FILTER_INVALID';
  return code;
}

function sendTaxiiError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  description: string | undefined,
  details?: Readonly<Record<string, unknown>>,
): void {
  const body: TaxiiErrorMessage = {
    title: code
      .replace(/^TAXII_/, '')
      .replace(/_/g, ' ')
      .toLowerCase(),
    ...(description ? { description } : {}),
    error_id: String(req.id),
    error_code: code,
    http_status: String(status),
    ...(details ? { details: { ...details } } : {}),
  };
  if (status === 401) void reply.header('www-authenticate', 'Basic realm="TAXII", Bearer realm="TAXII"');
  void reply
    .status(status)
    .header('content-type', TAXII_CONTENT_TYPE)
    .send(Buffer.from(JSON.stringify(body), 'utf8'));
}

/**
 * TAXII routes (registered in their own scope) answer errors as TAXII 2.1 error messages
 * (§3.6.1, `application/taxii+json;version=2.1`) with the same code-to-status map.
 */
export function registerTaxiiErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const { status, code } = classify(err);
    const taxiiCode = taxiiCodeOf(err, code, status);
    if (status >= 500) req.log.error({ err, code }, 'taxii request failed');
    else req.log.info({ code: taxiiCode, msg: err.message }, 'taxii request refused');
    const details = err instanceof ParleyError ? err.details : undefined;
    sendTaxiiError(
      req,
      reply,
      status,
      taxiiCode,
      status < 500 ? err.message : undefined,
      status < 500 ? details : undefined,
    );
  });
  scope.setNotFoundHandler((req, reply) => {
    sendTaxiiError(
      req,
      reply,
      404,
      'TAXII_NOT_FOUND',
      `no TAXII endpoint ${req.method} ${req.url.split('?')[0]}`,
    );
  });
}

/**
 * Answers every error as RFC 9457 problem details. 4xx bodies carry the message; 5xx bodies
 * stay generic and the log keeps the rest.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const { status, code } = classify(err);
    if (status >= 500) req.log.error({ err, code }, 'request failed');
    else req.log.info({ code, msg: err.message }, 'request refused');
    // RFC 9110 §10.2.3: a client told to slow down (429, 503) learns when to come back.
    const retryAfter = err instanceof ParleyError ? err.details?.retryAfterSeconds : undefined;
    if ((status === 429 || status === 503) && typeof retryAfter === 'number')
      void reply.header('retry-after', String(retryAfter));
    void reply
      .status(status)
      .type('application/problem+json')
      .send(problem(req, status, code, status < 500 ? err.message : undefined));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send(problem(req, 404, 'NOT_FOUND', `no route ${req.method} ${req.url}`));
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
