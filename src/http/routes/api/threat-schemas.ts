/**
 * JSON Schemas of the threat-level and designation API (/api/v1/threat, /api/v1/designations,
 * /api/v1/ci). Nested explanations are open objects (`additionalProperties: true`): their shape is the
 * core types' (docs/threat-level.md) and serialising them through a closed schema would drop fields.
 */
const open = { type: 'object', additionalProperties: true } as const;
const partyId = { type: 'string', pattern: '^identity--[0-9a-f-]{36}$' } as const;
const channelId = { type: 'string', pattern: '^channel--[0-9a-f-]{36}$' } as const;

export const scopeKindSchema = { type: 'string', enum: ['channel', 'party', 'sector'] } as const;

const scopeSchema = {
  type: 'object',
  properties: { kind: scopeKindSchema, id: { type: 'string' } },
  required: ['kind', 'id'],
} as const;

export const publishedSchema = {
  type: 'object',
  properties: {
    party: { type: 'string' },
    channel: { type: 'string' },
    level: { type: 'integer' },
    score: { type: 'number' },
    rationale: { type: 'string' },
    created: { type: 'string' },
    envelopeHash: { type: 'string' },
  },
  required: ['party', 'channel', 'level', 'rationale', 'created', 'envelopeHash'],
} as const;

const readingProps = {
  scope: scopeSchema,
  at: { type: 'number', description: 'epoch ms the level was read at' },
  score: { type: 'number' },
  level: { type: 'integer', minimum: 0, maximum: 5 },
  levelName: { type: 'string' },
  sector: { type: ['string', 'null'], description: 'the sector cell that sets the level' },
  peak: { type: 'number' },
  boost: { type: 'number', description: 'added by correlation' },
} as const;

export const levelViewSchema = {
  $id: 'ThreatLevel',
  type: 'object',
  properties: {
    ...readingProps,
    name: { type: 'string' },
    published: {
      type: 'array',
      items: publishedSchema,
      description: "the parties' latest published levels for this scope",
    },
  },
  required: ['scope', 'at', 'score', 'level', 'levelName', 'sector', 'peak', 'boost', 'published'],
} as const;

export const explanationSchema = {
  type: 'object',
  properties: {
    ...readingProps,
    halfLifeMs: { type: 'number' },
    correlation: open,
    bands: open,
    sectors: { type: 'array', items: open },
    incidents: {
      type: 'array',
      items: open,
      description:
        'incidents of the driving sector with their contribution and the designation entries they matched',
    },
    names: {
      type: 'array',
      items: open,
      description: 'the same incidents, named (incident name, envelope hash, author)',
    },
    omitted: { type: 'integer' },
    published: { type: 'array', items: publishedSchema },
  },
  required: ['scope', 'at', 'score', 'level', 'levelName', 'sectors', 'incidents', 'names', 'published'],
} as const;

export const historyPointSchema = {
  type: 'object',
  properties: {
    t: { type: 'number' },
    score: { type: 'number' },
    level: { type: 'integer' },
    added: { type: 'integer' },
  },
  required: ['t', 'score', 'level', 'added'],
} as const;

export const incidentSchema = {
  type: 'object',
  properties: {
    envelopeHash: { type: 'string' },
    incidentId: { type: 'string' },
    channel: { type: 'string' },
    author: { type: 'string' },
    party: { type: 'string' },
    at: { type: 'number' },
    original: { type: 'number', description: 'NCISS score before escalation' },
    score: { type: 'number' },
    level: { type: 'integer' },
    sectors: { type: 'array', items: { type: 'string' } },
    designated: {
      type: 'array',
      items: { type: 'string' },
      description: 'designation entries matched; non-empty = affects designated critical infrastructure',
    },
    name: { type: 'string' },
    detail: {
      ...open,
      description: 'score categories (derived answers marked), observable matches, escalation',
    },
  },
  required: [
    'envelopeHash',
    'incidentId',
    'channel',
    'author',
    'party',
    'at',
    'original',
    'score',
    'level',
    'sectors',
    'designated',
    'name',
  ],
} as const;

