/**
 * The POC communication template (docs/poc-template.md) as a JSON Schema, derived from the
 * shipped field list (data/poc-template.json) so that the table, the schema and the checks
 * cannot drift apart: a field's `type` text picks its schema, `values` (and `app_extra_values`)
 * its enum, `app_required` whether it must be present.
 */
import data from './data/poc-template.json' with { type: 'json' };
import type { JsonObject } from '../jcs/index.js';

interface FieldDef {
  readonly id: string;
  readonly type: string;
  readonly app_required: boolean;
  readonly values?: readonly string[];
  readonly app_extra_values?: readonly string[];
}

/** The template's fields, in the data file's order. */
export const POC_TEMPLATE_FIELDS: readonly FieldDef[] = data.fields;

/**
 * Fields the sending node fills in itself when the caller leaves them out: it alone knows the
 * message's id and when it signs it. Filled before the body is checked (completeTemplate).
 */
export const POC_TEMPLATE_NODE_FIELDS = ['message_id', 'sent_at'] as const;

/** Schema pieces shared with the other body schemas (body-schemas.ts), passed in to avoid a cycle. */
export interface SchemaParts {
  readonly timestamp: Schema;
  readonly stixBundle: Schema;
}

type Schema = Readonly<Record<string, unknown>>;

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const text = { type: 'string', maxLength: 100_000 };
const strings = (max: number): Schema => ({
  type: 'array',
  maxItems: 1000,
  items: { type: 'string', maxLength: max },
});

/** Each `type` text of the data file and its schema; an unknown text fails loudly at load. */
function typeSchemas(p: SchemaParts): Readonly<Record<string, Schema>> {
  return {
    'string (UUID)': { type: 'string', pattern: UUID },
    'string (UUID) | null': nullable({ type: 'string', pattern: UUID }),
    'datetime (ISO 8601, UTC)': p.timestamp,
    'datetime (UTC) | null': nullable(p.timestamp),
    'string (ISO 3166-1 alpha-3)': { type: 'string', pattern: '^[A-Z]{3}$' },
    // RFC 5646 in outline: a primary subtag, then subtags of up to 8 letters or digits.
    'string (BCP 47)': { type: 'string', pattern: '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$', maxLength: 35 },
    text,
    // The enum is a suggestion (`app_values`); the action may be any text.
    'text (+ optional enum)': text,
    'array of sector ids': strings(200),
    'array of strings': strings(2000),
    boolean: { type: 'boolean' },
    'boolean | null': { type: ['boolean', 'null'] },
    'integer 0-5 | null': nullable({ type: 'integer', minimum: 0, maximum: 5 }),
    'STIX 2.1 bundle (JSON) | null': nullable(p.stixBundle),
    object: { type: 'object' },
    'array of {name, media_type, sha256}': {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['name', 'media_type', 'sha256'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 500 },
          media_type: { type: 'string', pattern: '^[\\w.+-]+/[\\w.+-]+$', maxLength: 255 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
    },
  };
}

function fieldSchema(f: FieldDef, types: Readonly<Record<string, Schema>>): Schema {
  if (f.type === 'enum') {
    if (!f.values?.length) throw new Error(`poc-template.json: enum field ${f.id} has no values`);
    return { enum: [...f.values, ...(f.app_extra_values ?? [])] };
  }
  const s = types[f.type];
  if (!s) throw new Error(`poc-template.json: field ${f.id} has a type this schema does not know: ${f.type}`);
  return s;
}

export interface PocTemplateSchemaOptions {
  /**
   * Lets fields outside the data file through (a peer's template, signed by software with another
   * field list); the known fields are checked all the same. Off: such a field is an error.
   */
  readonly allowUnknownFields?: boolean;
}

/**
 * The JSON Schema of a POC template: every field of the data file with its type, the
 * `app_required` ones required, nothing else allowed (a misspelt field is an error, not a
 * silently dropped one) unless `allowUnknownFields`. Throws Error at load when the data file has a
 * type it cannot map.
 */
export function pocTemplateSchema(parts: SchemaParts, opts: PocTemplateSchemaOptions = {}): Schema {
  const types = typeSchemas(parts);
  return {
    type: 'object',
    additionalProperties: opts.allowUnknownFields === true,
    required: POC_TEMPLATE_FIELDS.filter((f) => f.app_required).map((f) => f.id),
    properties: Object.fromEntries(
      // A required text that is empty says no more than a missing one; an optional one may be left blank.
      POC_TEMPLATE_FIELDS.map((f) => [
        f.id,
        f.app_required && f.type === 'text'
          ? { ...fieldSchema(f, types), minLength: 1 }
          : fieldSchema(f, types),
      ]),
    ),
  };
}

/**
 * `body` with its template's node-filled fields (POC_TEMPLATE_NODE_FIELDS) set where the caller
 * left them out; a body without a template object is returned as it is. Pure: the id and the
 * time are the caller's.
 */
export function completeTemplate(
  body: JsonObject,
  fill: { readonly messageId: string; readonly sentAt: string },
): JsonObject {
  const t = body.template;
  if (t === null || typeof t !== 'object' || Array.isArray(t)) return body;
  return { ...body, template: { message_id: fill.messageId, sent_at: fill.sentAt, ...t } };
}

const FIELD_IDS: ReadonlySet<string> = new Set(POC_TEMPLATE_FIELDS.map((f) => f.id));

/** At most this many unknown field names are reported: enough to act on, bounded for logs. */
export const MAX_REPORTED_UNKNOWN_FIELDS = 32;

/**
 * The names of `template`'s fields that the data file does not list, in the template's order (at
 * most MAX_REPORTED_UNKNOWN_FIELDS). Anything but an object has none. Pure; never throws.
 */
export function unknownTemplateFields(template: unknown): string[] {
  if (template === null || typeof template !== 'object' || Array.isArray(template)) return [];
  return Object.keys(template)
    .filter((k) => !FIELD_IDS.has(k))
    .slice(0, MAX_REPORTED_UNKNOWN_FIELDS);
}
