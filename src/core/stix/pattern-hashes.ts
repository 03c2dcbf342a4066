/**
 * Hash values compared in a pattern must fit their algorithm (STIX 2.1 §10.1 hash-algorithm-ov):
 * `[file:hashes.MD5 = 'abc']` can never match and is almost always a typo. The OASIS pattern validator
 * rejects these too. Unknown algorithm names pass (the vocabulary is open).
 */
import { isLiteralList } from './pattern.js';
import type { ComparisonExpression, ObservationExpression } from './pattern.types.js';

const HEX = (lengths: readonly number[]): RegExp =>
  new RegExp(`^(?:${lengths.map((n) => `[0-9a-fA-F]{${n}}`).join('|')})$`);

const HASH_FORMATS: ReadonlyMap<string, RegExp> = new Map([
  ['MD5', HEX([32])],
  ['SHA1', HEX([40])],
  ['SHA224', HEX([56])],
  ['SHA256', HEX([64])],
  ['SHA384', HEX([96])],
  ['SHA512', HEX([128])],
  ['SHA3224', HEX([56])],
  ['SHA3256', HEX([64])],
  ['SHA3384', HEX([96])],
  ['SHA3512', HEX([128])],
  ['RIPEMD160', HEX([40])],
  ['WHIRLPOOL', HEX([128])],
  ['SSDEEP', /^[a-zA-Z0-9/+:.]{1,128}$/],
]);

/** A hash literal that cannot be a value of its algorithm. */
export interface PatternHashProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * Every comparison (leaf) in a pattern, left to right. Iterative: a flat chain of thousands of ORs
 * is a left-deep tree, and recursion would overflow the stack on hostile input.
 */
export function patternComparisons(expr: ObservationExpression): ComparisonExpression[] {
  const out: ComparisonExpression[] = [];
  const stack: (ObservationExpression | ComparisonExpression)[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'observation-op':
      case 'comparison-op':
        stack.push(node.right, node.left);
        break;
      case 'qualified':
        stack.push(node.expression);
        break;
      case 'observation':
        stack.push(node.comparison);
        break;
      default:
        out.push(node);
    }
  }
  return out;
}

/** Checks `hashes.<algo> = '<value>'` comparisons; [] when all fit. */
export function checkPatternHashes(expr: ObservationExpression): PatternHashProblem[] {
  const problems: PatternHashProblem[] = [];
  for (const c of patternComparisons(expr)) {
    if (c.kind !== 'comparison' || (c.operator !== '=' && c.operator !== '!=')) continue;
    const value = c.value;
    if (isLiteralList(value)) continue;
    const steps = c.path.steps;
    const last = steps[steps.length - 1];
    const parent = steps[steps.length - 2];
    if (value.kind !== 'string' || last?.kind !== 'key' || parent?.kind !== 'key' || parent.name !== 'hashes')
      continue;
    const format = HASH_FORMATS.get(last.name.toUpperCase().replace(/-/g, ''));
    if (format !== undefined && !format.test(value.value)) {
      problems.push({
        offset: value.offset,
        message: `'${value.value.slice(0, 80)}' is not a valid ${last.name} hash`,
      });
    }
  }
  return problems;
}
