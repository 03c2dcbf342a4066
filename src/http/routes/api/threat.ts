import type { FastifyInstance } from 'fastify';
import type { ScopeKind } from '../../../core/score/index.js';
import type { ThreatService } from '../../../service/threat/index.js';
import { accessErrors, requireRole } from '../../plugins/session.js';
import {
  assessmentSchema,
  channelIdSchema,
  explanationSchema,
  historyPointSchema,
  incidentSchema,
  levelViewSchema,
  newAssessmentSchema,
  scopeKindSchema,
  sentSchema,
} from './threat-schemas.js';
import { threatScoreRoutes } from './threat-score.js';

/**
 * /api/v1/threat: the overall threat level per channel, party and sector (computed here, with the
 * parties' published assessments beside it), its explanation and history, the scored incidents, and
 * publishing this party's own assessment. Method: docs/threat-level.md.
 */

const problems = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' }, ...accessErrors } as const;
const scopeParams = {
  type: 'object',
  properties: { kind: scopeKindSchema, id: { type: 'string', minLength: 1, maxLength: 300 } },
  required: ['kind', 'id'],
} as const;
const atQuery = {
  at: { type: 'string', format: 'date-time', description: 'read the level at this time instead of now' },
} as const;
const atOf = (at: string | undefined): number | undefined => (at === undefined ? undefined : Date.parse(at));

interface ScopeParams {
  kind: ScopeKind;
  id: string;
}

export function threatRoutes(app: FastifyInstance, threat: ThreatService): void {
  app.addSchema(levelViewSchema);
  threatScoreRoutes(app, threat);

  app.get<{ Querystring: { kind?: ScopeKind; at?: string } }>(
    '/api/v1/threat/levels',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Threat levels of every channel, party and sector, with published assessments side by side',
        tags: ['threat'],
        querystring: { type: 'object', properties: { kind: scopeKindSchema, ...atQuery } },
        response: {
          200: {
            type: 'object',
            properties: {
              levels: { type: 'array', items: { $ref: 'ThreatLevel#' } },
              model: {
                type: 'object',
                additionalProperties: true,
                description:
                  'the scoring model and its provenance (the default is CISA’s notional demo configuration, not its operational one)',
              },
              halfLifeMs: { type: 'number' },
            },
            required: ['levels', 'model', 'halfLifeMs'],
          },
          ...problems,
        },
      },
    },
    async (req) => ({
      levels: await threat.levels(req.query.kind ? [req.query.kind] : undefined, atOf(req.query.at)),
      model: { id: threat.model.id, version: threat.model.version, provenance: threat.model.provenance },
      halfLifeMs: threat.config.halfLifeMs,
    }),
  );

  app.get<{ Params: ScopeParams; Querystring: { at?: string; limit: number } }>(
    '/api/v1/threat/levels/:kind/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'One scope’s level, explained: driving sector, correlation, each incident’s contribution and designation entries',
        tags: ['threat'],
        params: scopeParams,
        querystring: {
          type: 'object',
          properties: { ...atQuery, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        },
        response: { 200: explanationSchema, ...problems },
      },
    },
    async (req) =>
      threat.explain(
        { kind: req.params.kind, id: req.params.id },
        { ...(req.query.at ? { at: atOf(req.query.at)! } : {}), limit: req.query.limit },
      ),
  );

  app.get<{ Params: ScopeParams; Querystring: { from?: string; to?: string; bucket_s: number } }>(
    '/api/v1/threat/levels/:kind/:id/history',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'A scope’s level over time, for charts (level at the end of each bucket)',
        tags: ['threat'],
        params: scopeParams,
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time', description: 'default: 30 buckets before `to`' },
            to: { type: 'string', format: 'date-time', description: 'default: now' },
            bucket_s: { type: 'integer', minimum: 60, default: 86400 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { points: { type: 'array', items: historyPointSchema } },
            required: ['points'],
          },
          ...problems,
        },
      },
    },
    async (req) => ({
      points: await threat.history(
        { kind: req.params.kind, id: req.params.id },
        {
          ...(req.query.from ? { from: Date.parse(req.query.from) } : {}),
          ...(req.query.to ? { to: Date.parse(req.query.to) } : {}),
          bucketMs: req.query.bucket_s * 1000,
        },
      ),
    }),
  );

  app.get<{ Querystring: { channel?: string; flagged?: boolean; limit: number } }>(
    '/api/v1/threat/incidents',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Scored incidents, newest first, with score categories, designation matches and escalation',
        tags: ['threat'],
        querystring: {
          type: 'object',
          properties: {
            channel: channelIdSchema,
            flagged: {
              type: 'boolean',
              description: 'only incidents on designated infrastructure (true) or only others (false)',
            },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { incidents: { type: 'array', items: incidentSchema } },
            required: ['incidents'],
          },
          ...problems,
        },
      },
    },
    async (req) => ({ incidents: await threat.incidents(req.query) }),
  );

  app.get<{ Querystring: { channel?: string; party?: string; limit: number } }>(
    '/api/v1/threat/assessments',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Published assessments (signed), newest first, each beside the level computed here',
        tags: ['threat'],
        querystring: {
          type: 'object',
          properties: {
            channel: channelIdSchema,
            party: { type: 'string' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { assessments: { type: 'array', items: assessmentSchema } },
            required: ['assessments'],
          },
          ...problems,
        },
      },
    },
    async (req) => ({ assessments: await threat.assessments(req.query) }),
  );

  app.post<{
    Body: {
      channel: string;
      scope: { kind: ScopeKind; id: string };
      level: number;
      score?: number;
      rationale: string;
    };
  }>(
    '/api/v1/threat/assessments',
    {
      bodyLimit: 64 * 1024,
      preHandler: requireRole('analyst'),
      schema: {
        summary: 'Publish this party’s own threat level for a scope, signed, in a channel',
        tags: ['threat'],
        body: newAssessmentSchema,
        response: { 201: sentSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { channel, ...a } = req.body;
      const e = await threat.publishAssessment(channel, a);
      await req.auditAs('threat.assess', channel, { scope: a.scope, level: a.level, hash: e.hashHex });
      return reply
        .status(201)
        .send({ hash: e.hashHex, kind: e.envelope.kind, seq: e.envelope.seq, channel: e.envelope.channel });
    },
  );
}
