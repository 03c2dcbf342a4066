import type { FastifyInstance } from 'fastify';
import { toBase64 } from '../../core/bytes/index.js';
import { CHANNEL_ID_RE, PARTY_ID_RE } from '../../core/envelope/index.js';
import type { CheckpointRecord, LogHead } from '../../service/node-service.js';
import type { NodeService } from '../../service/node-service.js';
import { NotFoundError } from '../plugins/errors.js';

const logParams = {
  type: 'object',
  properties: {
    channel: { type: 'string', pattern: CHANNEL_ID_RE.source },
    author: { type: 'string', pattern: PARTY_ID_RE.source },
  },
  required: ['channel', 'author'],
} as const;

const headSchema = {
  type: 'object',
  properties: {
    channel: { type: 'string' },
    author: { type: 'string' },
    size: { type: 'integer' },
    root_hash: { type: 'string', description: 'base64 RFC 9162 root hash' },
  },
} as const;

const checkpointSchema = {
  type: 'object',
  properties: {
    size: { type: 'integer' },
    root_hash: { type: 'string' },
    note: { type: 'string', description: 'C2SP tlog-checkpoint in a C2SP signed note' },
    created_at: { type: 'string' },
  },
} as const;

const errors = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } };
const size = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

const head = (h: LogHead): Record<string, unknown> => ({
  channel: h.channel,
  author: h.author,
  size: h.size,
  root_hash: toBase64(h.rootHash),
});
const checkpoint = (c: CheckpointRecord): Record<string, unknown> => ({
  size: c.size,
  root_hash: toBase64(c.rootHash),
  note: c.note,
  created_at: c.createdAt,
});

interface LogParams {
  channel: string;
  author: string;
}

/**
 * Read-only, public access to the logs this node holds: heads, signed checkpoints and proofs —
 * hashes only, never contents. Envelopes themselves are served on the federation API, to the
 * channel's members alone.
 */
export function logRoutes(app: FastifyInstance, node: NodeService): void {
  app.get(
    '/v1/logs',
    {
      schema: {
        summary: 'Every log this node holds',
        tags: ['logs'],
        response: { 200: { type: 'object', properties: { logs: { type: 'array', items: headSchema } } } },
      },
    },
    async () => ({ logs: (await node.listLogs()).map(head) }),
  );

  app.get<{ Params: LogParams }>(
    '/v1/logs/:channel/:author',
    {
      schema: {
        summary: 'The head of one log',
        tags: ['logs'],
        params: logParams,
        response: { 200: headSchema, ...errors },
      },
    },
    async (req) => {
      const h = await node.getLogHead(req.params);
      if (!h) throw new NotFoundError(`log ${req.params.channel}/${req.params.author}`);
      return head(h);
    },
  );

  app.get<{ Params: LogParams; Querystring: { size?: number } }>(
    '/v1/logs/:channel/:author/checkpoint',
    {
      schema: {
        summary: 'The latest signed checkpoint (or the one of ?size=). text/plain gives the bare C2SP note.',
        tags: ['logs'],
        params: logParams,
        querystring: { type: 'object', properties: { size } },
        response: { 200: checkpointSchema, ...errors },
      },
    },
    async (req, reply) => {
      const cp =
        req.query.size === undefined
          ? await node.latestCheckpoint(req.params)
          : await node.checkpointAt(req.params, req.query.size);
      if (!cp) throw new NotFoundError(`checkpoint of ${req.params.channel}/${req.params.author}`);
      if (req.headers.accept?.startsWith('text/plain'))
        return reply
          .type('text/plain; charset=utf-8')
          .serializer((x) => String(x))
          .send(cp.note);
      return checkpoint(cp);
    },
  );

  app.get<{ Params: LogParams; Querystring: { limit: number } }>(
    '/v1/logs/:channel/:author/checkpoints',
    {
      schema: {
        summary: 'Stored checkpoints of a log, largest first',
        tags: ['logs'],
        params: logParams,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: {
          200: { type: 'object', properties: { checkpoints: { type: 'array', items: checkpointSchema } } },
          ...errors,
        },
      },
    },
    async (req) => ({
      checkpoints: (await node.listCheckpoints(req.params, req.query.limit)).map(checkpoint),
    }),
  );

  app.get<{ Params: LogParams; Querystring: { index: number; size: number } }>(
    '/v1/logs/:channel/:author/proof/inclusion',
    {
      schema: {
        summary: 'RFC 9162 inclusion proof of entry `index` in the tree of `size`',
        tags: ['logs'],
        params: logParams,
        querystring: { type: 'object', properties: { index: size, size }, required: ['index', 'size'] },
        response: {
          200: {
            type: 'object',
            properties: {
              index: { type: 'integer' },
              size: { type: 'integer' },
              leaf_hash: { type: 'string' },
              root_hash: { type: 'string' },
              proof: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await node.logs.inclusionProof(req.params, req.query.index, req.query.size);
      return {
        index: p.index,
        size: p.size,
        leaf_hash: toBase64(p.leafHash),
        root_hash: toBase64(p.rootHash),
        proof: p.proof.map(toBase64),
      };
    },
  );

  app.get<{ Params: LogParams; Querystring: { from: number; to: number } }>(
    '/v1/logs/:channel/:author/proof/consistency',
    {
      schema: {
        summary: 'RFC 9162 consistency proof between tree sizes `from` <= `to`',
        tags: ['logs'],
        params: logParams,
        querystring: { type: 'object', properties: { from: size, to: size }, required: ['from', 'to'] },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: 'integer' },
              to: { type: 'integer' },
              root1: { type: 'string' },
              root2: { type: 'string' },
              proof: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await node.logs.consistencyProof(req.params, req.query.from, req.query.to);
      return {
        from: p.size1,
        to: p.size2,
        root1: toBase64(p.root1),
        root2: toBase64(p.root2),
        proof: p.proof.map(toBase64),
      };
    },
  );
}
