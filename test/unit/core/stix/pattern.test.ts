// The STIX 2.1 pattern parser: spec examples, the OASIS pattern validator's cases, every pattern in the
// fixtures, our own invalid patterns with the offset of the reported problem, and the tree's shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../../src/core/errors.js';
import {
  checkPatternHashes,
  isLiteralList,
  parsePattern,
  patternComparisons,
  type ObservationExpression,
} from '../../../../src/core/stix/index.js';
import { fixtureObjects, listStixFixtures, readStixFixture } from './fixture-files.js';
import { INVALID_PATTERNS, SPEC_EXAMPLES, VALIDATOR_FAIL, VALIDATOR_PASS } from './pattern-cases.js';

function assertRejects(pattern: string, offset?: number): void {
  assert.throws(
    () => parsePattern(pattern),
    (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.code, 'STIX_INVALID');
      const details = e.details as { offset: number; line: number; column: number };
      assert.equal(typeof details.offset, 'number');
      assert.equal(details.column, details.offset + 1);
      if (offset !== undefined) assert.equal(details.offset, offset, e.message);
      return true;
    },
  );
}

/** Rejected by the parser, or (hash formats) by the semantic check the object validator runs. */
function rejectedAtAll(pattern: string): boolean {
  try {
    return checkPatternHashes(parsePattern(pattern)).length > 0;
  } catch (e) {
    if (e instanceof ValidationError) return true;
    throw e;
  }
}

