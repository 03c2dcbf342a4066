/**
 * Tokeniser for STIX 2.1 patterns, following the lexer rules of the OASIS ANTLR grammar
 * (`STIXPattern.g4`): keywords are upper-case and case-sensitive, `true`/`false` lower-case; strings
 * are single-quoted with only `\'` and `\\` as escapes; t'…', h'…' and b'…' are typed literals;
 * whitespace, `/* … *\/` and `// …` comments are skipped.
 */
import { patternError } from './pattern-error.js';
import { checkTimestamp } from './timestamp.js';

export const PATTERN_KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'EXISTS',
] as const;
export type PatternKeyword = (typeof PATTERN_KEYWORDS)[number];
const KEYWORDS: ReadonlySet<string> = new Set(PATTERN_KEYWORDS);

export type TokenKind =
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | 'op'
  | 'keyword'
  | 'ident'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Decoded value: string contents, canonical operator, keyword, digits. */
  readonly text: string;
  readonly offset: number;
}

const PUNCTUATION: ReadonlySet<string> = new Set(['[', ']', '(', ')', ':', ',', '*']);
// The grammar's WS rule: ASCII space and controls plus the Unicode spaces it lists.
const WHITESPACE = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const NUMBER = /^[+-]?(?:(?:0|[1-9][0-9]*)(?![0-9.])|[0-9]*\.[0-9]+)/;
const HEX_BODY = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64_BODY = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const TIMESTAMP_BODY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>'] as const;
const CANONICAL_OP: Readonly<Record<string, string>> = { '==': '=', '<>': '!=' };

/** Splits `text` into tokens, ending with one 'eof'. Throws ValidationError STIX_INVALID. */
export function tokenizePattern(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, offset: number): void => {
    tokens.push({ kind, text: value, offset });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw patternError(text, i, 'unterminated comment');
      i = end + 2;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if (PUNCTUATION.has(c)) {
      push(c as TokenKind, c, i++);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      push('op', CANONICAL_OP[op] ?? op, i);
      i += op.length;
      continue;
    }
    if (c === "'") {
      const [value, next] = readQuoted(text, i);
      push('string', value, start);
      i = next;
      continue;
    }
    if ((c === 't' || c === 'h' || c === 'b') && text[i + 1] === "'") {
      const [value, next] = readQuoted(text, i + 1);
      push(typedLiteralKind(text, c, value, start), value, start);
      i = next;
      continue;
    }
    const num = /[0-9+.-]/.test(c) ? NUMBER.exec(text.slice(i, i + 400)) : null;
    if (num !== null && !(c === '.' && afterPathElement(tokens))) {
      push(num[0].includes('.') ? 'float' : 'int', num[0], start);
      i += num[0].length;
      continue;
    }
    if (c === '.') {
      push('.', c, i++);
      continue;
    }
    if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i]!)) i++;
      const word = text.slice(start, i);
      if (word === 'true' || word === 'false') push('bool', word, start);
      else push(KEYWORDS.has(word) ? 'keyword' : 'ident', word, start);
      continue;
    }
    throw patternError(text, i, `unexpected character ${JSON.stringify(c)}`);
  }
  push('eof', '', text.length);
  return tokens;
}

/** A '.' right after a name or index is a path separator, not the start of a float like .5. */
function afterPathElement(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === 'ident' || last.kind === ']' || last.kind === 'string');
}

/** Reads a single-quoted string starting at `open`; returns its decoded value and the index after it. */
function readQuoted(text: string, open: number): [string, number] {
  let out = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") return [out, i + 1];
    if (c === '\\') {
      const n = text[i + 1];
      if (n !== "'" && n !== '\\')
        throw patternError(text, i, "only \\' and \\\\ may be escaped in a string");
      out += n;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw patternError(text, open, 'unterminated string');
}

function typedLiteralKind(text: string, prefix: string, body: string, offset: number): TokenKind {
  if (prefix === 'h') {
    if (!HEX_BODY.test(body))
      throw patternError(text, offset, `h'${body.slice(0, 40)}' is not an even number of hex digits`);
    return 'hex';
  }
  if (prefix === 'b') {
    if (!BASE64_BODY.test(body))
      throw patternError(text, offset, `b'${body.slice(0, 40)}' is not padded base64`);
    return 'binary';
  }
  const why = TIMESTAMP_BODY.test(body) ? checkTimestamp(body) : `'${body.slice(0, 40)}' is not a timestamp`;
  if (why !== undefined) throw patternError(text, offset, `timestamp literal ${why}`);
  return 'timestamp';
}
