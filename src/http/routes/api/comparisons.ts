import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../../../core/errors.js';
import {
  PSI_LIST_KINDS,
  PSI_MODES,
  PSI_SUITES,
  type PsiListKind,
  type PsiMode,
  type PsiSuite,
} from '../../../core/psi/index.js';
import {
  COMPARISON_STATES,
  prepareList,
  type ComparisonService,
  type ListFormat,
} from '../../../service/psi/index.js';
import { accessErrors, requireRole } from '../../plugins/session.js';

/**
 * /api/v1/comparisons: the UI's private list comparison page. Start an offer, accept or refuse
 * the other side's, follow its progress, read what this side learnt. Lists come in the request
 * body as CSV or JSON text and stay in the node's memory; they never reach a log or a response
 * other than this side's own result.
 */

/** Lists of 100,000 persons as CSV are a few MB. */
const LIST_BODY_LIMIT = 64 * 1024 * 1024;

const idParam = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
  required: ['id'],
} as const;
const listFields = {
  format: { type: 'string', enum: ['csv', 'json'], default: 'csv' },
  list: {
    type: 'string',
    maxLength: LIST_BODY_LIMIT,
    description: 'the list, as CSV (with a header row) or JSON text',
  },
} as const;

const statusSchema = {
  $id: 'ComparisonStatus',
  type: 'object',
  properties: {
    id: { type: 'string' },
    channel: { type: 'string' },
    role: { type: 'string', enum: ['initiator', 'responder'] },
    initiator: { type: 'string' },
    responder: { type: 'string' },
    kind: { type: 'string', enum: PSI_LIST_KINDS },
    mode: { type: 'string', enum: PSI_MODES },
    suite: { type: 'string' },
    state: { type: 'string', enum: COMPARISON_STATES },
    initiatorSize: { type: 'integer' },
    responderSize: { type: 'integer' },
    created: { type: 'string' },
    expires: { type: 'string' },
    offerHash: { type: 'string' },
    held: {
      type: 'boolean',
      description: 'this node holds the secret and the list and can carry the comparison on',
    },
    progress: {
      type: 'object',
      properties: { sent: { type: 'integer' }, received: { type: 'integer' }, total: { type: 'integer' } },
      required: ['sent', 'received'],
    },
    overlap: { type: 'integer' },
    peerOverlap: { type: 'integer' },
    reason: { type: 'string' },
  },
  required: [
    'id',
    'channel',
    'initiator',
    'responder',
    'kind',
    'mode',
    'suite',
    'state',
    'initiatorSize',
    'created',
    'expires',
    'offerHash',
    'held',
    'progress',
  ],
} as const;

const matchSchema = {
  type: 'object',
  properties: {
    entry: { type: 'integer' },
    label: { type: 'string' },
    status: { type: 'string', enum: ['match', 'needs-review'] },
  },
  required: ['entry', 'label', 'status'],
} as const;

const resultSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    state: { type: 'string', enum: COMPARISON_STATES },
    kind: { type: 'string' },
    mode: { type: 'string' },
    overlap: { type: 'integer' },
    matches: { type: 'array', items: matchSchema },
    review: {
      type: 'array',
      items: matchSchema,
      description: 'matches on loose name keys only: a person must check them',
    },
    learnsNothing: { type: 'boolean' },
  },
  required: ['id', 'state', 'kind', 'mode', 'learnsNothing'],
} as const;

const problems = {
  400: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  ...accessErrors,
} as const;

function notFound(id: string): ParleyError {
  return new ParleyError('NOT_FOUND', `no comparison ${id}`);
}