describe('parsePattern', () => {
  describe('STIX 2.1 §9 examples', () => {
    for (const p of SPEC_EXAMPLES) it(p, () => assert.equal(checkPatternHashes(parsePattern(p)).length, 0));
  });

  describe('cti-pattern-validator pass cases', () => {
    for (const p of VALIDATOR_PASS) it(p, () => void parsePattern(p));
  });

  describe('cti-pattern-validator fail cases', () => {
    for (const [p, why] of VALIDATOR_FAIL) it(why, () => assert.ok(rejectedAtAll(p)));
    it('the malformed SHA-256 case is caught by the hash check', () => {
      const problems = checkPatternHashes(parsePattern("[file:hashes.'SHA-256' = 'f00']"));
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.offset, 25);
    });
  });

  describe('every pattern in the fixtures', () => {
    const patterns: string[] = [];
    for (const rel of listStixFixtures()) {
      for (const o of fixtureObjects(readStixFixture(rel))) {
        if (o['pattern_type'] === 'stix' && typeof o['pattern'] === 'string') patterns.push(o['pattern']);
      }
    }
    it('finds them', () => assert.ok(patterns.length >= 60, `${patterns.length}`));
    for (const p of new Set(patterns)) it(p.slice(0, 120), () => void parsePattern(p));
  });

  describe('invalid patterns', () => {
    for (const [p, why, offset] of INVALID_PATTERNS)
      it(`${why}: ${p.slice(0, 60)}`, () => assertRejects(p, offset));
    it('rejects a non-string', () => assertRejects(42 as unknown as string, 0));
    it('reports line and column on multi-line patterns', () => {
      try {
        parsePattern('[a:b = 1]\nAND\n[c:d = ]');
        assert.fail('parsed');
      } catch (e) {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.details, { offset: 21, line: 3, column: 8 });
      }
    });
  });

  describe('tree', () => {
    it('binds AND tighter than OR, and OR tighter than FOLLOWEDBY; all associate left', () => {
      const t = parsePattern(
        '[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3] AND [a:b = 4] FOLLOWEDBY [a:b = 5]',
      );
      assert.equal(t.kind, 'observation-op');
      if (t.kind !== 'observation-op') return;
      assert.equal(t.operator, 'FOLLOWEDBY');
      assert.equal(t.right.kind, 'observation');
      const inner = t.left;
      assert.ok(inner.kind === 'observation-op' && inner.operator === 'FOLLOWEDBY');
      const or = inner.right;
      assert.ok(or.kind === 'observation-op' && or.operator === 'OR');
      assert.ok(or.right.kind === 'observation-op' && or.right.operator === 'AND');
    });

    it('applies a qualifier to the nearest observation or group', () => {
      const t = parsePattern('[a:b = 1] AND [c:d = 2] WITHIN 5 SECONDS');
      assert.ok(t.kind === 'observation-op' && t.right.kind === 'qualified');
      const g = parsePattern(
        "([a:b = 1] AND [c:d = 2]) REPEATS 3 TIMES WITHIN 1.5 SECONDS START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'",
      );
      const kinds: string[] = [];
      let node: ObservationExpression = g;
      while (node.kind === 'qualified') {
        kinds.push(node.qualifier.kind);
        node = node.expression;
      }
      assert.deepEqual(kinds, ['start-stop', 'within', 'repeats']);
      assert.equal(node.kind, 'observation-op');
    });

    it('keeps comparison precedence: AND over OR, parentheses first', () => {
      const t = parsePattern('[a:b = 1 OR a:c = 2 AND (a:d = 3 OR a:e = 4)]');
      assert.ok(t.kind === 'observation');
      const c = t.comparison;
      assert.ok(c.kind === 'comparison-op' && c.operator === 'OR');
      assert.ok(c.right.kind === 'comparison-op' && c.right.operator === 'AND');
      assert.ok(c.right.right.kind === 'comparison-op' && c.right.right.operator === 'OR');
    });

    it('decodes object paths: quoted keys, indexes, star', () => {
      const [c] = patternComparisons(
        parsePattern("[file:extensions.'windows-pebinary-ext'.sections[*].names[-1].'x y' = 'v']"),
      );
      assert.ok(c?.kind === 'comparison');
      assert.equal(c.path.objectType, 'file');
      assert.deepEqual(c.path.steps, [
        { kind: 'key', name: 'extensions' },
        { kind: 'key', name: 'windows-pebinary-ext' },
        { kind: 'key', name: 'sections' },
        { kind: 'index', index: '*' },
        { kind: 'key', name: 'names' },
        { kind: 'index', index: -1 },
        { kind: 'key', name: 'x y' },
      ]);
    });

    it('decodes every literal kind', () => {
      const cs = patternComparisons(
        parsePattern(
          String.raw`[a:s = 'it\'s a \\ path' AND a:i = -12 AND a:f = +.5 AND a:b != false AND a:t > t'2016-01-01T00:00:00.123Z' AND a:h = h'0aFF' AND a:y = b'AAE=']`,
        ),
      );
      const values = cs.map((c) =>
        c.kind === 'comparison' && !isLiteralList(c.value) ? c.value : undefined,
      );
      assert.deepEqual(
        values.map((v) => v && [v.kind, v.value]),
        [
          ['string', "it's a \\ path"],
          ['int', -12],
          ['float', 0.5],
          ['bool', false],
          ['timestamp', '2016-01-01T00:00:00.123Z'],
          ['hex', '0aFF'],
          ['binary', 'AAE='],
        ],
      );
    });

    it('normalises == and <>, and records NOT', () => {
      const cs = patternComparisons(
        parsePattern("[a:b == 1 AND a:c <> 2 AND a:d NOT IN ('x', 2, true) AND a:e NOT LIKE 'x%']"),
      );
      assert.deepEqual(
        cs.map((c) => c.kind === 'comparison' && [c.operator, c.negated]),
        [
          ['=', false],
          ['!=', false],
          ['IN', true],
          ['LIKE', true],
        ],
      );
      const set = cs[2];
      assert.ok(set?.kind === 'comparison' && Array.isArray(set.value) && set.value.length === 3);
    });

    it('parses EXISTS, an empty IN set, comments and odd whitespace', () => {
      const t = parsePattern("/* c */ [EXISTS file:extensions.'ntfs-ext'\u00a0AND\tfile:name IN ()] // done");
      const cs = patternComparisons(t);
      assert.equal(cs[0]?.kind, 'exists');
      assert.ok(cs[1]?.kind === 'comparison' && Array.isArray(cs[1].value) && cs[1].value.length === 0);
    });

    it('accepts a long flat chain without deep recursion', () => {
      const p = Array.from({ length: 5000 }, (_, i) => `[a:b = ${i}]`).join(' OR ');
      assert.equal(patternComparisons(parsePattern(p)).length, 5000);
    });
  });
});
