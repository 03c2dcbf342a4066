/** JSON Schemas of the TAXII 2.1 routes, for validation and the OpenAPI document. */

export const taxiiErrorRef = { $ref: 'TaxiiError#' } as const;

export const taxiiErrorSchema = {
  $id: 'TaxiiError',
  type: 'object',
  description: 'TAXII 2.1 error message (§3.6.1)',
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    error_id: { type: 'string' },
    error_code: { type: 'string' },
    http_status: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
  required: ['title'],
} as const;

/** Every TAXII route can answer these. */
export const errorResponses = {
  400: taxiiErrorRef,
  401: taxiiErrorRef,
  403: taxiiErrorRef,
  404: taxiiErrorRef,
  406: taxiiErrorRef,
} as const;

export const rootParams = {
  type: 'object',
  properties: { root: { type: 'string', maxLength: 100 } },
  required: ['root'],
} as const;

export const collectionParams = {
  type: 'object',
  properties: { root: { type: 'string', maxLength: 100 }, collection: { type: 'string', maxLength: 300 } },
  required: ['root', 'collection'],
} as const;

export const objectParams = {
  type: 'object',
  properties: {
    root: { type: 'string', maxLength: 100 },
    collection: { type: 'string', maxLength: 300 },
    object: { type: 'string', maxLength: 300 },
  },
  required: ['root', 'collection', 'object'],
} as const;

const filter = (description: string) => ({
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  description,
});

/** §3.4 filters; each endpoint accepts a subset and the service rejects the rest by name. */
export const filterQuery = {
  type: 'object',
  properties: {
    added_after: filter('only objects added after this RFC 3339 timestamp'),
    limit: filter('page size (default 1000, at most 10000)'),
    next: filter('the next token of the previous page'),
    'match[id]': filter('STIX ids, comma-separated'),
    'match[type]': filter('STIX types, comma-separated'),
    'match[version]': filter('first, last (default), all, or timestamps, comma-separated'),
    'match[spec_version]': filter('STIX spec versions, comma-separated'),
  },
  additionalProperties: filter('unknown parameters are refused with 400'),
} as const;

export const envelopeSchema = {
  type: 'object',
  description: 'TAXII 2.1 envelope (§3.7)',
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string' },
    objects: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

export const versionsSchema = {
  type: 'object',
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string' },
    versions: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const manifestSchema = {
  type: 'object',
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string' },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          date_added: { type: 'string' },
          version: { type: 'string' },
          media_type: { type: 'string' },
        },
      },
    },
  },
} as const;

export const statusSchema = {
  type: 'object',
  description: 'TAXII 2.1 status resource (§4.3)',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['complete', 'pending'] },
    request_timestamp: { type: 'string' },
    total_count: { type: 'integer' },
    success_count: { type: 'integer' },
    successes: { type: 'array', items: { type: 'object', additionalProperties: true } },
    failure_count: { type: 'integer' },
    failures: { type: 'array', items: { type: 'object', additionalProperties: true } },
    pending_count: { type: 'integer' },
    pendings: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

export const collectionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    alias: { type: 'string' },
    can_read: { type: 'boolean' },
    can_write: { type: 'boolean' },
    media_types: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Headers of paged responses (§3.3.1). */
export const pageHeaders = {
  'X-TAXII-Date-Added-First': { type: 'string' },
  'X-TAXII-Date-Added-Last': { type: 'string' },
} as const;
