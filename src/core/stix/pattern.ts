/**
 * Recursive-descent parser for STIX 2.1 patterns (STIX 2.1 §9; OASIS grammar `STIXPattern.g4`).
 *
 *   pattern      = obsFollowed EOF
 *   obsFollowed  = obsOr ("FOLLOWEDBY" obsOr)*          -- all binary operators associate left
 *   obsOr        = obsAnd ("OR" obsAnd)*
 *   obsAnd       = obsQualified ("AND" obsQualified)*
 *   obsQualified = ("[" cmpOr "]" | "(" obsFollowed ")") qualifier*
 *   qualifier    = "WITHIN" number "SECONDS" | "REPEATS" int "TIMES" | "START" t'…' "STOP" t'…'
 *   cmpOr        = cmpAnd ("OR" cmpAnd)*
 *   cmpAnd       = test ("AND" test)*
 *   test         = "(" cmpOr ")" | "EXISTS" path | path "NOT"? operator operand
 *   path         = type ":" (name | 'quoted') ("." (name | 'quoted') | "[" (int | "*") "]")*
 *
 * Beyond the grammar, as the OASIS pattern validator does: a qualifier kind may not repeat directly on
 * one bracketed observation, WITHIN and REPEATS take positive numbers (the spec says "positive"),
 * STOP must be later than START, and literals are well-formed (real dates, even hex, padded base64).
 */
import { patternError } from './pattern-error.js';
import { tokenizePattern, type PatternKeyword, type Token, type TokenKind } from './pattern-lexer.js';
import type {
  ComparisonExpression,
  ComparisonOperator,
  ObjectPath,
  ObservationExpression,
  PathStep,
  PatternLiteral,
  Qualifier,
  StixPattern,
} from './pattern.types.js';
import { compareTimestamps } from './timestamp.js';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'IN',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
];

/** Whether a comparison's value is the list of an IN test (Array.isArray does not narrow readonly arrays). */
export function isLiteralList(
  value: PatternLiteral | readonly PatternLiteral[],
): value is readonly PatternLiteral[] {
  return Array.isArray(value);
}

/** Deepest nesting of brackets and parentheses accepted, so hostile input cannot exhaust the stack. */
export const MAX_PATTERN_DEPTH = 64;

