import type { FastifyInstance } from 'fastify';
import { UiChanges, type UiChangesStore } from '../../../service/ui-changes.js';
import { accessErrors, requireRole } from '../../plugins/session.js';

const token = { type: 'string', description: 'opaque; compare for equality only' } as const;

/** True when an If-None-Match header names this entity tag (RFC 9110 §13.1.2, weak comparison). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * GET /api/v1/changes: the UI's change tokens (service/ui-changes.ts), so that open pages refresh
 * by themselves. Pages poll it (every few seconds while visible); the answer carries an ETag of
 * the overall version and `Cache-Control: no-cache`, so an unchanged state costs a 304 and no
 * body. The UI marks these polls with `X-Parley-Background: 1`: they do not keep a session alive.
 */
export function uiChangesRoutes(app: FastifyInstance, store: UiChangesStore): void {
  const changes = new UiChanges(store);
  app.get(
    '/api/v1/changes',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags: ['dialogue'],
        summary: 'Change tokens for live pages: overall, per channel and for the alarms',
        description:
          'Poll with If-None-Match: 304 while nothing changed. A channel token moves when an envelope of the channel is stored or projected, or the channel changes state.',
        headers: { type: 'object', properties: { 'if-none-match': { type: 'string' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              version: token,
              channels: { type: 'object', additionalProperties: token },
              alarms: token,
            },
            required: ['version', 'channels', 'alarms'],
          },
          304: { type: 'null', description: 'nothing changed since the ETag sent' },
          ...accessErrors,
        },
      },
    },
    async (req, reply) => {
      const s = await changes.snapshot();
      const etag = `"${s.version}"`;
      void reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matches(req.headers['if-none-match'], etag)) return reply.status(304).send();
      return s;
    },
  );
}