export const assessmentSchema = {
  type: 'object',
  properties: {
    envelopeHash: { type: 'string' },
    channel: { type: 'string' },
    party: { type: 'string' },
    scopeKind: scopeKindSchema,
    scopeId: { type: 'string' },
    level: { type: 'integer' },
    score: { type: 'number' },
    rationale: { type: 'string' },
    created: { type: 'string' },
    computed: {
      type: 'object',
      properties: readingProps,
      description: 'the level this node computes for the same scope now',
    },
  },
  required: [
    'envelopeHash',
    'channel',
    'party',
    'scopeKind',
    'scopeId',
    'level',
    'rationale',
    'created',
    'computed',
  ],
} as const;

export const newAssessmentSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channel: channelId,
    scope: {
      type: 'object',
      additionalProperties: false,
      properties: { kind: scopeKindSchema, id: { type: 'string', minLength: 1, maxLength: 200 } },
      required: ['kind', 'id'],
    },
    level: { type: 'integer', minimum: 0, maximum: 5 },
    score: { type: 'number', minimum: 0, maximum: 100 },
    rationale: { type: 'string', minLength: 1, maxLength: 20_000 },
  },
  required: ['channel', 'scope', 'level', 'rationale'],
} as const;

export const sentSchema = {
  type: 'object',
  properties: {
    hash: { type: 'string' },
    kind: { type: 'string' },
    seq: { type: 'integer' },
    channel: { type: 'string' },
  },
  required: ['hash', 'kind', 'seq', 'channel'],
} as const;

export const designationVersionSchema = {
  $id: 'DesignationVersion',
  type: 'object',
  properties: {
    channel: { type: 'string' },
    party: { type: 'string' },
    version: { type: 'integer' },
    envelopeHash: { type: 'string' },
    created: { type: 'string' },
    designation: { ...open, description: 'the designation body: taxonomy, sectors, assets (canonical)' },
    acks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          responder: { type: 'string' },
          at: { type: 'string' },
          envelopeHash: { type: 'string' },
        },
        required: ['responder', 'at', 'envelopeHash'],
      },
    },
    objections: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          responder: { type: 'string' },
          at: { type: 'string' },
          reasons: { type: 'array', items: { type: 'string' } },
          envelopeHash: { type: 'string' },
        },
        required: ['responder', 'at', 'reasons', 'envelopeHash'],
      },
    },
    current: { type: 'boolean', description: "the party's latest version" },
    honoured: {
      type: 'boolean',
      description: 'matched against incidents (current, or the latest acknowledged)',
    },
  },
  required: ['channel', 'party', 'version', 'envelopeHash', 'created', 'designation', 'acks', 'objections'],
} as const;

export const designateBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channel: channelId,
    taxonomy: { type: 'string', minLength: 1, maxLength: 200 },
    sectors: { type: 'array', maxItems: 2000, items: { type: 'string' }, default: [] },
    assets: {
      type: 'array',
      maxItems: 100_000,
      items: { type: 'object', additionalProperties: true },
      default: [],
    },
    version: { type: 'integer', minimum: 1 },
  },
  required: ['channel', 'taxonomy'],
} as const;

export const ackBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { channel: channelId, party: partyId, version: { type: 'integer', minimum: 1 } },
  required: ['channel', 'party'],
} as const;

export const objectionBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channel: channelId,
    party: partyId,
    version: { type: 'integer', minimum: 1 },
    reasons: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: { type: 'string', minLength: 1, maxLength: 4000 },
    },
  },
  required: ['channel', 'party', 'version', 'reasons'],
} as const;

export const translationSchema = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    mappings: {
      type: 'array',
      items: open,
      description: 'each with its confidence (exact, close, partial, uncertain) and basis',
    },
    unmapped: { type: 'array', items: { type: 'string' } },
    unknown: { type: 'array', items: { type: 'string' } },
  },
  required: ['from', 'to', 'mappings', 'unmapped', 'unknown'],
} as const;

export const matchSchema = {
  ...open,
  description: 'a designation entry: party, version, taxonomy, sector, asset, kind, entry, confidence',
} as const;

export { open as openObjectSchema, channelId as channelIdSchema, partyId as partyIdSchema };
