/**
 * JSON Schemas of envelope bodies, one per kind, published with the API. A kind without an
 * entry here only has to be an object (its issue defines it). Field names are snake_case, as
 * on every Parley wire object.
 */
import { pocTemplateSchema } from './poc-template.js';

const partyId = {
  type: 'string',
  pattern: '^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
} as const;
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const b64 = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
const timestamp = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$',
} as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const stixBundle = {
  type: 'object',
  required: ['type', 'id', 'objects'],
  properties: {
    type: { const: 'bundle' },
    id: { type: 'string', pattern: '^bundle--' },
    objects: { type: 'array', maxItems: 100_000, items: { type: 'object', required: ['type', 'id'] } },
  },
} as const;

/** The POC template (docs/poc-template.md), derived from the shipped field list. */
const pocTemplate = pocTemplateSchema({ timestamp, stixBundle });
/** The same, as received from a peer: fields outside the list pass (checkReceivedBody flags them). */
const receivedPocTemplate = pocTemplateSchema({ timestamp, stixBundle }, { allowUnknownFields: true });

const psiId = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
/** One chunk of a blinded (or re-blinded) set: 32-byte group elements, base64. */
const psiChunk = {
  type: 'object',
  additionalProperties: false,
  required: ['comparison', 'from', 'chunk', 'chunks', 'count', 'elements'],
  properties: {
    comparison: psiId,
    from: { enum: ['initiator', 'responder'] },
    chunk: { type: 'integer', minimum: 0 },
    chunks: { type: 'integer', minimum: 1 },
    /** Elements in the whole set (all chunks). */
    count: { type: 'integer', minimum: 0 },
    elements: b64,
  },
} as const;

export const TLP_NAMES = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type TlpName = (typeof TLP_NAMES)[number];

/** A channel's rules, fixed by the invitation that every member accepted. */
export const channelPolicySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['receipt_deadline_s', 'response_time_s', 'tlp_ceiling'],
  properties: {
    receipt_deadline_s: { type: 'integer', minimum: 1, maximum: 30 * 86400 },
    response_time_s: { type: 'integer', minimum: 60, maximum: 365 * 86400 },
    /** Deadline for a receipt of an envelope flagged as touching designated infrastructure. */
    ci_receipt_deadline_s: { type: 'integer', minimum: 1, maximum: 30 * 86400 },
    tlp_ceiling: { enum: TLP_NAMES },
  },
} as const;

export const memberSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['party', 'public_key', 'endpoint', 'name'],
  properties: {
    party: partyId,
    public_key: b64,
    endpoint: { type: 'string', pattern: '^https?://', maxLength: 2000 },
    name: text(200),
  },
} as const;

