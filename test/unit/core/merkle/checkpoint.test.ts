import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createNoteVerifier,
  formatCheckpoint,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
  type Checkpoint,
} from '../../../../src/core/merkle/index.js';
import { ParleyError } from '../../../../src/core/errors.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';

// C2SP tlog-checkpoint.md (C2SP/C2SP 2793893), the opening example. Its key is not published.
const SPEC_NOTE =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
  '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

// A real sum.golang.org checkpoint (transparency-dev/trillian-tessera,
// internal/parse/parse_test.go, BenchmarkCheckpointUnsafe; final newline restored), and the
// checksum database's public key as Go ships it (cmd/go/internal/modfetch/key.go, knownGOSUMDB).
const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const SUMDB_NOTE =
  'go.sum database tree\n31700353\nqINS1GRFhWHwdkUeqLEoP4yEMkTBBzxBkGwGQlVlVcs=\n\n' +
  '— sum.golang.org Az3grnmrIUEDFqHzAElIQCPNoRFRAAdFo47fooyWKMHb89k11GJh5zHIfNCOBmwn/C3YI8oW9/C8DJ87F61QqspBYwM=\n';

const ROOT = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ParleyError, `expected a ParleyError, got ${String(e)}`);
    return e.code;
  }
}

describe('parseCheckpoint', () => {
  it('parses the C2SP tlog-checkpoint example', () => {
    const cp = parseCheckpoint(parseSignedNote(SPEC_NOTE).text);
    assert.equal(cp.origin, 'example.com/behind-the-sofa');
    assert.equal(cp.size, 20852163);
    assert.equal(Buffer.from(cp.rootHash).toString('base64'), ROOT);
    assert.deepEqual(cp.extensions, []);
    assert.equal(formatCheckpoint(cp), SPEC_BODY);
  });

  it("verifies a real sum.golang.org checkpoint with Go's checksum database key", () => {
    const { checkpoint } = verifyCheckpoint(
      SUMDB_NOTE,
      [parseVerifierKey(SUMDB_VKEY)],
      'go.sum database tree',
    );
    assert.equal(checkpoint.size, 31700353);
    assert.equal(
      Buffer.from(checkpoint.rootHash).toString('base64'),
      'qINS1GRFhWHwdkUeqLEoP4yEMkTBBzxBkGwGQlVlVcs=',
    );
  });

  const good: Array<{ desc: string; text: string; want: Partial<Checkpoint> }> = [
    { desc: 'size 0', text: `log\n0\n${ROOT}\n`, want: { size: 0 } },
    { desc: 'largest safe size', text: `log\n9007199254740991\n${ROOT}\n`, want: { size: 2 ** 53 - 1 } },
    {
      desc: 'extension lines',
      text: `log\n1\n${ROOT}\nfoo\nbar baz\n`,
      want: { extensions: ['foo', 'bar baz'] },
    },
    {
      desc: 'an origin with inner spaces and + (SHOULD, not MUST)',
      text: `my log+1\n1\n${ROOT}\n`,
      want: { origin: 'my log+1' },
    },
    {
      desc: 'a Unicode origin',
      text: `журнал.example/лог\n1\n${ROOT}\n`,
      want: { origin: 'журнал.example/лог' },
    },
  ];
  for (const c of good) {
    it(`accepts ${c.desc}`, () => {
      const cp = parseCheckpoint(c.text);
      for (const [k, v] of Object.entries(c.want)) assert.deepEqual(cp[k as keyof Checkpoint], v);
      assert.equal(formatCheckpoint({ ...cp, origin: 'log' }).split('\n')[1], String(cp.size));
    });
  }

  const bad: Array<{ desc: string; text: string }> = [
    { desc: 'no final newline', text: `log\n1\n${ROOT}` },
    { desc: 'two lines', text: `log\n1\n` },
    { desc: 'empty text', text: '' },
    { desc: 'empty origin', text: `\n1\n${ROOT}\n` },
    { desc: 'origin with a trailing space', text: `log \n1\n${ROOT}\n` },
    { desc: 'origin with a leading space', text: ` log\n1\n${ROOT}\n` },
    { desc: 'origin with a no-break space at the end', text: `log\u00A0\n1\n${ROOT}\n` },
    { desc: 'origin with a tab', text: `l\tog\n1\n${ROOT}\n` },
    { desc: 'origin with a lone surrogate', text: `l\uD800og\n1\n${ROOT}\n` },
    { desc: 'CRLF line ends', text: `log\r\n1\r\n${ROOT}\r\n` },
    { desc: 'size with a leading zero', text: `log\n01\n${ROOT}\n` },
    { desc: 'size 00', text: `log\n00\n${ROOT}\n` },
    { desc: 'negative size', text: `log\n-1\n${ROOT}\n` },
    { desc: 'size with a plus sign', text: `log\n+1\n${ROOT}\n` },
    { desc: 'size with a trailing space', text: `log\n1 \n${ROOT}\n` },
    { desc: 'size in exponent form', text: `log\n1e3\n${ROOT}\n` },
    { desc: 'size in hex', text: `log\n0x10\n${ROOT}\n` },
    { desc: 'size with Arabic-Indic digits', text: `log\n١\n${ROOT}\n` },
    { desc: 'empty size', text: `log\n\n${ROOT}\n` },
    { desc: 'size 2^53', text: `log\n9007199254740992\n${ROOT}\n` },
    { desc: 'size 2^64 - 1', text: `log\n18446744073709551615\n${ROOT}\n` },
    { desc: 'root not base64', text: `log\n1\nnot*base64\n` },
    { desc: 'root without padding', text: `log\n1\n${ROOT.slice(0, -1)}\n` },
    { desc: 'root in base64url', text: `log\n1\n${ROOT.replace('/', '_')}\n` },
    {
      desc: 'root with non-zero padding bits',
      text: `log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n`,
    },
    { desc: 'root of 31 bytes', text: `log\n1\n${Buffer.alloc(31).toString('base64')}\n` },
    { desc: 'root of 33 bytes', text: `log\n1\n${Buffer.alloc(33).toString('base64')}\n` },
    { desc: 'root of 0 bytes', text: `log\n1\n\n` },
    { desc: 'root with a trailing space', text: `log\n1\n${ROOT} \n` },
    { desc: 'an empty extension line', text: `log\n1\n${ROOT}\n\nfoo\n` },
    { desc: 'a trailing blank line', text: `log\n1\n${ROOT}\n\n` },
    { desc: 'an extension line with trailing space', text: `log\n1\n${ROOT}\nfoo \n` },
  ];
  for (const c of bad)
    it(`rejects ${c.desc} (CHECKPOINT_MALFORMED)`, () =>
      assert.equal(
        codeOf(() => parseCheckpoint(c.text)),
        'CHECKPOINT_MALFORMED',
      ));
});

