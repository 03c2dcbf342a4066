/**
 * The part of RFC 8941 (Structured Field Values for HTTP) that Signature-Input, Signature and
 * Content-Digest need: dictionaries whose members are items or inner lists, with parameters, and the
 * bare item types integer, decimal, string, token, byte sequence and boolean. Parsing follows the
 * algorithms of RFC 8941 §4.2 and fails the whole field on any error, as §4.2 requires; serialising
 * follows §4.1, which is what makes a re-serialised Signature-Input equal the signer's.
 */
import { fromBase64, toBase64 } from '../bytes/index.js';
import { HttpSigError } from './httpsig-error.js';

export type BareItem =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'token'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'boolean'; readonly value: boolean };

/** Parameters keep their order: the serialised Signature-Input must come out byte for byte as it came in. */
export type Parameters = ReadonlyArray<readonly [string, BareItem]>;

export interface Item {
  readonly kind: 'item';
  readonly value: BareItem;
  readonly params: Parameters;
}

export interface InnerList {
  readonly kind: 'inner-list';
  readonly items: readonly Item[];
  readonly params: Parameters;
}

export type DictMember = Item | InnerList;

const KEY_RE = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN_RE = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;
const TCHAR_RE = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const MAX_INTEGER = 999_999_999_999_999;

function malformed(field: string, why: string, at: number): never {
  throw new HttpSigError('HTTPSIG_MALFORMED', `${field}: ${why} at offset ${at}`, {
    details: { field, offset: at },
  });
}

class Parser {
  pos = 0;
  constructor(
    readonly s: string,
    readonly field: string,
  ) {}

  fail(why: string): never {
    return malformed(this.field, why, this.pos);
  }

  skipSp(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }

  skipOws(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  key(): string {
    const start = this.pos;
    const c = this.s[this.pos];
    if (c === undefined || !/[a-z*]/.test(c)) this.fail('expected a key');
    this.pos++;
    while (this.pos < this.s.length && /[a-z0-9_\-.*]/.test(this.s[this.pos]!)) this.pos++;
    return this.s.slice(start, this.pos);
  }

  params(): Array<[string, BareItem]> {
    const out: Array<[string, BareItem]> = [];
    while (this.s[this.pos] === ';') {
      this.pos++;
      this.skipSp();
      const k = this.key();
      let v: BareItem = { type: 'boolean', value: true };
      if (this.s[this.pos] === '=') {
        this.pos++;
        v = this.bareItem();
      }
      // RFC 8941 lets a repeated parameter overwrite the earlier one; a signer never needs to repeat
      // one, and two readings of one header are how signature confusion starts, so refuse.
      if (out.some(([name]) => name === k)) this.fail(`repeated parameter ${k}`);
      out.push([k, v]);
    }
    return out;
  }

  bareItem(): BareItem {
    const c = this.s[this.pos];
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') return this.boolean();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c !== undefined && /[A-Za-z*]/.test(c)) return this.token();
    return this.fail('expected an item');
  }

  number(): BareItem {
    const m = /^(-?)(\d{1,15})(?:\.(\d{1,3}))?/.exec(this.s.slice(this.pos));
    if (!m) return this.fail('expected a number');
    if (m[3] !== undefined && m[2]!.length > 12) this.fail('decimal with more than 12 integer digits');
    const next = this.s[this.pos + m[0].length];
    if (next !== undefined && /[\d.]/.test(next)) this.fail('number too long');
    this.pos += m[0].length;
    const value = Number(m[0]);
    return m[3] === undefined ? { type: 'integer', value } : { type: 'decimal', value };
  }

  string(): BareItem {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.s[this.pos++];
      if (c === undefined) return this.fail('unterminated string');
      if (c === '"') return { type: 'string', value: out };
      if (c === '\\') {
        const e = this.s[this.pos++];
        if (e !== '"' && e !== '\\') this.fail('bad escape in string');
        out += e;
        continue;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) this.fail('character outside printable ASCII in string');
      out += c;
    }
  }

  token(): BareItem {
    const start = this.pos++;
    while (this.pos < this.s.length && TCHAR_RE.test(this.s[this.pos]!)) this.pos++;
    return { type: 'token', value: this.s.slice(start, this.pos) };
  }