export const BODY_SCHEMAS = {
  invite: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'policy', 'members'],
    properties: {
      name: text(200),
      purpose: text(4000),
      policy: channelPolicySchema,
      members: { type: 'array', minItems: 2, maxItems: 64, items: memberSchema },
    },
  },
  accept: {
    type: 'object',
    additionalProperties: false,
    required: ['invite'],
    properties: { invite: hash, endpoint: { type: 'string', pattern: '^https?://' } },
  },
  leave: { type: 'object', additionalProperties: false, properties: { reason: text(4000) } },
  'key-rotation': {
    type: 'object',
    additionalProperties: false,
    required: ['new_public_key'],
    properties: { new_public_key: b64, reason: text(2000) },
  },
  ping: { type: 'object', additionalProperties: false, properties: { nonce: text(64), note: text(500) } },
  receipt: {
    type: 'object',
    additionalProperties: false,
    required: ['acks', 'log'],
    properties: {
      acks: { type: 'array', maxItems: 10_000, items: hash },
      /** The receiver's verified copy of the sender's log: it holds `size` entries with `root_hash`. */
      log: {
        type: 'object',
        additionalProperties: false,
        required: ['author', 'size', 'root_hash'],
        properties: { author: partyId, size: { type: 'integer', minimum: 0 }, root_hash: b64 },
      },
      /** The sender's own latest signed checkpoint that the receiver verified, if any. */
      checkpoint: text(10_000),
    },
  },
  notify: {
    type: 'object',
    additionalProperties: false,
    required: ['template'],
    properties: {
      /** The fields of the POC communication template (docs/poc-template.md). */
      template: pocTemplate,
      bundle: stixBundle,
    },
  },
  request: {
    type: 'object',
    additionalProperties: false,
    required: ['request_type', 'subject', 'text'],
    properties: {
      request_type: { enum: ['information', 'assistance', 'mitigation'] },
      subject: text(500),
      text: text(100_000),
      template: pocTemplate,
      bundle: stixBundle,
    },
  },
  response: {
    type: 'object',
    additionalProperties: false,
    required: ['status', 'text'],
    properties: {
      status: { enum: ['answered', 'partial', 'declined', 'acknowledged'] },
      text: text(100_000),
      bundle: stixBundle,
    },
  },
  share: {
    type: 'object',
    additionalProperties: false,
    required: ['bundle'],
    properties: { bundle: stixBundle, recipients: { type: 'array', items: partyId } },
  },
  statement: {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'text', 'lang'],
    properties: {
      title: text(500),
      text: text(100_000),
      lang: text(35),
      signers: { type: 'array', items: partyId },
    },
  },
  'statement-sign': {
    type: 'object',
    additionalProperties: false,
    required: ['statement', 'signature'],
    properties: {
      statement: hash,
      /** Detached Ed25519 signature over STATEMENT_SIGNING_CONTEXT + statement hash, portable outside the log. */
      signature: b64,
    },
  },
  /** A party's named critical infrastructure, versioned (docs/critical-infrastructure.md); checked in depth by parseDesignation. */
  designation: {
    type: 'object',
    additionalProperties: false,
    required: ['party', 'version', 'taxonomy', 'sectors', 'assets'],
    properties: {
      party: partyId,
      version: { type: 'integer', minimum: 1 },
      taxonomy: text(200),
      sectors: { type: 'array', maxItems: 2000, items: text(200) },
      assets: {
        type: 'array',
        maxItems: 100_000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'sector'],
          properties: {
            id: text(128),
            name: text(500),
            sector: text(200),
            domains: { type: 'array', maxItems: 100_000, items: text(253) },
            ip_ranges: { type: 'array', maxItems: 100_000, items: text(64) },
            as_numbers: {
              type: 'array',
              maxItems: 10_000,
              items: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
            },
          },
        },
      },
      note: text(4000),
    },
  },
  /** Acknowledges one version of another member's designation. */
  'designation-ack': {
    type: 'object',
    additionalProperties: false,
    required: ['party', 'version', 'designation'],
    properties: {
      party: partyId,
      version: { type: 'integer', minimum: 1 },
      designation: hash,
      note: text(4000),
    },
  },
  /** A signed objection to one version of another member's designation, with reasons. */
  'designation-objection': {
    type: 'object',
    additionalProperties: false,
    required: ['party', 'version', 'designation', 'reasons'],
    properties: {
      party: partyId,
      version: { type: 'integer', minimum: 1 },
      designation: hash,
      reasons: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: { type: 'string', minLength: 1, maxLength: 4000 },
      },
    },
  },
  /** A party's own published threat level for a scope, with its rationale. */
  assessment: {
    type: 'object',
    additionalProperties: false,
    required: ['scope', 'level', 'rationale'],
    properties: {
      scope: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'id'],
        properties: { kind: { enum: ['channel', 'party', 'sector'] }, id: text(200) },
      },
      level: { type: 'integer', minimum: 0, maximum: 5 },
      score: { type: 'number', minimum: 0, maximum: 100 },
      rationale: { type: 'string', minLength: 1, maxLength: 20_000 },
    },
  },
  note: { type: 'object', properties: { text: text(100_000) } },
  // Private list comparison (docs/psi.md, "Envelopes"). `comparison` is the offer's session id.
  'psi-offer': {
    type: 'object',
    additionalProperties: false,
    required: [
      'comparison',
      'v',
      'responder',
      'suite',
      'kind',
      'mode',
      'initiator_size',
      'max_size',
      'dst',
      'chunk_size',
      'expires',
    ],
    properties: {
      comparison: psiId,
      v: { const: 1 },
      /** The one member asked to compare (a comparison is always between two parties). */
      responder: partyId,
      suite: text(100),
      kind: { enum: ['persons', 'indicators'] },
      mode: { enum: ['both', 'one-sided', 'cardinality'] },
      initiator_size: { type: 'integer', minimum: 0 },
      max_size: { type: 'integer', minimum: 1 },
      /** The RFC 9380 domain separation tag both sides hash with, stated for the record. */
      dst: text(255),
      chunk_size: { type: 'integer', minimum: 1, maximum: 100_000 },
      expires: timestamp,
    },
  },
  'psi-accept': {
    type: 'object',
    additionalProperties: false,
    required: ['comparison', 'decision'],
    properties: {
      comparison: psiId,
      decision: { enum: ['accept', 'refuse'] },
      responder_size: { type: 'integer', minimum: 0 },
      reason: text(2000),
    },
  },
  'psi-blinded': psiChunk,
  'psi-reblinded': psiChunk,
  'psi-result': {
    type: 'object',
    additionalProperties: false,
    required: ['comparison', 'status'],
    properties: {
      comparison: psiId,
      status: { enum: ['complete', 'aborted', 'failed'] },
      /** The size of the overlap, in modes where the other side learns it anyway. */
      overlap: { type: 'integer', minimum: 0 },
      reason: text(2000),
    },
  },
} as const;

export type SchemaKind = keyof typeof BODY_SCHEMAS;

/** Kinds whose body may carry a POC template (docs/poc-template.md). */
export const POC_TEMPLATE_KINDS = ['notify', 'request'] as const;
export type PocTemplateKind = (typeof POC_TEMPLATE_KINDS)[number];

/**
 * The schemas a peer's template-carrying body is checked with: BODY_SCHEMAS' own, but with a
 * template that may hold fields this node's field list lacks (docs/poc-template.md, "Rollouts").
 * Everything else, the known template fields included, is checked as strictly as on sending.
 */
export const RECEIVED_TEMPLATE_BODY_SCHEMAS: Readonly<Record<PocTemplateKind, object>> = {
  notify: {
    ...BODY_SCHEMAS.notify,
    properties: { ...BODY_SCHEMAS.notify.properties, template: receivedPocTemplate },
  },
  request: {
    ...BODY_SCHEMAS.request,
    properties: { ...BODY_SCHEMAS.request.properties, template: receivedPocTemplate },
  },
};
export { timestamp as timestampSchema };
