/**
 * The body of a TAXII POST, from text to validated objects: a nesting limit checked before
 * parsing (JSON.parse has none we can rely on), the envelope's shape, then every object through
 * the STIX validator. Pure apart from the validator's own work; runs on the main thread or in an
 * ingest worker.
 */
import { TaxiiError } from './taxii-error.js';
import { prepareObjects, type IngestBatch } from './taxii-ingest.js';

export const TAXII_MAX_JSON_DEPTH = 100;

/** The deepest nesting of objects and arrays in JSON text (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Parses a POST body. Throws TAXII_ENVELOPE_INVALID. */
export function parseEnvelopeText(text: string): unknown {
  if (jsonDepth(text) > TAXII_MAX_JSON_DEPTH) {
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', `JSON nested deeper than ${TAXII_MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', `body is not JSON: ${(e as Error).message.slice(0, 200)}`);
  }
}

/** The objects of a TAXII envelope (or, leniently, a STIX bundle). Throws TAXII_ENVELOPE_INVALID. */
export function envelopeObjects(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TaxiiError(
      'TAXII_ENVELOPE_INVALID',
      'the body must be a TAXII envelope: a JSON object with an objects list',
    );
  }
  const objects = (body as Record<string, unknown>)['objects'];
  if (!Array.isArray(objects))
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', 'the envelope has no objects list', {
      details: { pointer: '/objects' },
    });
  if (objects.length === 0)
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', 'the envelope has an empty objects list', {
      details: { pointer: '/objects' },
    });
  return objects;
}

export interface PreparedEnvelope extends IngestBatch {
  /** How many objects the envelope held. */
  readonly total: number;
}

/** Text (or an already parsed body) → validated objects. Throws TAXII_ENVELOPE_INVALID. */
export function prepareEnvelope(body: unknown): PreparedEnvelope {
  const list = envelopeObjects(typeof body === 'string' ? parseEnvelopeText(body) : body);
  return { ...prepareObjects(list), total: list.length };
}
