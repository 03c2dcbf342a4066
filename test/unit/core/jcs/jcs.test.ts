import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalize, parseJsonStrict, isNfc, normalizeNfc } from '../../../../src/core/jcs/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

// cyberphone/json-canonicalization testdata (RFC 8785's reference vectors), see test/vectors/cyberphone-jcs/SOURCE.md
const VECTORS = 'test/vectors/cyberphone-jcs/testdata';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.code;
    throw e;
  }
  return undefined;
}

describe('canonicalize (RFC 8785)', () => {
  for (const name of readdirSync(join(VECTORS, 'input'))) {
    it(`matches the ${name} vector byte for byte`, () => {
      const input = JSON.parse(readFileSync(join(VECTORS, 'input', name), 'utf8')) as unknown;
      const want = readFileSync(join(VECTORS, 'output', name));
      const hex = readFileSync(join(VECTORS, 'outhex', name.replace('.json', '.txt')), 'utf8').replace(
        /\s+/g,
        '',
      );
      const got = Buffer.from(canonicalize(input), 'utf8');
      assert.equal(got.toString('hex'), hex);
      assert.deepEqual(got, want.subarray(0, got.length));
    });
  }

  const table: { desc: string; input: unknown; want?: string; wantCode?: string }[] = [
    { desc: 'negative zero', input: -0, want: '0' },
    { desc: 'large exponent', input: 1e21, want: '1e+21' },
    { desc: 'small number', input: 5e-7, want: '5e-7' },
    {
      desc: 'sorts by UTF-16 code units',
      input: { '\u{1F600}': 1, '\uFB33': 2, a: 3 },
      want: '{"a":3,"\u{1F600}":1,"\uFB33":2}',
    },
    { desc: 'escapes controls minimally', input: '\u0001\n"\\', want: '"\\u0001\\n\\"\\\\"' },
    { desc: 'drops undefined members', input: { a: undefined, b: 1 }, want: '{"b":1}' },
    { desc: 'NaN is not I-JSON', input: NaN, wantCode: 'JCS_NOT_IJSON' },
    { desc: 'Infinity is not I-JSON', input: { x: Infinity }, wantCode: 'JCS_NOT_IJSON' },
    { desc: 'lone high surrogate', input: '\uD800', wantCode: 'JCS_NOT_IJSON' },
    { desc: 'lone low surrogate', input: ['a\uDC00'], wantCode: 'JCS_NOT_IJSON' },
    { desc: 'bigint', input: 1n, wantCode: 'JCS_NOT_IJSON' },
  ];
  for (const c of table) {
    it(c.desc, () => {
      if (c.wantCode)
        assert.equal(
          codeOf(() => canonicalize(c.input)),
          c.wantCode,
        );
      else assert.equal(canonicalize(c.input), c.want);
    });
  }

  it('is idempotent and round-trips through JSON.parse (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = canonicalize(v);
        assert.equal(canonicalize(JSON.parse(once)), once);
        assert.deepEqual(JSON.parse(once), JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the strict parser on every JSON text it writes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalize(v);
        assert.equal(canonicalize(parseJsonStrict(text)), text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseJsonStrict', () => {
  const table: { desc: string; input: string; wantCode: string }[] = [
    { desc: 'duplicate member', input: '{"a":1,"a":2}', wantCode: 'ENVELOPE_DUPLICATE_KEY' },
    { desc: 'nested duplicate member', input: '{"a":{"b":1,"b":1}}', wantCode: 'ENVELOPE_DUPLICATE_KEY' },
    { desc: 'truncated object', input: '{"a":1', wantCode: 'ENVELOPE_TRUNCATED' },
    { desc: 'truncated string', input: '{"a":"xy', wantCode: 'ENVELOPE_TRUNCATED' },
    { desc: 'truncated literal', input: '[tru', wantCode: 'ENVELOPE_TRUNCATED' },
    { desc: 'empty input', input: '', wantCode: 'ENVELOPE_TRUNCATED' },
    { desc: 'trailing garbage', input: '{} x', wantCode: 'JSON_INVALID' },
    { desc: 'single quotes', input: "{'a':1}", wantCode: 'JSON_INVALID' },
    { desc: 'leading zero', input: '[01]', wantCode: 'JSON_INVALID' },
    { desc: 'raw control character', input: '["\u0001"]', wantCode: 'JSON_INVALID' },
    { desc: 'too deep', input: '['.repeat(70) + ']'.repeat(70), wantCode: 'JSON_TOO_DEEP' },
    { desc: 'escaped lone surrogate', input: '["\\ud800"]', wantCode: 'JCS_NOT_IJSON' },
    { desc: 'number overflow', input: '[1e400]', wantCode: 'JCS_NOT_IJSON' },
  ];
  for (const c of table) {
    it(`refuses ${c.desc} with ${c.wantCode}`, () => {
      assert.equal(
        codeOf(() => parseJsonStrict(c.input)),
        c.wantCode,
      );
    });
  }

  it('never throws anything but ValidationError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseJsonStrict(s);
        } catch (e) {
          assert.ok(e instanceof ValidationError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NFC', () => {
  it('normalises keys and values, and isNfc agrees', () => {
    const decomposed = { 'e\u0301': ['A\u030A'] };
    assert.equal(isNfc(decomposed), false);
    const n = normalizeNfc(decomposed);
    assert.deepEqual(n, { '\u00e9': ['\u00c5'] });
    assert.equal(isNfc(n), true);
  });
});
