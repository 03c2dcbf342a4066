import type { FastifyInstance } from 'fastify';
import type { CheckpointFacts } from '../../../service/log-proofs.js';
import type { NodeService } from '../../../service/node-service.js';
import { accessErrors, requireRole } from '../../plugins/session.js';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const check = (extra: Record<string, unknown> = {}) =>
  ({
    type: 'object',
    required: ['result'],
    properties: {
      result: { enum: ['verified', 'failed', 'not-applicable'] },
      code: str,
      message: str,
      ...extra,
    },
  }) as const;
const checkpoint = {
  type: 'object',
  properties: {
    size: int,
    root_hash: { ...str, description: 'base64' },
    created_at: str,
    signers: { type: 'array', items: str },
  },
} as const;

/**
 * GET /api/v1/verify/proofs: for every log, its latest checkpoint and the proofs a reader relies
 * on, checked by this node now (service/log-proofs.ts). Read-only and O(log n) per log, so the
 * Verification page can show it on every visit; POST /api/v1/verify remains the full reread.
 */
export function logProofsRoutes(app: FastifyInstance, node: NodeService): void {
  app.get(
    '/api/v1/verify/proofs',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags: ['verification'],
        summary:
          'Per log: the latest checkpoint (signers, size, root) and the results of checking its signature, the inclusion of its last entry and its consistency with the previous checkpoint',
        response: {
          200: {
            type: 'object',
            properties: {
              logs: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    channel: str,
                    author: str,
                    size: int,
                    latest: checkpoint,
                    previous: checkpoint,
                    signature: check(),
                    inclusion: check({ index: int }),
                    consistency: check({ from: int, to: int }),
                  },
                },
              },
            },
          },
          ...accessErrors,
        },
      },
    },
    async () => {
      const cp = (c: CheckpointFacts | undefined) =>
        c && { size: c.size, root_hash: c.rootHash, created_at: c.createdAt, signers: c.signers };
      const logs = (await node.logProofs()).map((r) => ({
        ...r,
        latest: cp(r.latest),
        previous: cp(r.previous),
      }));
      return { logs };
    },
  );
}