const STRING_OPERATORS: ReadonlySet<string> = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const ORDER_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUALIFIER_NAMES: Readonly<Record<Qualifier['kind'], string>> = {
  within: 'WITHIN',
  repeats: 'REPEATS',
  'start-stop': 'START/STOP',
};

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): StixPattern {
    const first = this.peek();
    if (first.kind !== '[' && first.kind !== '(') throw this.fail(first, "a pattern starts with '[' or '('");
    const expr = this.obsFollowed();
    const rest = this.peek();
    if (rest.kind !== 'eof') throw this.fail(rest, `unexpected ${describe(rest)} after the pattern`);
    return expr;
  }

  private obsFollowed(): ObservationExpression {
    return this.leftAssoc(() => this.obsOr(), 'FOLLOWEDBY');
  }

  private obsOr(): ObservationExpression {
    return this.leftAssoc(() => this.obsAnd(), 'OR');
  }

  private obsAnd(): ObservationExpression {
    return this.leftAssoc(() => this.obsQualified(), 'AND');
  }

  private leftAssoc(
    next: () => ObservationExpression,
    keyword: 'AND' | 'OR' | 'FOLLOWEDBY',
  ): ObservationExpression {
    let left = next();
    while (this.isKeyword(keyword)) {
      this.pos++;
      const right = next();
      left = { kind: 'observation-op', operator: keyword, left, right, offset: left.offset };
    }
    return left;
  }

  private obsQualified(): ObservationExpression {
    const open = this.peek();
    let expr: ObservationExpression;
    let seen: Set<string> | undefined;
    this.enter(open);
    if (open.kind === '[') {
      this.pos++;
      const comparison = this.cmpOr();
      this.expect(']', "']' closing the observation");
      expr = { kind: 'observation', comparison, offset: open.offset };
      seen = new Set();
    } else if (open.kind === '(') {
      this.pos++;
      expr = this.obsFollowed();
      this.expect(')', "')' closing the observation group");
    } else {
      throw this.fail(open, `expected '[' or '(' to start an observation, found ${describe(open)}`);
    }
    this.depth--;
    for (let q = this.qualifier(); q !== undefined; q = this.qualifier()) {
      if (seen?.has(q.kind))
        throw patternError(this.text, q.offset, `duplicate ${QUALIFIER_NAMES[q.kind]} qualifier`);
      seen?.add(q.kind);
      expr = { kind: 'qualified', qualifier: q, expression: expr, offset: expr.offset };
    }
    return expr;
  }

  private qualifier(): Qualifier | undefined {
    const t = this.peek();
    if (t.kind !== 'keyword') return undefined;
    if (t.text === 'WITHIN') {
      this.pos++;
      const n = this.next();
      if ((n.kind !== 'int' && n.kind !== 'float') || !(Number(n.text) > 0))
        throw this.fail(n, 'WITHIN takes a positive number of seconds');
      this.expectKeyword('SECONDS');
      return { kind: 'within', seconds: Number(n.text), offset: t.offset };
    }
    if (t.text === 'REPEATS') {
      this.pos++;
      const n = this.next();
      if (n.kind !== 'int' || !(Number(n.text) > 0)) throw this.fail(n, 'REPEATS takes a positive integer');
      this.expectKeyword('TIMES');
      return { kind: 'repeats', times: Number(n.text), offset: t.offset };
    }
    if (t.text === 'START') {
      this.pos++;
      const start = this.expect('timestamp', "a t'…' timestamp after START");
      this.expectKeyword('STOP');
      const stop = this.expect('timestamp', "a t'…' timestamp after STOP");
      if (compareTimestamps(stop.text, start.text) <= 0)
        throw this.fail(stop, 'STOP must be later than START');
      return { kind: 'start-stop', start: start.text, stop: stop.text, offset: t.offset };
    }
    return undefined;
  }

  private cmpOr(): ComparisonExpression {
    let left = this.cmpAnd();
    while (this.isKeyword('OR')) {
      this.pos++;
      left = { kind: 'comparison-op', operator: 'OR', left, right: this.cmpAnd(), offset: left.offset };
    }
    return left;
  }

  private cmpAnd(): ComparisonExpression {
    let left = this.test();
    while (this.isKeyword('AND')) {
      this.pos++;
      left = { kind: 'comparison-op', operator: 'AND', left, right: this.test(), offset: left.offset };
    }
    return left;
  }

  private test(): ComparisonExpression {
    const t = this.peek();
    if (t.kind === '(') {
      this.enter(t);
      this.pos++;
      const inner = this.cmpOr();
      this.expect(')', "')' closing the comparison group");
      this.depth--;
      return inner;
    }
    if (t.kind === 'keyword' && t.text === 'EXISTS') {
      this.pos++;
      return { kind: 'exists', path: this.objectPath(), offset: t.offset };
    }
    const path = this.objectPath();
    const negated = this.isKeyword('NOT');
    if (negated) this.pos++;
    const opTok = this.next();
    const operator = operatorOf(opTok);
    if (operator === undefined)
      throw this.fail(opTok, `expected a comparison operator, found ${describe(opTok)}`);
    return { kind: 'comparison', path, operator, negated, value: this.operand(operator), offset: t.offset };
  }

  private operand(operator: ComparisonOperator): PatternLiteral | readonly PatternLiteral[] {
    if (operator === 'IN') {
      this.expect('(', "'(' opening the IN set");
      const items: PatternLiteral[] = [];
      if (this.peek().kind !== ')') {
        do items.push(this.literal(false));
        while (this.accept(','));
      }
      this.expect(')', "')' closing the IN set");
      return items;
    }
    if (STRING_OPERATORS.has(operator)) {
      const s = this.expect('string', `a quoted string after ${operator}`);
      return { kind: 'string', value: s.text, offset: s.offset };
    }
    return this.literal(ORDER_OPERATORS.has(operator));
  }

  private literal(orderable: boolean): PatternLiteral {
    const t = this.next();
    switch (t.kind) {
      case 'string':
      case 'timestamp':
      case 'hex':
      case 'binary':
        return { kind: t.kind, value: t.text, offset: t.offset };
      case 'int':
      case 'float':
        return { kind: t.kind, value: Number(t.text), text: t.text, offset: t.offset };
      case 'bool':
        if (orderable) throw this.fail(t, 'a boolean cannot be ordered');
        return { kind: 'bool', value: t.text === 'true', offset: t.offset };
      default:
        throw this.fail(t, `expected a literal, found ${describe(t)}`);
    }
  }

  private objectPath(): ObjectPath {
    const type = this.expect('ident', 'an object type');
    this.expect(':', `':' after the object type '${type.text}'`);
    const steps: PathStep[] = [{ kind: 'key', name: this.pathName() }];
    for (;;) {
      if (this.accept('.')) {
        steps.push({ kind: 'key', name: this.pathName() });
      } else if (this.peek().kind === '[') {
        this.pos++;
        const idx = this.next();
        if (idx.kind === '*') steps.push({ kind: 'index', index: '*' });
        else if (idx.kind === 'int') steps.push({ kind: 'index', index: Number(idx.text) });
        else throw this.fail(idx, `expected an index or '*', found ${describe(idx)}`);
        this.expect(']', "']' closing the index");
      } else {
        return { objectType: type.text, steps, offset: type.offset };
      }
    }
  }

  /** A property name: unquoted names may not contain '-' (quote them: 'SHA-256'). */
  private pathName(): string {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if ((t.kind === 'ident' || t.kind === 'keyword' || t.kind === 'bool') && PROPERTY_NAME.test(t.text))
      return t.text;
    if (t.kind === 'ident') throw this.fail(t, `property name '${t.text}' has a '-'; quote it`);
    throw this.fail(t, `expected a property name, found ${describe(t)}`);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_PATTERN_DEPTH) throw this.fail(t, `nesting deeper than ${MAX_PATTERN_DEPTH}`);
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private accept(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.pos++;
    return true;
  }

  private isKeyword(word: PatternKeyword): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.text === word;
  }

  private expect(kind: TokenKind, what: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw this.fail(t, `expected ${what}, found ${describe(t)}`);
    return t;
  }

  private expectKeyword(word: PatternKeyword): void {
    const t = this.next();
    if (t.kind !== 'keyword' || t.text !== word) throw this.fail(t, `expected ${word}, found ${describe(t)}`);
  }

  private fail(t: Token, problem: string): Error {
    return patternError(this.text, t.offset, problem);
  }
}

function operatorOf(t: Token): ComparisonOperator | undefined {
  if (t.kind === 'op') return t.text as ComparisonOperator;
  if (t.kind === 'keyword' && (t.text === 'IN' || STRING_OPERATORS.has(t.text)))
    return t.text as ComparisonOperator;
  return undefined;
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of pattern';
  return `'${t.text.slice(0, 40)}'`;
}

/**
 * Parses a STIX 2.1 pattern into its syntax tree.
 * Throws ValidationError STIX_INVALID whose `details` hold `offset`, `line` and `column`.
 * @see STIX 2.1 §9 (Patterning)
 */
export function parsePattern(text: string): StixPattern {
  if (typeof text !== 'string') throw patternError('', 0, 'pattern must be a string');
  return new Parser(text, tokenizePattern(text)).parse();
}
