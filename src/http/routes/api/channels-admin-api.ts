import type { FastifyInstance } from 'fastify';
import { TLP_NAMES, type TlpName } from '../../../core/dialogue/index.js';
import { CHANNEL_ID_RE } from '../../../core/envelope/index.js';
import type { DialogueService } from '../../../service/dialogue/dialogue-service.js';
import { accessErrors, requireRole } from '../../plugins/session.js';

const str = { type: 'string' } as const;
const channelParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: CHANNEL_ID_RE.source } },
  required: ['id'],
} as const;
const errors = {
  400: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
  502: { $ref: 'Problem#' },
  ...accessErrors,
} as const;

interface InviteBody {
  name: string;
  peers: string[];
  receipt_deadline_s?: number;
  response_time_s?: number;
  tlp_ceiling?: TlpName;
}

/**
 * Channel management for administrators (docs/ui.md): invite peers to a new channel, accept an
 * invitation that reached this node, leave a channel with a signed notice. Each act is audited.
 */
export function channelsAdminRoutes(app: FastifyInstance, dialogue: DialogueService): void {
  const admin = { preHandler: requireRole('admin') };

  app.post<{ Body: InviteBody }>(
    '/api/v1/channels',
    {
      ...admin,
      schema: {
        tags: ['dialogue'],
        summary: 'Open a channel: a signed invite to the peers named by their node URLs (admin)',
        body: {
          type: 'object',
          required: ['name', 'peers'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            peers: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              items: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^https?://' },
            },
            receipt_deadline_s: { type: 'integer', minimum: 1, maximum: 31_536_000 },
            response_time_s: { type: 'integer', minimum: 1, maximum: 31_536_000 },
            tlp_ceiling: { enum: [...TLP_NAMES] },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['channel', 'invite_hash'],
            properties: { channel: str, invite_hash: str },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      // The schema admits only these keys, and the policy's are named as in ChannelPolicy.
      const { name, peers, ...policy } = req.body;
      const r = await dialogue.invite({ name, peers, policy });
      await req.auditAs('channel.invite', r.channel, { name, peers, policy });
      return reply.status(201).send({ channel: r.channel, invite_hash: r.inviteHash });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/channels/:id/accept',
    {
      ...admin,
      schema: {
        tags: ['dialogue'],
        summary: 'Accept an invitation that reached this node: pins the members’ keys and joins (admin)',
        params: channelParams,
        response: {
          200: {
            type: 'object',
            required: ['channel', 'accept_hash'],
            properties: { channel: str, accept_hash: str },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await dialogue.accept(req.params.id);
      await req.auditAs('channel.accept', req.params.id, { accept_hash: r.acceptHash });
      return { channel: req.params.id, accept_hash: r.acceptHash };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/v1/channels/:id/leave',
    {
      ...admin,
      schema: {
        tags: ['dialogue'],
        summary: 'Leave a channel with a signed notice; irreversible (admin)',
        params: channelParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { reason: { type: 'string', maxLength: 2000 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['channel', 'leave_hash'],
            properties: { channel: str, leave_hash: str },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const reason = req.body?.reason?.trim() || undefined;
      const r = await dialogue.leave(req.params.id, reason);
      await req.auditAs('channel.leave', req.params.id, {
        leave_hash: r.leaveHash,
        ...(reason ? { reason } : {}),
      });
      return { channel: req.params.id, leave_hash: r.leaveHash };
    },
  );
}
