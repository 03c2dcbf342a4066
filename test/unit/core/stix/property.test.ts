// Invariants: validation never throws on arbitrary JSON and always returns a list of well-formed
// issues; the parser either returns a tree or throws ValidationError, for any string.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from '../../../../src/core/errors.js';
import {
  STIX_ISSUE_CODES,
  parsePattern,
  validateBundle,
  validateStixObject,
  type StixIssue,
} from '../../../../src/core/stix/index.js';
import { indicator, relationship } from './stix-samples.js';

const CODES: ReadonlySet<string> = new Set(STIX_ISSUE_CODES);

function assertWellFormed(issues: readonly StixIssue[]): void {
  assert.ok(Array.isArray(issues));
  for (const i of issues) {
    assert.ok(CODES.has(i.code), i.code);
    assert.ok(i.severity === 'error' || i.severity === 'warning');
    assert.equal(typeof i.pointer, 'string');
    assert.ok(i.objectId === null || typeof i.objectId === 'string');
  }
}

// STIX-shaped values: the keys and strings that reach the deeper checks, mixed with arbitrary JSON.
const stixKey = fc.constantFrom(
  'type',
  'id',
  'spec_version',
  'created',
  'modified',
  'pattern',
  'pattern_type',
  'source_ref',
  'object_refs',
  'extensions',
  'granular_markings',
  'x_foo_ref',
  'valid_from',
  'valid_until',
  'constructor',
  '__proto__',
);
const stixString = fc.constantFrom(
  'indicator',
  'relationship',
  'x-foo',
  'bundle',
  'stix',
  '2.1',
  '2016-01-01T00:00:00.000Z',
  'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  "[a:b = 'c']",
  'archive-ext',
  'toString',
);
const stixish = fc.dictionary(
  fc.oneof(stixKey, fc.string()),
  fc.oneof(stixString, fc.jsonValue({ maxDepth: 3 })),
  { maxKeys: 12 },
);

describe('STIX validation properties', () => {
  it('never throws on arbitrary JSON values and returns well-formed issues', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => assertWellFormed(validateStixObject(v))),
      { numRuns: 500 },
    );
  });

  it('never throws on STIX-shaped objects', () => {
    fc.assert(
      fc.property(stixish, (v) => assertWellFormed(validateStixObject(v))),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutations of valid objects', () => {
    const base = fc.constantFrom(indicator(), relationship());
    fc.assert(
      fc.property(base, stixKey, fc.oneof(stixString, fc.jsonValue({ maxDepth: 2 })), (obj, key, value) => {
        assertWellFormed(validateStixObject({ ...obj, [key]: value }));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary bundles', () => {
    const bundle = fc.record({
      type: fc.constant('bundle'),
      id: fc.string(),
      objects: fc.array(fc.oneof(stixish, fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.oneof(bundle, fc.jsonValue()), (b) => {
        const r = validateBundle(b);
        assert.ok(Array.isArray(r.objects));
        assertWellFormed(r.issues);
      }),
      { numRuns: 300 },
    );
  });

  it('parsePattern returns a tree or throws ValidationError, for any text', () => {
    const tokens = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      'a:b',
      'file:hashes.MD5',
      '=',
      '!=',
      '>',
      'IN',
      'NOT',
      'AND',
      'OR',
      'FOLLOWEDBY',
      'WITHIN',
      'SECONDS',
      'REPEATS',
      'TIMES',
      'START',
      'STOP',
      "'x'",
      "t'2016-01-01T00:00:00Z'",
      "h'00'",
      "b'AA=='",
      '5',
      '-1.5',
      'true',
      ',',
      '.',
      '*',
      'EXISTS',
      'LIKE',
      "'",
      '\\',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(tokens, { maxLength: 30 }).map((t) => t.join(' ')),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          parsePattern(t);
        } catch (e) {
          assert.ok(e instanceof ValidationError, String(e));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('survives a cyclic (non-JSON) object', () => {
    const obj: Record<string, unknown> = indicator();
    obj['x_self'] = obj;
    obj['x_self_ref'] = obj;
    assertWellFormed(validateStixObject(obj));
  });

  it('survives a pattern of 100,000 ORed observations', () => {
    const pattern = Array.from({ length: 100_000 }, () => "[a:b = 'c']").join(' OR ');
    assertWellFormed(validateStixObject({ ...indicator(), pattern }));
  });
});
