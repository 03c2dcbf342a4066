import { ValidationError, type ValidationCode } from '../errors.js';
import type { JsonValue } from './canonicalize.js';

/** Deepest nesting of arrays and objects accepted from untrusted input. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * Parses JSON text strictly (RFC 8259 grammar, I-JSON rules of RFC 7493): duplicate member
 * names, lone surrogates, nesting deeper than `maxDepth` and trailing text are errors.
 * Slower than JSON.parse; Parley uses it to diagnose input that the fast path refused, so that
 * each kind of bad input gets its own code.
 * Throws ValidationError: JSON_INVALID, ENVELOPE_TRUNCATED (input ended early),
 * ENVELOPE_DUPLICATE_KEY, JSON_TOO_DEEP, JCS_NOT_IJSON.
 */
export function parseJsonStrict(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): JsonValue {
  const p = new Parser(text, maxDepth);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i !== text.length) p.fail('JSON_INVALID', 'unexpected text after the JSON value');
  return v;
}

class Parser {
  i = 0;
  constructor(
    readonly s: string,
    readonly maxDepth: number,
  ) {}

  fail(code: ValidationCode, what: string): never {
    throw new ValidationError(code, `${what} at offset ${this.i}`, { details: { offset: this.i } });
  }

  eof(): never {
    this.fail('ENVELOPE_TRUNCATED', 'input ended inside a JSON value');
  }

  ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else return;
    }
  }

  value(depth: number): JsonValue {
    if (this.i >= this.s.length) this.eof();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.number();
  }

  literal<T extends JsonValue>(word: string, v: T): T {
    const got = this.s.slice(this.i, this.i + word.length);
    if (got !== word) {
      if (word.startsWith(got) && this.i + got.length >= this.s.length) this.eof();
      this.fail('JSON_INVALID', `expected ${word}`);
    }
    this.i += word.length;
    return v;
  }

  number(): number {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) {
      if (this.s[this.i] === '-' && this.i + 1 >= this.s.length) this.eof();
      this.fail('JSON_INVALID', 'expected a JSON value');
    }
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail('JCS_NOT_IJSON', 'number out of IEEE 754 double range');
    return n;
  }

  string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.eof();
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('JSON_INVALID', 'control character in string');
      if (c === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === undefined) this.eof();
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (hex.length < 4 && this.i + 6 > this.s.length) this.eof();
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('JSON_INVALID', 'bad \\u escape');
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) this.fail('JSON_INVALID', 'bad escape');
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.i++;
    const v = JSON.parse(this.s.slice(start, this.i)) as string;
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v)) {
      this.fail('JCS_NOT_IJSON', 'string holds a lone surrogate');
    }
    return v;
  }

  array(depth: number): JsonValue[] {
    if (depth > this.maxDepth) this.fail('JSON_TOO_DEEP', `nesting deeper than ${this.maxDepth}`);
    this.i++;
    const out: JsonValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth));
      this.ws();
      if (this.i >= this.s.length) this.eof();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail('JSON_INVALID', "expected ',' or ']'");
    }
  }

  object(depth: number): { [k: string]: JsonValue } {
    if (depth > this.maxDepth) this.fail('JSON_TOO_DEEP', `nesting deeper than ${this.maxDepth}`);
    this.i++;
    const out: { [k: string]: JsonValue } = Object.create(null) as { [k: string]: JsonValue };
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { ...out };
    }
    for (;;) {
      this.ws();
      if (this.i >= this.s.length) this.eof();
      if (this.s[this.i] !== '"') this.fail('JSON_INVALID', 'expected a member name');
      const keyAt = this.i;
      const k = this.string();
      if (seen.has(k)) {
        this.i = keyAt;
        this.fail('ENVELOPE_DUPLICATE_KEY', `duplicate member name ${JSON.stringify(k.slice(0, 40))}`);
      }
      seen.add(k);
      this.ws();
      if (this.i >= this.s.length) this.eof();
      if (this.s[this.i++] !== ':') this.fail('JSON_INVALID', "expected ':'");
      this.ws();
      out[k] = this.value(depth);
      this.ws();
      if (this.i >= this.s.length) this.eof();
      const c = this.s[this.i++];
      if (c === '}') return { ...out };
      if (c !== ',') this.fail('JSON_INVALID', "expected ',' or '}'");
    }
  }
}
