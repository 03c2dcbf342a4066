/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 §9, grammar: oasis-open/cti-stix2-json-schemas
 * `pattern_grammar/STIXPattern.g4`). Every node carries `offset`, the index in the pattern text of
 * its first character, so that later checks can point at it.
 */
export interface PatternStringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly offset: number;
}
/** `text` keeps the digits: integers beyond 2^53 (serial numbers, sizes) lose precision in `value`. */
export interface PatternIntLiteral {
  readonly kind: 'int';
  readonly value: number;
  readonly text: string;
  readonly offset: number;
}
export interface PatternFloatLiteral {
  readonly kind: 'float';
  readonly value: number;
  readonly text: string;
  readonly offset: number;
}
export interface PatternBoolLiteral {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly offset: number;
}
/** `value` is the timestamp text inside t'…', already checked as a STIX timestamp. */
export interface PatternTimestampLiteral {
  readonly kind: 'timestamp';
  readonly value: string;
  readonly offset: number;
}
/** `value` is the hex digits inside h'…' (an even number of them). */
export interface PatternHexLiteral {
  readonly kind: 'hex';
  readonly value: string;
  readonly offset: number;
}
/** `value` is the base64 text inside b'…' (padded, non-empty). */
export interface PatternBinaryLiteral {
  readonly kind: 'binary';
  readonly value: string;
  readonly offset: number;
}

export type PatternLiteral =
  | PatternStringLiteral
  | PatternIntLiteral
  | PatternFloatLiteral
  | PatternBoolLiteral
  | PatternTimestampLiteral
  | PatternHexLiteral
  | PatternBinaryLiteral;

/** A dictionary key or property name (quoted or not), or a list index (`*` = any element). */
export type PathStep =
  { readonly kind: 'key'; readonly name: string } | { readonly kind: 'index'; readonly index: number | '*' };

/** `file:hashes.'SHA-256'` → objectType 'file', steps [key hashes, key SHA-256]. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly offset: number;
}

/** `==` and `<>` are read as `=` and `!=`. */
export type ComparisonOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type ComparisonExpression =
  | {
      readonly kind: 'comparison';
      readonly path: ObjectPath;
      readonly operator: ComparisonOperator;
      readonly negated: boolean;
      /** A list for IN, one literal otherwise. */
      readonly value: PatternLiteral | readonly PatternLiteral[];
      readonly offset: number;
    }
  | { readonly kind: 'exists'; readonly path: ObjectPath; readonly offset: number }
  | {
      readonly kind: 'comparison-op';
      readonly operator: 'AND' | 'OR';
      readonly left: ComparisonExpression;
      readonly right: ComparisonExpression;
      readonly offset: number;
    };

export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number; readonly offset: number }
  | { readonly kind: 'repeats'; readonly times: number; readonly offset: number }
  | { readonly kind: 'start-stop'; readonly start: string; readonly stop: string; readonly offset: number };

export type ObservationExpression =
  | { readonly kind: 'observation'; readonly comparison: ComparisonExpression; readonly offset: number }
  | {
      readonly kind: 'observation-op';
      readonly operator: 'AND' | 'OR' | 'FOLLOWEDBY';
      readonly left: ObservationExpression;
      readonly right: ObservationExpression;
      readonly offset: number;
    }
  | {
      readonly kind: 'qualified';
      readonly qualifier: Qualifier;
      readonly expression: ObservationExpression;
      readonly offset: number;
    };

/** A parsed pattern: its top observation expression. */
export type StixPattern = ObservationExpression;