export function comparisonRoutes(app: FastifyInstance, comparisons: ComparisonService): void {
  app.addSchema(statusSchema);
  const analyst = requireRole('analyst');
  // The list and a status hold parameters and progress, never an entry: every role may read them.
  // A result holds this party's own entries (names of detained persons): analysts only.
  const viewer = requireRole('viewer');
  const tags = ['comparisons'];

  app.get<{ Querystring: { channel?: string } }>(
    '/api/v1/comparisons',
    {
      preHandler: viewer,
      schema: {
        summary: 'Private list comparisons this node has seen, newest first',
        tags,
        querystring: { type: 'object', properties: { channel: { type: 'string' } } },
        response: {
          200: {
            type: 'object',
            properties: { comparisons: { type: 'array', items: { $ref: 'ComparisonStatus#' } } },
            required: ['comparisons'],
          },
          ...accessErrors,
        },
      },
    },
    async (req) => ({
      comparisons: comparisons.list(req.query.channel ? { channel: req.query.channel } : {}),
    }),
  );

  app.post<{
    Body: {
      channel: string;
      kind: PsiListKind;
      mode?: PsiMode;
      suite?: PsiSuite;
      responder?: string;
      format: ListFormat;
      list: string;
    };
  }>(
    '/api/v1/comparisons',
    {
      preHandler: analyst,
      bodyLimit: LIST_BODY_LIMIT,
      schema: {
        summary:
          'Offer a comparison of a list in a channel (the exchange starts when the other side accepts)',
        tags,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['channel', 'kind', 'list'],
          properties: {
            channel: { type: 'string', minLength: 1 },
            kind: { type: 'string', enum: PSI_LIST_KINDS },
            mode: { type: 'string', enum: PSI_MODES },
            suite: { type: 'string', enum: PSI_SUITES },
            responder: {
              type: 'string',
              description: 'the member to compare with; by default the channel’s only other member',
            },
            ...listFields,
          },
        },
        response: { 201: { $ref: 'ComparisonStatus#' }, ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const list = prepareList(b.kind, b.list, b.format);
      const s = await comparisons.offer({
        channel: b.channel,
        list,
        ...(b.mode && { mode: b.mode }),
        ...(b.suite && { suite: b.suite }),
        ...(b.responder && { responder: b.responder }),
      });
      await req.auditAs('comparison.offer', s.id, { channel: s.channel, kind: s.kind, mode: s.mode });
      return reply.status(201).send(s);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/comparisons/:id',
    {
      preHandler: viewer,
      schema: {
        summary: 'A comparison’s state and progress',
        tags,
        params: idParam,
        response: { 200: { $ref: 'ComparisonStatus#' }, ...problems },
      },
    },
    async (req) => comparisons.status(req.params.id) ?? Promise.reject(notFound(req.params.id)),
  );

  app.post<{ Params: { id: string }; Body: { format: ListFormat; list: string } }>(
    '/api/v1/comparisons/:id/accept',
    {
      preHandler: analyst,
      bodyLimit: LIST_BODY_LIMIT,
      schema: {
        summary: 'Accept the other side’s offer with this side’s list',
        tags,
        params: idParam,
        body: { type: 'object', additionalProperties: false, required: ['list'], properties: listFields },
        response: { 200: { $ref: 'ComparisonStatus#' }, ...problems },
      },
    },
    async (req) => {
      const s = comparisons.status(req.params.id);
      if (!s) throw notFound(req.params.id);
      const out = await comparisons.accept(s.id, prepareList(s.kind, req.body.list, req.body.format));
      await req.auditAs('comparison.accept', s.id, { channel: s.channel });
      return out;
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } }>(
    '/api/v1/comparisons/:id/refuse',
    {
      preHandler: analyst,
      schema: {
        summary: 'Refuse the other side’s offer, on the record',
        tags,
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { reason: { type: 'string', maxLength: 2000 } },
        },
        response: { 200: { $ref: 'ComparisonStatus#' }, ...problems },
      },
    },
    async (req) => {
      if (!comparisons.status(req.params.id)) throw notFound(req.params.id);
      const out = await comparisons.refuse(req.params.id, req.body?.reason);
      await req.auditAs('comparison.refuse', req.params.id);
      return out;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/comparisons/:id/abort',
    {
      preHandler: analyst,
      schema: {
        summary: 'Abort a comparison this node runs; its secret is erased',
        tags,
        params: idParam,
        response: { 200: { $ref: 'ComparisonStatus#' }, ...problems },
      },
    },
    async (req) => {
      const out = await comparisons.abort(req.params.id);
      if (!out) throw notFound(req.params.id);
      await req.auditAs('comparison.abort', req.params.id);
      return out;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/comparisons/:id/result',
    {
      preHandler: analyst,
      schema: {
        summary: 'What this side learnt: its own entries in the overlap, and those that need review',
        tags,
        params: idParam,
        response: { 200: resultSchema, ...problems },
      },
    },
    async (req) => comparisons.result(req.params.id) ?? Promise.reject(notFound(req.params.id)),
  );
}
