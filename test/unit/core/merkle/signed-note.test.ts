import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_NOTE_SIGNATURES,
  createNoteVerifier,
  formatKeyHash,
  formatSignedNote,
  formatVerifierKey,
  noteKeyHash,
  parseSignedNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyNote,
  type NoteVerifier,
} from '../../../../src/core/merkle/index.js';
import { ParleyError, ValidationError, VerificationError } from '../../../../src/core/errors.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';

// golang.org/x/mod sumdb/note, note.go package documentation ("Example") and note_test.go.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

// C2SP signed-note.md, "Example" section of an earlier revision (C2SP/C2SP d4c16da), which
// published the verifier key; the current revision's example (below) publishes none.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

// C2SP signed-note.md (C2SP/C2SP 1f701bb), the opening example: a text with an empty line in it.
const QUASIMODO_NOTE =
  'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n' +
  '— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n';

// transparency-dev/formats, note/note_cosigv1_test.go: a verifier key whose base64 holds a '+'.
const PLUS_VKEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ParleyError, `expected a ParleyError, got ${String(e)}`);
    return e.code;
  }
}

const seeded = (byte: number) => keyPairFromSeed(new Uint8Array(32).fill(byte));
const alice = { name: 'alice.example/log', ...seeded(1) };
const bob = { name: 'bob.example/witness', ...seeded(2) };
const aliceV = createNoteVerifier(alice.name, alice.publicKey);
const bobV = createNoteVerifier(bob.name, bob.publicKey);