  bytes(): BareItem {
    const end = this.s.indexOf(':', this.pos + 1);
    if (end < 0) this.fail('unterminated byte sequence');
    let b64 = this.s.slice(this.pos + 1, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) this.fail('byte sequence is not base64');
    // RFC 8941 §4.2.7: parsers SHOULD accept missing "=" padding.
    if (!b64.endsWith('=')) b64 += '='.repeat((4 - (b64.length % 4)) % 4);
    const value = fromBase64(b64);
    if (value === undefined) this.fail('byte sequence is not canonical base64');
    this.pos = end + 1;
    return { type: 'bytes', value };
  }

  boolean(): BareItem {
    const d = this.s[this.pos + 1];
    if (d !== '0' && d !== '1') this.fail('expected ?0 or ?1');
    this.pos += 2;
    return { type: 'boolean', value: d === '1' };
  }

  innerList(): InnerList {
    this.pos++;
    const items: Item[] = [];
    for (;;) {
      this.skipSp();
      if (this.s[this.pos] === ')') {
        this.pos++;
        return { kind: 'inner-list', items, params: this.params() };
      }
      const value = this.bareItem();
      items.push({ kind: 'item', value, params: this.params() });
      const c = this.s[this.pos];
      if (c !== ' ' && c !== ')') this.fail('expected space or ) in inner list');
    }
  }
}

/**
 * Parses an RFC 8941 dictionary (§4.2.2). Throws HttpSigError HTTPSIG_MALFORMED on any syntax error
 * and on a repeated key or parameter (RFC 8941 would keep the last one; Parley refuses the ambiguity).
 */
export function parseDictionary(input: string, field: string): Map<string, DictMember> {
  const p = new Parser(input, field);
  const out = new Map<string, DictMember>();
  p.skipSp();
  if (p.pos === input.length) return out;
  for (;;) {
    const key = p.key();
    let member: DictMember;
    if (input[p.pos] === '=') {
      p.pos++;
      member =
        input[p.pos] === '(' ? p.innerList() : { kind: 'item', value: p.bareItem(), params: p.params() };
    } else {
      member = { kind: 'item', value: { type: 'boolean', value: true }, params: p.params() };
    }
    if (out.has(key)) p.fail(`repeated key ${key}`);
    out.set(key, member);
    p.skipOws();
    if (p.pos === input.length) return out;
    if (input[p.pos] !== ',') p.fail('expected , between members');
    p.pos++;
    p.skipOws();
    if (p.pos === input.length) p.fail('trailing comma');
  }
}

/** Serialises a bare item (RFC 8941 §4.1.3). Throws HTTPSIG_MALFORMED for a value no field may carry. */
export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      if (!Number.isSafeInteger(item.value) || Math.abs(item.value) > MAX_INTEGER) {
        return malformed('structured field', `integer ${item.value} out of range`, 0);
      }
      return String(item.value);
    case 'decimal': {
      const rounded = Math.round(item.value * 1000) / 1000;
      const s = String(rounded);
      return s.includes('.') ? s : `${s}.0`;
    }
    case 'string':
      if (!/^[\x20-\x7e]*$/.test(item.value))
        return malformed('structured field', 'string with non-printable characters', 0);
      return `"${item.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case 'token':
      if (!TOKEN_RE.test(item.value)) return malformed('structured field', `invalid token ${item.value}`, 0);
      return item.value;
    case 'bytes':
      return `:${toBase64(item.value)}:`;
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

/** Serialises parameters (RFC 8941 §4.1.1.2); a true boolean is written as the bare key. */
export function serializeParams(params: Parameters): string {
  let out = '';
  for (const [k, v] of params) {
    if (!KEY_RE.test(k)) malformed('structured field', `invalid parameter key ${k}`, 0);
    out += v.type === 'boolean' && v.value ? `;${k}` : `;${k}=${serializeBareItem(v)}`;
  }
  return out;
}

/** Serialises an inner list with its parameters (RFC 8941 §4.1.1.1). */
export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map((i) => serializeBareItem(i.value) + serializeParams(i.params)).join(' ')})${serializeParams(list.params)}`;
}

/** Serialises one dictionary member as `key=value` (RFC 8941 §4.1.2). */
export function serializeMember(key: string, member: DictMember): string {
  if (!KEY_RE.test(key)) malformed('structured field', `invalid key ${key}`, 0);
  if (member.kind === 'inner-list') return `${key}=${serializeInnerList(member)}`;
  if (member.value.type === 'boolean' && member.value.value) return key + serializeParams(member.params);
  return `${key}=${serializeBareItem(member.value)}${serializeParams(member.params)}`;
}

/** True when `key` is a valid dictionary key or parameter name. */
export function isKey(key: string): boolean {
  return KEY_RE.test(key);
}
