import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createEnvelope,
  parseEnvelope,
  verifyEnvelopeSignature,
  verifyEnvelopePosition,
  type ParsedEnvelope,
} from '../../../../src/core/envelope/index.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';
import { partyIdFromPublicKey } from '../../../../src/core/party/index.js';
import { ParleyError } from '../../../../src/core/errors.js';
import { canonicalize } from '../../../../src/core/jcs/index.js';

const kp = keyPairFromSeed(new Uint8Array(32).fill(7));
const other = keyPairFromSeed(new Uint8Array(32).fill(8));
const author = partyIdFromPublicKey(kp.publicKey);
const channel = 'channel--0b9c2f51-8c1e-4f8e-9d7a-3f3c6b1e2a10';
const keys = (id: string): Uint8Array | undefined => (id === author ? kp.publicKey : undefined);

function make(seq = 0, body: Record<string, unknown> = { text: 'hello' }, prev?: string): ParsedEnvelope {
  return createEnvelope(
    {
      channel,
      author,
      seq,
      ...(prev ? { prev } : {}),
      created: '2026-11-27T10:00:00.000Z',
      kind: 'ping',
      body: body as never,
    },
    kp.privateKey,
  );
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParleyError) return e.code;
    throw e;
  }
  return undefined;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('createEnvelope / parseEnvelope', () => {
  it('round-trips: the parsed envelope has the same bytes, hash and fields', () => {
    const e = make();
    const p = parseEnvelope(e.bytes);
    assert.deepEqual(p.envelope, e.envelope);
    assert.equal(p.hashHex, e.hashHex);
    verifyEnvelopeSignature(p, keys);
  });

  it('gives exactly the canonical bytes of the signed envelope, for any body, refs and respond_by (property)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), json, { maxKeys: 5 }),
        fc.array(hash, { maxLength: 3 }),
        fc.option(fc.constant('2026-12-01T00:00:00.000Z'), { nil: undefined }),
        fc.nat(1000),
        (body, refs, respondBy, seq) => {
          const e = createEnvelope(
            {
              channel,
              author,
              seq,
              ...(seq > 0 ? { prev: 'ab'.repeat(32) } : {}),
              created: '2026-11-27T10:00:00.000Z',
              kind: 'note',
              refs,
              ...(respondBy ? { respond_by: respondBy } : {}),
              body: body as never,
            },
            kp.privateKey,
          );
          assert.equal(Buffer.from(e.bytes).toString('utf8'), canonicalize(e.envelope));
          verifyEnvelopeSignature(parseEnvelope(e.bytes), keys);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts nesting up to the bound (64 levels, the envelope itself included)', () => {
    const e = make(0, { text: JSON.parse('['.repeat(62) + ']'.repeat(62)) as unknown });
    assert.equal(parseEnvelope(e.bytes).hashHex, e.hashHex);
  });

  it('normalises strings to NFC before signing', () => {
    const e = make(0, { text: 'Cafe\u0301' });
    assert.equal((e.envelope.body as { text: string }).text, 'Caf\u00e9');
  });

  it('the sig covers a context-prefixed message, so the same key signing the JCS alone does not verify', () => {
    const e = make();
    assert.match(Buffer.from(e.bytes).toString(), /,"sig":"[A-Za-z0-9+/]{86}==","v":1\}$/);
  });

  const good = Buffer.from(make(0).bytes).toString('utf8');
  const badInputs: { desc: string; bytes: Uint8Array; wantCode: string }[] = [
    { desc: 'truncated', bytes: enc(good.slice(0, good.length - 10)), wantCode: 'ENVELOPE_TRUNCATED' },
    {
      desc: 'oversized',
      bytes: enc(good.replace('"hello"', JSON.stringify('x'.repeat(2_000_000)))),
      wantCode: 'ENVELOPE_TOO_LARGE',
    },
    {
      desc: 'not UTF-8',
      bytes: new Uint8Array([...enc(good.slice(0, 20)), 0xff, 0xfe, ...enc(good.slice(20))]),
      wantCode: 'ENVELOPE_NOT_UTF8',
    },
    {
      desc: 'duplicate key',
      bytes: enc(good.replace('{"author":', '{"author":"x","author":')),
      wantCode: 'ENVELOPE_DUPLICATE_KEY',
    },
    // JSON.parse keeps the last copy, so these would fail the shape check first if it ran first.
    {
      desc: 'duplicate key whose last copy breaks the shape',
      bytes: enc(good.replace('"kind":"ping"', '"kind":"ping","kind":"pong"')),
      wantCode: 'ENVELOPE_DUPLICATE_KEY',
    },
    {
      desc: 'duplicate key whose last copy has the wrong type',
      bytes: enc(good.replace('"seq":0', '"seq":0,"seq":"0"')),
      wantCode: 'ENVELOPE_DUPLICATE_KEY',
    },
    {
      desc: 'duplicate key whose first copy has the wrong type',
      bytes: enc(good.replace('"seq":0', '"seq":"0","seq":0')),
      wantCode: 'ENVELOPE_DUPLICATE_KEY',
    },
    {
      desc: 'wrong type (seq as string)',
      bytes: enc(good.replace('"seq":0', '"seq":"0"')),
      wantCode: 'ENVELOPE_WRONG_TYPE',
    },
    {
      desc: 'wrong type (body as array)',
      bytes: enc(good.replace(/"body":\{[^}]*\}/, '"body":[]')),
      wantCode: 'ENVELOPE_WRONG_TYPE',
    },
    { desc: 'wrong type (root array)', bytes: enc('[1,2]'), wantCode: 'ENVELOPE_WRONG_TYPE' },
    {
      desc: 'not canonical (whitespace)',
      bytes: enc(good.replace('{"author":', '{ "author":')),
      wantCode: 'ENVELOPE_NOT_CANONICAL',
    },
    {
      desc: 'unknown member',
      bytes: enc(good.replace('{"author":', '{"aaa":1,"author":')),
      wantCode: 'ENVELOPE_INVALID',
    },
    {
      desc: 'unknown kind',
      bytes: enc(good.replace('"kind":"ping"', '"kind":"pong"')),
      wantCode: 'ENVELOPE_INVALID',
    },
    {
      desc: 'bad timestamp',
      bytes: enc(good.replace('2026-11-27T10:00:00.000Z', '2026-02-30T10:00:00.000Z')),
      wantCode: 'ENVELOPE_INVALID',
    },
    {
      desc: 'leap second (Date cannot hold it; deadlines would be NaN)',
      bytes: enc(good.replace('2026-11-27T10:00:00.000Z', '2016-12-31T23:59:60.000Z')),
      wantCode: 'ENVELOPE_INVALID',
    },
    { desc: 'negative seq', bytes: enc(good.replace('"seq":0', '"seq":-1')), wantCode: 'ENVELOPE_INVALID' },
    {
      desc: 'non-NFC string',
      bytes: enc(good.replace('"hello"', '"e\u0301"')),
      wantCode: 'ENVELOPE_INVALID',
    },
    { desc: 'not JSON', bytes: enc('hello'), wantCode: 'JSON_INVALID' },
    {
      desc: 'deep nesting',
      bytes: enc(good.replace('"hello"', '['.repeat(5000) + ']'.repeat(5000))),
      wantCode: 'JSON_TOO_DEEP',
    },
    {
      // A well-formed, canonical envelope whose body nests 65 deep: only the depth bound refuses it.
      desc: 'nesting just past the bound in a canonical envelope',
      bytes: make(0, { text: JSON.parse('['.repeat(63) + ']'.repeat(63)) as unknown }).bytes,
      wantCode: 'JSON_TOO_DEEP',
    },
    { desc: 'empty', bytes: new Uint8Array(0), wantCode: 'ENVELOPE_TRUNCATED' },
  ];
  for (const c of badInputs) {
    it(`refuses ${c.desc} with ${c.wantCode}`, () => {
      assert.equal(
        codeOf(() => parseEnvelope(c.bytes)),
        c.wantCode,
      );
    });
  }

  it('never throws anything but a coded error on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        try {
          parseEnvelope(b);
        } catch (e) {
          assert.ok(e instanceof ParleyError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('verifyEnvelopeSignature', () => {
  it('refuses an unknown author with UNKNOWN_AUTHOR', () => {
    const p = parseEnvelope(make().bytes);
    assert.equal(
      codeOf(() => verifyEnvelopeSignature(p, () => undefined)),
      'UNKNOWN_AUTHOR',
    );
  });
  it("refuses an envelope checked against another party's key with SIG_INVALID", () => {
    const p = parseEnvelope(make().bytes);
    assert.equal(
      codeOf(() => verifyEnvelopeSignature(p, () => other.publicKey)),
      'SIG_INVALID',
    );
  });
  it('refuses an envelope signed by another key with SIG_INVALID', () => {
    const forged = createEnvelope({ ...make().envelope, body: { text: 'forged' } }, other.privateKey);
    assert.equal(
      codeOf(() => verifyEnvelopeSignature(parseEnvelope(forged.bytes), keys)),
      'SIG_INVALID',
    );
  });
  it('any change to any signed field fails verification (property)', () => {
    const base = make(3, { text: 'hello', n: 1 }, 'ab'.repeat(32)).envelope;
    const mutations = fc.oneof(
      fc.record({ seq: fc.nat({ max: 1000 }).filter((n) => n !== 3 && n > 0) }),
      fc.record({ created: fc.constantFrom('2026-11-27T10:00:00.001Z', '2025-01-01T00:00:00Z') }),
      fc.record({ kind: fc.constantFrom('notify', 'request', 'share') }),
      fc.record({
        body: fc
          .dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }))
          .filter((b) => canonicalize(b) !== canonicalize(base.body)),
      }),
      fc.record({ prev: fc.constant('cd'.repeat(32)) }),
      fc.record({ channel: fc.constant('channel--0b9c2f51-8c1e-4f8e-9d7a-3f3c6b1e2a11') }),
      fc.record({ refs: fc.constant(['ef'.repeat(32)]) }),
    );
    fc.assert(
      fc.property(mutations, (m) => {
        const tampered = { ...base, ...m };
        const bytes = enc(canonicalize(tampered));
        assert.equal(
          codeOf(() => verifyEnvelopeSignature(parseEnvelope(bytes), keys)),
          'SIG_INVALID',
        );
      }),
      { numRuns: 200 },
    );
  });
  it('any single-bit flip of the bytes is refused (property)', () => {
    const bytes = make(1, { text: 'flip me' }, '00'.repeat(32)).bytes;
    fc.assert(
      fc.property(fc.nat({ max: bytes.length * 8 - 1 }), (bit) => {
        const b = new Uint8Array(bytes);
        b[bit >> 3] = (b[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const code = codeOf(() => verifyEnvelopeSignature(parseEnvelope(b), keys));
        assert.notEqual(code, undefined, `bit ${bit} was accepted`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('verifyEnvelopePosition', () => {
  const e0 = make(0);
  const e1 = make(1, { text: 'second' }, e0.hashHex);
  it('accepts the next envelope', () => {
    verifyEnvelopePosition(e0.envelope, { size: 0, lastHash: undefined });
    verifyEnvelopePosition(e1.envelope, { size: 1, lastHash: e0.hashHex });
  });
  it('reports a gap, a replay and a broken chain with their own codes', () => {
    assert.equal(
      codeOf(() => verifyEnvelopePosition(e1.envelope, { size: 0, lastHash: undefined })),
      'SEQ_GAP',
    );
    assert.equal(
      codeOf(() => verifyEnvelopePosition(e0.envelope, { size: 1, lastHash: e0.hashHex })),
      'SEQ_WRONG',
    );
    assert.equal(
      codeOf(() => verifyEnvelopePosition(e1.envelope, { size: 1, lastHash: 'ff'.repeat(32) })),
      'PREV_MISMATCH',
    );
  });
});
