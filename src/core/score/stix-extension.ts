/**
 * Parley's STIX 2.1 property extension for scoring inputs (STIX 2.1 §7.3 Extension Definition), so that
 * the sender's NCISS answers travel with the incident object and the receiver scores the same facts.
 */
import { Ajv } from 'ajv';
import { ValidationError } from '../errors.js';
import type { ScoreInputs } from './score-model.types.js';

/** Fixed for the life of version 1 of the extension; a new major version gets a new id. */
export const PARLEY_SCORING_EXTENSION_ID = 'extension-definition--39355ea9-6ee9-475e-8e97-1fecade7de1c';
/** The Parley project as the creator of its extension definitions (not a party of any dialogue). */
export const PARLEY_PROJECT_IDENTITY_ID = 'identity--4870a3ae-e8bb-44a7-925c-1627ee644e9d';

/** JSON Schema (draft-07) of the extension's properties on an incident's `extensions` map. */
export const PARLEY_SCORING_EXTENSION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Parley incident scoring inputs (property extension)',
  type: 'object',
  required: ['extension_type', 'model_id', 'model_version', 'inputs'],
  additionalProperties: false,
  properties: {
    extension_type: { const: 'property-extension' },
    model_id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' },
    model_version: { type: 'string', minLength: 1, maxLength: 64 },
    inputs: {
      type: 'object',
      maxProperties: 64,
      propertyNames: { pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' },
      additionalProperties: {
        oneOf: [
          { type: 'string', minLength: 1, maxLength: 128 },
          {
            type: 'array',
            minItems: 1,
            maxItems: 32,
            items: { type: 'string', minLength: 1, maxLength: 128 },
          },
        ],
      },
    },
    score: { type: 'number', minimum: 0, maximum: 100, description: "the sender's own computed score" },
    level: { type: 'integer', minimum: 0, maximum: 5, description: "the sender's own level" },
  },
} as const;

/** The STIX extension-definition object that announces the extension (STIX 2.1 §7.3). */
export const PARLEY_SCORING_EXTENSION_DEFINITION = Object.freeze({
  type: 'extension-definition',
  spec_version: '2.1',
  id: PARLEY_SCORING_EXTENSION_ID,
  created_by_ref: PARLEY_PROJECT_IDENTITY_ID,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: 'Parley incident scoring inputs',
  description:
    'The answers of an NCISS-style scoring model for this incident (category id to option id), the model ' +
    'they answer, and optionally the sender’s own score and level. See docs/threat-level.md.',
  // STIX allows plain text here; the schema itself is embedded so that no node needs a URL to check it.
  schema: JSON.stringify(PARLEY_SCORING_EXTENSION_SCHEMA),
  version: '1.0.0',
  extension_types: ['property-extension'],
});

export interface ScoringExtension {
  readonly model_id: string;
  readonly model_version: string;
  readonly inputs: ScoreInputs;
  readonly score?: number;
  readonly level?: number;
}

const validate = new Ajv({ allErrors: true, strict: true }).compile(PARLEY_SCORING_EXTENSION_SCHEMA);

/**
 * Reads Parley's scoring extension from a STIX incident. Returns undefined when it is absent.
 * Throws ValidationError STIX_INVALID listing every schema violation when it is present but malformed.
 */
export function readScoringExtension(
  incident: Readonly<Record<string, unknown>>,
): ScoringExtension | undefined {
  const ext = (incident.extensions as Record<string, unknown> | undefined)?.[PARLEY_SCORING_EXTENSION_ID];
  if (ext === undefined) return undefined;
  if (!validate(ext)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
    throw new ValidationError('STIX_INVALID', `invalid Parley scoring extension: ${problems.join('; ')}`, {
      details: { problems, extension: PARLEY_SCORING_EXTENSION_ID },
    });
  }
  const { extension_type: _type, ...rest } = ext as unknown as Record<string, unknown>;
  return rest as unknown as ScoringExtension;
}

/**
 * Returns a copy of the incident carrying the extension (other extensions kept). The caller versions
 * the object (`modified`) if it was already shared: STIX objects are immutable once published.
 * Throws ValidationError STIX_INVALID when the extension would not pass its own schema.
 */
export function withScoringExtension<T extends Readonly<Record<string, unknown>>>(
  incident: T,
  extension: ScoringExtension,
): T & { extensions: Record<string, unknown> } {
  const body = { extension_type: 'property-extension', ...structuredClone(extension) };
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
    throw new ValidationError('STIX_INVALID', `invalid Parley scoring extension: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const extensions = { ...((incident.extensions as Record<string, unknown> | undefined) ?? {}) };
  extensions[PARLEY_SCORING_EXTENSION_ID] = body;
  return { ...incident, extensions };
}