describe('formatCheckpoint', () => {
  const root = new Uint8Array(32).fill(7);
  const bad: Array<{ desc: string; cp: Checkpoint }> = [
    { desc: 'an empty origin', cp: { origin: '', size: 1, rootHash: root, extensions: [] } },
    { desc: 'an origin with a space', cp: { origin: 'a b', size: 1, rootHash: root, extensions: [] } },
    { desc: 'an origin with +', cp: { origin: 'a+b', size: 1, rootHash: root, extensions: [] } },
    { desc: 'an origin with a newline', cp: { origin: 'a\n2', size: 1, rootHash: root, extensions: [] } },
    { desc: 'a negative size', cp: { origin: 'a', size: -1, rootHash: root, extensions: [] } },
    { desc: 'a fractional size', cp: { origin: 'a', size: 1.5, rootHash: root, extensions: [] } },
    { desc: 'an unsafe size', cp: { origin: 'a', size: 2 ** 53, rootHash: root, extensions: [] } },
    { desc: 'a 31-byte root', cp: { origin: 'a', size: 1, rootHash: root.slice(1), extensions: [] } },
    { desc: 'an empty extension', cp: { origin: 'a', size: 1, rootHash: root, extensions: [''] } },
    {
      desc: 'an extension with a newline',
      cp: { origin: 'a', size: 1, rootHash: root, extensions: ['x\ny'] },
    },
  ];
  for (const c of bad)
    it(`refuses ${c.desc} (CHECKPOINT_MALFORMED)`, () =>
      assert.equal(
        codeOf(() => formatCheckpoint(c.cp)),
        'CHECKPOINT_MALFORMED',
      ));

  it('property: parse(format(cp)) round-trips, and format(parse(text)) gives the text back', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
      .filter((s) => !/[\u0000-\u001F\u007F]|^\s|\s$/u.test(s));
    const origin = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      .filter((s) => !/[\s+\u0000-\u001F\u007F]/u.test(s));
    fc.assert(
      fc.property(
        origin,
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (o, size, rootHash, extensions) => {
          const text = formatCheckpoint({ origin: o, size, rootHash, extensions });
          const cp = parseCheckpoint(text);
          assert.deepEqual(cp, { origin: o, size, rootHash, extensions });
          assert.equal(formatCheckpoint(cp), text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('signCheckpoint / verifyCheckpoint', () => {
  const log = {
    name: 'parley.example/channel--1/identity--a',
    ...keyPairFromSeed(new Uint8Array(32).fill(9)),
  };
  const witness = { name: 'witness.example', ...keyPairFromSeed(new Uint8Array(32).fill(10)) };
  const logV = createNoteVerifier(log.name, log.publicKey);
  const witnessV = createNoteVerifier(witness.name, witness.publicKey);
  const cp: Checkpoint = { origin: log.name, size: 42, rootHash: new Uint8Array(32).fill(1), extensions: [] };
  const note = signCheckpoint(cp, [log, witness]);

  it('round-trips a checkpoint signed by the log and a witness', () => {
    const v = verifyCheckpoint(note, [logV, witnessV], log.name);
    assert.deepEqual(v.checkpoint, cp);
    assert.equal(v.note.verified.length, 2);
  });

  const cases: Array<{ desc: string; run: () => unknown; want: string | undefined }> = [
    {
      desc: 'only the witness known',
      run: () => verifyCheckpoint(note, [witnessV], log.name),
      want: undefined,
    },
    {
      desc: 'another origin expected',
      run: () => verifyCheckpoint(note, [logV], 'other.example'),
      want: 'CHECKPOINT_INVALID',
    },
    { desc: 'no known key', run: () => verifyCheckpoint(note, [], log.name), want: 'NOTE_UNVERIFIED' },
    {
      desc: 'a changed size',
      run: () => verifyCheckpoint(note.replace('\n42\n', '\n43\n'), [logV], log.name),
      want: 'SIG_INVALID',
    },
    {
      desc: 'the origin line cut off',
      run: () => verifyCheckpoint(note.replace(/^[^\n]*\n/, ''), [logV], log.name),
      want: 'SIG_INVALID',
    },
    {
      desc: 'a validly signed text that is no checkpoint',
      run: () => verifyCheckpoint(signNote(`${log.name}\n42\n`, log), [logV], log.name),
      want: 'CHECKPOINT_MALFORMED',
    },
    {
      desc: 'an unsigned checkpoint',
      run: () => verifyCheckpoint(formatCheckpoint(cp), [logV], log.name),
      want: 'NOTE_MALFORMED',
    },
    {
      desc: 'the spec example, key unknown',
      run: () => verifyCheckpoint(SPEC_NOTE, [logV], 'example.com/behind-the-sofa'),
      want: 'NOTE_UNVERIFIED',
    },
  ];
  for (const c of cases) it(`${c.desc} → ${c.want ?? 'ok'}`, () => assert.equal(codeOf(c.run), c.want));
});
