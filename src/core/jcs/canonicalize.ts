import { ValidationError } from '../errors.js';

/** A JSON value as RFC 8785 sees it: I-JSON (RFC 7493) with finite numbers only. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// A lone surrogate cannot be encoded in UTF-8, so I-JSON (RFC 7493 §2.1) forbids it.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Serialises a value in the RFC 8785 canonical form (JCS): object members sorted by the UTF-16
 * code units of their names (§3.2.3), numbers in the ECMAScript form (§3.2.2.3), strings with
 * the minimal JSON escapes (§3.2.2.2), no whitespace.
 * Throws ValidationError JCS_NOT_IJSON for non-finite numbers, lone surrogates, and values
 * that JSON cannot carry (undefined, functions, bigint, symbols), and JSON_TOO_DEEP when arrays
 * and objects nest deeper than `maxDepth` (the outermost is depth 1). The bound is explicit so
 * that untrusted input never meets the engine's stack limit, which varies with JIT state.
 */
export function canonicalize(value: unknown, maxDepth = Number.POSITIVE_INFINITY): string {
  return write(value, 0, maxDepth);
}

function tooDeep(maxDepth: number): never {
  throw new ValidationError('JSON_TOO_DEEP', `nesting deeper than ${maxDepth}`);
}

function write(value: unknown, depth: number, maxDepth: number): string {
  switch (typeof value) {
    case 'string':
      return writeString(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new ValidationError('JCS_NOT_IJSON', `number ${value} is not finite`);
      // ECMAScript Number::toString is exactly the RFC 8785 §3.2.2.3 serialisation (and -0 → "0").
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= maxDepth) tooDeep(maxDepth);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + write(value[i], depth + 1, maxDepth);
        return out + ']';
      }
      if (value instanceof Uint8Array)
        throw new ValidationError('JCS_NOT_IJSON', 'bytes must be encoded as a string');
      const keys = Object.keys(value).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + writeString(k) + ':' + write(v, depth + 1, maxDepth);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new ValidationError('JCS_NOT_IJSON', `a ${typeof value} cannot be expressed in JSON`);
  }
}

function writeString(s: string): string {
  if (ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s))
    throw new ValidationError('JCS_NOT_IJSON', 'string holds a lone surrogate');
  // JSON.stringify (ES2019+) emits exactly RFC 8785 §3.2.2.2's escapes for well-formed strings.
  return JSON.stringify(s);
}

/**
 * Returns a deep copy of a JSON value with every string (member names included) in Unicode
 * Normalization Form C, so that visually identical text signs to identical bytes.
 */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normalizeNfc(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = normalizeNfc(v);
    return out as T;
  }
  return value;
}

/** True when every string in the value (member names included) is already NFC. */
export function isNfc(value: unknown): boolean {
  if (typeof value === 'string') return isNfcString(value);
  if (Array.isArray(value)) return value.every(isNfc);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!isNfcString(k) || !isNfc(v)) return false;
  }
  return true;
}

// ASCII text is always NFC; testing for it first keeps the common case cheap.
const ASCII = /^[\x00-\x7f]*$/;
function isNfcString(s: string): boolean {
  return ASCII.test(s) || s.normalize('NFC') === s;
}