describe('verifier and signer keys', () => {
  for (const vkey of [GO_VKEY, SPEC_VKEY, PLUS_VKEY]) {
    it(`parses and re-formats ${vkey.slice(0, 24)}…`, () =>
      assert.equal(formatVerifierKey(parseVerifierKey(vkey)), vkey));
  }

  it('computes the key hash of the spec example', () => {
    const v = parseVerifierKey(SPEC_VKEY);
    assert.equal(v.name, 'example.com/foo');
    assert.equal(formatKeyHash(v.keyHash), '530d903a');
    assert.equal(
      Buffer.from(v.publicKey).toString('hex'),
      'e932791ae6e7a840a46164c904786426d5e7821dd8b29a00d61cae72afdd4da4',
    );
    assert.equal(noteKeyHash(v.name, v.publicKey), 0x530d903a);
  });

  it('rejects every truncation and every single-character change of a verifier key (as Go note_test does)', () => {
    for (let i = 0; i <= GO_VKEY.length; i++) {
      for (let j = i + 1; j <= GO_VKEY.length; j++) {
        if (i === 0 && j === GO_VKEY.length) continue;
        assert.equal(
          codeOf(() => parseVerifierKey(GO_VKEY.slice(i, j))),
          'KEY_INVALID',
          GO_VKEY.slice(i, j),
        );
      }
    }
    for (let i = 0; i < GO_VKEY.length; i++) {
      const changed =
        GO_VKEY.slice(0, i) + String.fromCharCode(GO_VKEY.charCodeAt(i) + 1) + GO_VKEY.slice(i + 1);
      assert.equal(
        codeOf(() => parseVerifierKey(changed)),
        'KEY_INVALID',
        changed,
      );
    }
  });

  const bad: Array<{ desc: string; vkey: string }> = [
    { desc: 'wrong key hash', vkey: 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW' },
    {
      desc: 'upper-case key hash',
      vkey: 'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    },
    { desc: 'empty name', vkey: '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW' },
    {
      desc: 'name with a space',
      vkey: 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    },
    {
      desc: 'algorithm byte 0x02',
      vkey: 'PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    },
    { desc: 'no key', vkey: 'PeterNeumann+c74f20a3+' },
    { desc: 'no parts', vkey: 'PeterNeumann' },
  ];
  for (const c of bad)
    it(`rejects a verifier key with ${c.desc} (KEY_INVALID)`, () =>
      assert.equal(
        codeOf(() => parseVerifierKey(c.vkey)),
        'KEY_INVALID',
      ));

  it('parses a signer key and checks its key hash', () => {
    const s = parseSignerKey(GO_SKEY);
    assert.equal(s.name, 'PeterNeumann');
    assert.equal(formatVerifierKey(createNoteVerifier(s.name, s.publicKey)), GO_VKEY);
    assert.equal(
      codeOf(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4'))),
      'KEY_INVALID',
    );
    assert.equal(
      codeOf(() => parseSignerKey(GO_SKEY.slice('PRIVATE+KEY+'.length))),
      'KEY_INVALID',
    );
  });
});

describe('signNote', () => {
  it("reproduces Go sumdb/note's example byte for byte", () => {
    assert.equal(signNote(GO_TEXT, parseSignerKey(GO_SKEY)), GO_NOTE);
  });

  it('derives the public key when the signer has none', () => {
    assert.equal(
      signNote(GO_TEXT, { name: 'PeterNeumann', privateKey: parseSignerKey(GO_SKEY).privateKey }),
      GO_NOTE,
    );
  });

  it('signs with several keys after existing signatures', () => {
    const one = parseSignedNote(signNote('hello\n', alice));
    const two = signNote('hello\n', bob, one.signatures);
    assert.deepEqual(
      verifyNote(two, [aliceV, bobV]).verified.map((s) => s.name),
      [alice.name, bob.name],
    );
  });

  const bad: Array<{ desc: string; text: string; code: string }> = [
    { desc: 'text without final newline', text: 'hello', code: 'NOTE_MALFORMED' },
    { desc: 'empty text', text: '', code: 'NOTE_MALFORMED' },
    { desc: 'a tab', text: 'a\tb\n', code: 'NOTE_MALFORMED' },
    { desc: 'a carriage return', text: 'a\r\n', code: 'NOTE_MALFORMED' },
    { desc: 'a lone surrogate', text: 'a\uD800\n', code: 'NOTE_MALFORMED' },
  ];
  for (const c of bad)
    it(`refuses ${c.desc} (${c.code})`, () =>
      assert.equal(
        codeOf(() => signNote(c.text, alice)),
        c.code,
      ));
  it('refuses a signer name with a space (KEY_INVALID)', () =>
    assert.equal(
      codeOf(() => signNote('a\n', { ...alice, name: 'a b' })),
      'KEY_INVALID',
    ));
});

describe('parseSignedNote', () => {
  it('splits the text at the last blank line (C2SP example with an empty line in its text)', () => {
    const n = parseSignedNote(QUASIMODO_NOTE);
    assert.equal(
      n.text,
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
    );
    assert.equal(n.signatures.length, 1);
    assert.equal(n.signatures[0]!.name, 'quasimodo.example/salvatore');
    assert.equal(n.signatures[0]!.signature.length, 64);
    assert.equal(formatSignedNote(n), QUASIMODO_NOTE);
  });

  it('accepts bytes and round-trips them', () => {
    assert.equal(formatSignedNote(parseSignedNote(new TextEncoder().encode(GO_NOTE))), GO_NOTE);
  });

  const line = '— a.example/k AAAAAAA=\n';
  const malformed: Array<{ desc: string; note: string | Uint8Array }> = [
    { desc: 'no blank line', note: `text\n${line}` },
    { desc: 'no signatures', note: 'text\n\n' },
    { desc: 'signature block without final newline', note: `text\n\n${line.slice(0, -1)}` },
    { desc: 'hyphen instead of em dash', note: `text\n\n- a.example/k AAAAAAA=\n` },
    { desc: 'en dash instead of em dash', note: `text\n\n\u2013 a.example/k AAAAAAA=\n` },
    { desc: 'no space after the dash', note: `text\n\n—a.example/k AAAAAAA=\n` },
    { desc: 'no key name', note: `text\n\n—  AAAAAAA=\n` },
    { desc: 'key name with +', note: `text\n\n— a+b AAAAAAA=\n` },
    { desc: 'no signature', note: `text\n\n— a.example/k\n` },
    { desc: 'signature of 4 bytes', note: `text\n\n— a.example/k AAAAAA==\n` },
    { desc: 'signature not base64', note: `text\n\n— a.example/k not*base64\n` },
    { desc: 'signature with a trailing space', note: `text\n\n— a.example/k AAAAAAA= \n` },
    { desc: 'a blank line after the signatures', note: `text\n\n${line}\n` },
    { desc: 'CRLF line ends', note: `text\r\n\r\n${line}` },
    { desc: 'a NUL in the text', note: `te\u0000xt\n\n${line}` },
    {
      desc: 'invalid UTF-8 bytes',
      note: Uint8Array.from([0x61, 0xff, 0x0a, 0x0a, ...new TextEncoder().encode(line)]),
    },
    { desc: 'a lone surrogate', note: `te\uDC00xt\n\n${line}` },
    {
      desc: `${MAX_NOTE_SIGNATURES + 1} signatures`,
      note: `text\n\n${line.repeat(MAX_NOTE_SIGNATURES + 1)}`,
    },
  ];
  for (const c of malformed) {
    it(`rejects ${c.desc} (NOTE_MALFORMED)`, () => {
      assert.throws(
        () => parseSignedNote(c.note),
        (e: unknown) => e instanceof ValidationError && e.code === 'NOTE_MALFORMED',
      );
    });
  }
  it(`accepts ${MAX_NOTE_SIGNATURES} signatures`, () =>
    assert.equal(
      parseSignedNote(`text\n\n${line.repeat(MAX_NOTE_SIGNATURES)}`).signatures.length,
      MAX_NOTE_SIGNATURES,
    ));
});

describe('verifyNote', () => {
  const go = parseVerifierKey(GO_VKEY);
  const spec = parseVerifierKey(SPEC_VKEY);
  const twoSigned = signNote('two\n', [alice, bob]);
  const unknownSig =
    '— c.example/x AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n';

  it("verifies Go sumdb/note's example", () => assert.equal(verifyNote(GO_NOTE, [go]).text, GO_TEXT));
  it("verifies the C2SP signed-note spec's example", () =>
    assert.equal(verifyNote(SPEC_NOTE, [spec]).text, 'This is an example message.\n'));

  const cases: Array<{ desc: string; note: string; verifiers: NoteVerifier[]; want: string | undefined }> = [
    { desc: 'two known signatures', note: twoSigned, verifiers: [aliceV, bobV], want: undefined },
    { desc: 'one known, one unknown key', note: twoSigned, verifiers: [aliceV], want: undefined },
    {
      desc: 'an unknown signature besides a good one',
      note: GO_NOTE + unknownSig,
      verifiers: [go],
      want: undefined,
    },
    { desc: 'no known key', note: GO_NOTE, verifiers: [spec, aliceV], want: 'NOTE_UNVERIFIED' },
    { desc: 'no verifiers', note: GO_NOTE, verifiers: [], want: 'NOTE_UNVERIFIED' },
    {
      desc: 'the current C2SP example, whose key is not published',
      note: QUASIMODO_NOTE,
      verifiers: [go, spec],
      want: 'NOTE_UNVERIFIED',
    },
    {
      desc: 'a changed text',
      note: GO_NOTE.replace('cryptography', 'cryptographY'),
      verifiers: [go],
      want: 'SIG_INVALID',
    },
    {
      desc: 'a good signature plus a bad one by a known key',
      note: twoSigned.replace(/(— bob\.example\/witness \S{10})\S/, '$1A'),
      verifiers: [aliceV, bobV],
      want: 'SIG_INVALID',
    },
    {
      desc: 'same name, other key hash: ignored',
      note: GO_NOTE,
      verifiers: [{ ...go, keyHash: go.keyHash ^ 1 }],
      want: 'NOTE_UNVERIFIED',
    },
    {
      desc: 'same key hash, other name: ignored',
      note: GO_NOTE,
      verifiers: [{ ...go, name: 'PeterNeumann2' }],
      want: 'NOTE_UNVERIFIED',
    },
    {
      desc: 'a right (name, hash) with another public key',
      note: GO_NOTE,
      verifiers: [{ ...go, publicKey: alice.publicKey }],
      want: 'SIG_INVALID',
    },
    { desc: 'a malformed note', note: GO_TEXT, verifiers: [go], want: 'NOTE_MALFORMED' },
  ];
  for (const c of cases)
    it(`${c.desc} → ${c.want ?? 'ok'}`, () =>
      assert.equal(
        codeOf(() => verifyNote(c.note, c.verifiers)),
        c.want,
      ));

  it('throws VerificationError for signature failures', () => {
    assert.throws(() => verifyNote(GO_NOTE, []), VerificationError);
  });

  it('reports each verified key once', () => {
    const dup = GO_NOTE + GO_NOTE.slice(GO_TEXT.length + 1);
    assert.equal(verifyNote(dup, [go]).verified.length, 1);
  });

  it('property: sign → parse → verify round-trips, and any change to the text fails', () => {
    const text = fc
      .array(
        fc
          .string({ unit: 'grapheme', minLength: 0, maxLength: 20 })
          .map((s) => s.replace(/[\u0000-\u001F]/g, '')),
        { minLength: 1, maxLength: 5 },
      )
      .map((lines) => `${lines.join('\n')}\n`);
    fc.assert(
      fc.property(text, fc.nat(), (t, at) => {
        const note = signNote(t, [alice, bob]);
        assert.equal(formatSignedNote(parseSignedNote(note)), note);
        const v = verifyNote(note, [aliceV, bobV]);
        assert.equal(v.text, t);
        // Change one code point of the text (never a newline): the signatures must fail.
        const cps = Array.from(t);
        const i = at % cps.length;
        if (cps[i] === '\n') return;
        cps[i] = cps[i] === 'x' ? 'y' : 'x';
        const forged = cps.join('') + note.slice(t.length);
        assert.equal(
          codeOf(() => verifyNote(forged, [aliceV, bobV])),
          'SIG_INVALID',
        );
      }),
      { numRuns: 100 },
    );
  });
});
