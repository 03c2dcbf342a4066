import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toBase64, toHex } from '../../../core/bytes/index.js';
import { CHANNEL_ID_RE, PARTY_ID_RE } from '../../../core/envelope/index.js';
import { ParleyError, PolicyError } from '../../../core/errors.js';
import type { DialogueService } from '../../../service/dialogue/dialogue-service.js';
import type { NodeService } from '../../../service/node-service.js';
import { federationAddressLimit, federationAuth } from '../../plugins/federation-auth.js';
import type { FederationLimits } from '../../plugins/federation-limits.js';
import { NotFoundError } from '../../plugins/errors.js';

/** Envelopes per inbox POST; larger batches are refused with 413 so that one request stays bounded. */
export const MAX_INBOX_BATCH = 1000;

class BatchTooLarge extends ParleyError<'BATCH_TOO_LARGE'> {}

const logParams = {
  type: 'object',
  properties: {
    channel: { type: 'string', pattern: CHANNEL_ID_RE.source },
    author: { type: 'string', pattern: PARTY_ID_RE.source },
  },
  required: ['channel', 'author'],
} as const;
const size = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const errors = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  413: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
};

interface LogParams {
  channel: string;
  author: string;
}

export interface FederationRouteOptions {
  readonly node: NodeService;
  readonly dialogue: DialogueService;
  readonly publicUrl: string | undefined;
  readonly bodyLimit: number;
  /** Federation rate limits; unset ones take DEFAULT_FEDERATION_LIMITS. */
  readonly limits?: Partial<FederationLimits>;
}

/**
 * The federation API between nodes: the inbox, and reads of logs, checkpoints and proofs. Every
 * request is signed by a channel member (RFC 9421); reads of a channel's logs are answered only
 * to that channel's members.
 */
export async function federationRoutes(app: FastifyInstance, opts: FederationRouteOptions): Promise<void> {
  // Keep the raw bytes: the signature covers their Content-Digest.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: opts.bodyLimit },
    (req, body, done) => {
      (req as FastifyRequest).rawBody = body as Buffer;
      try {
        done(null, (body as Buffer).length ? JSON.parse((body as Buffer).toString('utf8')) : undefined);
      } catch (e) {
        const err = e as Error & { statusCode?: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    },
  );
  app.addHook('onRequest', federationAddressLimit(opts.limits));
  app.addHook(
    'preHandler',
    federationAuth({
      dialogue: opts.dialogue,
      publicUrl: opts.publicUrl,
      ...(opts.limits ? { limits: opts.limits } : {}),
    }),
  );

  const member = async (req: FastifyRequest<{ Params: LogParams }>): Promise<void> => {
    if (!(await opts.dialogue.isMemberOf(req.peer!, req.params.channel))) {
      throw new PolicyError('NOT_A_MEMBER', `${req.peer} is not a member of ${req.params.channel}`);
    }
  };

  app.post<{ Body: { envelopes: string[]; checkpoint?: string } }>(
    '/federation/v1/inbox',
    {
      bodyLimit: opts.bodyLimit,
      schema: {
        summary:
          'Deliver a batch of envelopes; answers per-envelope results and the receipts appended for them',
        tags: ['federation'],
        body: {
          type: 'object',
          required: ['envelopes'],
          properties: {
            envelopes: { type: 'array', items: { type: 'string' } },
            // The sender's signed checkpoint of its own log at the end of the batch: the
            // receiver verifies it and quotes it in its receipt (docs/protocol.md, Receipts).
            checkpoint: { type: 'string', maxLength: 10_000 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    hash: { type: 'string' },
                    status: { type: 'string' },
                    code: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
              receipts: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      if (req.body.envelopes.length > MAX_INBOX_BATCH)
        throw new BatchTooLarge(
          'BATCH_TOO_LARGE',
          `at most ${MAX_INBOX_BATCH} envelopes per request, got ${req.body.envelopes.length}`,
        );
      const enc = new TextEncoder();
      return opts.dialogue.receive(
        req.peer!,
        req.body.envelopes.map((e) => enc.encode(e)),
        req.body.checkpoint,
      );
    },
  );

  app.get<{ Params: LogParams; Querystring: { from: number; limit: number } }>(
    '/federation/v1/logs/:channel/:author/entries',
    {
      preHandler: member,
      schema: {
        summary: 'Envelopes of a log from seq `from` (catch-up)',
        tags: ['federation'],
        params: logParams,
        querystring: {
          type: 'object',
          properties: {
            from: { ...size, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    seq: { type: 'integer' },
                    hash: { type: 'string' },
                    envelope: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const rows = await opts.node.entries(req.params, req.query.from, req.query.limit);
      return {
        entries: rows.map((r) => ({
          seq: r.seq,
          hash: toHex(r.hash),
          envelope: Buffer.from(r.bytes).toString('utf8'),
        })),
      };
    },
  );

  app.get<{ Params: LogParams }>(
    '/federation/v1/logs/:channel/:author/checkpoint',
    {
      preHandler: member,
      schema: {
        summary: "The latest signed checkpoint of a log (the author's own, or the latest verified copy)",
        tags: ['federation'],
        params: logParams,
        response: {
          200: {
            type: 'object',
            properties: {
              size: { type: 'integer' },
              root_hash: { type: 'string' },
              note: { type: 'string' },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const cp = await opts.node.latestCheckpoint(req.params);
      if (!cp) throw new NotFoundError(`checkpoint of ${req.params.channel}/${req.params.author}`);
      return { size: cp.size, root_hash: toBase64(cp.rootHash), note: cp.note };
    },
  );

  app.get<{ Params: LogParams; Querystring: { from: number; to: number } }>(
    '/federation/v1/logs/:channel/:author/proof/consistency',
    {
      preHandler: member,
      schema: {
        summary: 'RFC 9162 consistency proof between tree sizes',
        tags: ['federation'],
        params: logParams,
        querystring: { type: 'object', properties: { from: size, to: size }, required: ['from', 'to'] },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: 'integer' },
              to: { type: 'integer' },
              proof: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await opts.node.logs.consistencyProof(req.params, req.query.from, req.query.to);
      return { from: p.size1, to: p.size2, proof: p.proof.map(toBase64) };
    },
  );

  app.get<{ Params: LogParams; Querystring: { index: number; size: number } }>(
    '/federation/v1/logs/:channel/:author/proof/inclusion',
    {
      preHandler: member,
      schema: {
        summary: 'RFC 9162 inclusion proof',
        tags: ['federation'],
        params: logParams,
        querystring: { type: 'object', properties: { index: size, size }, required: ['index', 'size'] },
        response: {
          200: {
            type: 'object',
            properties: {
              index: { type: 'integer' },
              size: { type: 'integer' },
              leaf_hash: { type: 'string' },
              proof: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await opts.node.logs.inclusionProof(req.params, req.query.index, req.query.size);
      return { index: p.index, size: p.size, leaf_hash: toBase64(p.leafHash), proof: p.proof.map(toBase64) };
    },
  );
}
