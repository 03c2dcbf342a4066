import type { FastifyInstance } from 'fastify';
import { STIX_TAXONOMY_ID } from '../../../core/ci/index.js';
import type { IncidentFacts, ScoreInputs } from '../../../core/score/index.js';
import type { ThreatService } from '../../../service/threat/index.js';
import { accessErrors, requireRole } from '../../plugins/session.js';
import { incidentSchema, openObjectSchema } from './threat-schemas.js';

/**
 * What the report form and the incident page need beyond the levels (docs/ui.md): the node's
 * scoring model with its options, a score preview for answers being typed (nothing stored), and one
 * notification's scored incidents beside the STIX it carried. Every reader may call them (a
 * preview changes nothing, so `viewer` suffices even though it is a POST).
 */

const problems = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' }, ...accessErrors } as const;
const str = { type: 'string' } as const;
const strings = { type: 'array', items: { type: 'string', maxLength: 128 }, maxItems: 64 } as const;
const optionSchema = {
  type: 'object',
  properties: { id: str, name: str, value: { type: 'number' } },
  required: ['id', 'name', 'value'],
} as const;

const modelSchema = {
  type: 'object',
  properties: {
    id: str,
    version: str,
    name: str,
    provenance: {
      ...openObjectSchema,
      description:
        'published: false, notional: true for the default model: CISA’s demo weights, not its operational figures',
    },
    bands: openObjectSchema,
    categories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          name: str,
          weight: { type: 'number' },
          options: { type: 'array', items: optionSchema },
          derived_from: { type: 'array', items: str, description: 'facts a missing answer is derived from' },
          fallback: { type: 'object', properties: { option: { type: ['string', 'null'] }, reason: str } },
        },
        required: ['id', 'name', 'weight', 'options', 'derived_from', 'fallback'],
      },
    },
    victim_sectors: {
      type: 'array',
      items: { type: 'object', properties: { id: str, name: str }, required: ['id', 'name'] },
      description: 'STIX industry-sector-ov values the derivation reads from victim identities',
    },
  },
  required: ['id', 'version', 'name', 'provenance', 'bands', 'categories', 'victim_sectors'],
} as const;

const scoreBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'object',
      maxProperties: 64,
      // anyOf, not oneOf: the server's Ajv coerces a string into a one-item array, which would match both.
      additionalProperties: {
        anyOf: [
          { type: 'string', minLength: 1, maxLength: 128 },
          { ...strings, minItems: 1 },
        ],
      },
      description:
        'category id → option id (or several; the highest counts), as in Parley’s STIX scoring extension',
    },
    facts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sectors: strings,
        kill_chain_phases: strings,
        threat_actor_types: strings,
        attack_techniques: strings,
      },
      description: 'what the STIX content will say, for deriving the categories left out',
    },
  },
  required: ['inputs'],
} as const;

const scoreSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    score: { type: 'number' },
    level: { type: 'integer', minimum: 0, maximum: 5 },
    levelName: str,
    model: openObjectSchema,
    weightedSum: { type: 'number' },
    minSum: { type: 'number' },
    maxSum: { type: 'number' },
    categories: {
      type: 'array',
      items: {
        ...openObjectSchema,
        description:
          'contribution (points of the score), option, basis supplied/derived/fallback, derived, excluded, reason',
      },
    },
  },
  required: ['score', 'level', 'levelName', 'model', 'categories'],
} as const;

const notificationSchema = {
  type: 'object',
  properties: {
    envelopeHash: str,
    channel: str,
    author: str,
    kind: str,
    created: str,
    template: openObjectSchema,
    objects: {
      type: 'array',
      items: openObjectSchema,
      description: 'the STIX objects of the bundle, as signed',
    },
    incidents: { type: 'array', items: incidentSchema },
  },
  required: ['envelopeHash', 'channel', 'author', 'kind', 'created', 'objects', 'incidents'],
} as const;

export function threatScoreRoutes(app: FastifyInstance, threat: ThreatService): void {
  app.get(
    '/api/v1/threat/model',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'The scoring model this node applies: categories, weights, options, derivation, bands and provenance',
        tags: ['threat'],
        response: { 200: modelSchema, ...problems },
      },
    },
    async () => {
      const m = threat.model;
      const stix = threat.registry.taxonomies.get(STIX_TAXONOMY_ID);
      return {
        id: m.id,
        version: m.version,
        name: m.name,
        provenance: m.provenance,
        bands: m.bands,
        categories: m.categories.map((c) => ({
          id: c.id,
          name: c.name,
          weight: c.weight,
          options: c.options,
          derived_from: [...new Set(c.derive.map((d) => d.from))],
          fallback: c.fallback,
        })),
        victim_sectors: (stix?.entries ?? []).map((e) => ({ id: e.id, name: e.name })),
      };
    },
  );

  app.post<{ Body: { inputs: ScoreInputs; facts?: Partial<IncidentFacts> } }>(
    '/api/v1/threat/score',
    {
      bodyLimit: 64 * 1024,
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Score NCISS answers with this node’s model (a preview: nothing is stored or sent)',
        tags: ['threat'],
        body: scoreBodySchema,
        response: { 200: scoreSchema, ...problems },
      },
    },
    async (req) => threat.preview(req.body.inputs, req.body.facts),
  );

  app.get<{ Params: { hash: string } }>(
    '/api/v1/threat/notifications/:hash',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'One notification: its incidents as scored here (explanation, designation matches) and the STIX objects and template it carried',
        tags: ['threat'],
        params: {
          type: 'object',
          properties: { hash: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          required: ['hash'],
        },
        response: { 200: notificationSchema, ...problems },
      },
    },
    async (req) => threat.notification(req.params.hash),
  );
}
