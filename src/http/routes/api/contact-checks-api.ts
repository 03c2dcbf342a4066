import type { FastifyInstance } from 'fastify';
import { PARTY_ID_RE } from '../../../core/envelope/index.js';
import type { DialogueService } from '../../../service/dialogue/dialogue-service.js';
import { accessErrors, requireRole } from '../../plugins/session.js';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;

/**
 * GET /api/v1/contacts/checks/history: each communication check, newest first, paged with the
 * opaque `next` cursor (the aggregate per member stays at /api/v1/contacts/checks).
 */
export function contactChecksRoutes(app: FastifyInstance, dialogue: DialogueService): void {
  app.get<{ Querystring: { party?: string; before?: string; limit: number } }>(
    '/api/v1/contacts/checks/history',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags: ['directory'],
        summary:
          'Communication checks one by one: when sent, by whom, to whom, and the response time or no answer by the deadline',
        querystring: {
          type: 'object',
          properties: {
            party: { type: 'string', pattern: PARTY_ID_RE.source },
            before: { type: 'string', maxLength: 200, description: 'the `next` of the previous page' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              checks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    hash: str,
                    channel: str,
                    seq: int,
                    sent_at: str,
                    from: str,
                    to: str,
                    deadline: str,
                    state: { enum: ['answered', 'awaiting', 'no-answer'] },
                    answered_at: str,
                    response_ms: int,
                    late: { type: 'boolean' },
                  },
                },
              },
              next: str,
            },
          },
          ...accessErrors,
        },
      },
    },
    async (req) => {
      const r = await dialogue.pingHistory({
        limit: req.query.limit,
        ...(req.query.party ? { party: req.query.party } : {}),
        ...(req.query.before ? { before: req.query.before } : {}),
      });
      return {
        checks: r.checks.map((c) => ({
          hash: c.hash,
          channel: c.channel,
          seq: c.seq,
          sent_at: c.sentAt,
          from: c.from,
          to: c.to,
          deadline: c.deadline,
          state: c.state,
          ...(c.answeredAt ? { answered_at: c.answeredAt, response_ms: c.responseMs } : {}),
          ...(c.late ? { late: true } : {}),
        })),
        ...(r.next ? { next: r.next } : {}),
      };
    },
  );
}
