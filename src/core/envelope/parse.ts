import { toHex } from '../bytes/index.js';
import { ValidationError } from '../errors.js';
import { canonicalize, DEFAULT_MAX_JSON_DEPTH, isNfc, parseJsonStrict } from '../jcs/index.js';
import { hashLeaf } from '../merkle/hasher.js';
import { DEFAULT_MAX_ENVELOPE_BYTES, type ParsedEnvelope } from './envelope.types.js';
import { checkEnvelopeShape } from './shape.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface ParseEnvelopeOptions {
  readonly maxBytes?: number;
}

/**
 * Turns untrusted bytes into a structurally valid envelope, without checking its signature.
 * The bytes must be the envelope's canonical JSON (RFC 8785) exactly: one encoding per
 * envelope, so the leaf hash is well defined.
 * Throws ValidationError, each failure with its own code: ENVELOPE_TOO_LARGE, ENVELOPE_NOT_UTF8,
 * ENVELOPE_TRUNCATED, JSON_INVALID, JSON_TOO_DEEP, ENVELOPE_DUPLICATE_KEY, JCS_NOT_IJSON,
 * ENVELOPE_WRONG_TYPE, ENVELOPE_INVALID, ENVELOPE_NOT_CANONICAL.
 */
export function parseEnvelope(bytes: Uint8Array, options: ParseEnvelopeOptions = {}): ParsedEnvelope {
  const max = options.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  if (bytes.length > max) {
    throw new ValidationError('ENVELOPE_TOO_LARGE', `envelope is ${bytes.length} bytes, the limit is ${max}`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (cause) {
    throw new ValidationError('ENVELOPE_NOT_UTF8', 'envelope bytes are not valid UTF-8', { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The fast parser only says "no"; the strict one says why, with a code per failure.
    parseJsonStrict(text);
    throw new ValidationError('JSON_INVALID', 'envelope is not JSON');
  }
  let envelope: ParsedEnvelope['envelope'];
  try {
    envelope = checkEnvelopeShape(value);
  } catch (shapeError) {
    // JSON.parse keeps the last copy of a repeated member, so a shape failure may only be the
    // symptom of a duplicate ("kind":"ping","kind":"pong"). The strict parser names the real
    // fault in the bytes; it runs only on this failure path, keeping valid envelopes fast.
    parseJsonStrict(text);
    throw shapeError;
  }
  // The same depth bound as the strict parser's, whichever path finds the nesting.
  const canonical = canonicalize(envelope, DEFAULT_MAX_JSON_DEPTH);
  if (canonical !== text) {
    // Duplicate member names collapse in JSON.parse; find them before calling it non-canonical.
    parseJsonStrict(text);
    throw new ValidationError('ENVELOPE_NOT_CANONICAL', 'envelope bytes are not its RFC 8785 canonical form');
  }
  if (!isNfc(envelope)) {
    throw new ValidationError('ENVELOPE_INVALID', 'envelope holds a string that is not in Unicode NFC');
  }
  // canonical === text and the decode was fatal, so the input bytes are the canonical bytes.
  const hash = hashLeaf(bytes);
  return { envelope, bytes, hash, hashHex: toHex(hash) };
}
