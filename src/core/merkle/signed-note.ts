/**
 * C2SP signed-note (https://c2sp.org/signed-note): a text ending in a newline, a blank line, then
 * one or more signature lines `— <key name> <base64(4-byte key ID || signature)>`. Only Ed25519
 * (signature type 0x01) keys are supported; signatures from other keys are unknown and ignored.
 *
 *     This is an example message.
 *
 *     — example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=
 */
import { fromBase64, toBase64, utf8 } from '../bytes/index.js';
import { ValidationError, VerificationError } from '../errors.js';
import {
  ED25519_PUBLIC_KEY_BYTES,
  exportPrivateSeed,
  keyPairFromSeed,
  sha256,
  sign,
  verify,
  type Ed25519KeyPair,
} from '../sig/index.js';

/** Signature type byte of Ed25519 note keys (C2SP signed-note, "Signature types"). */
export const NOTE_SIG_TYPE_ED25519 = 0x01;
/** The spec asks verifiers to accept at least 16 signatures; Go's sumdb/note stops at 100. */
export const MAX_NOTE_SIGNATURES = 100;
/** U+2014 EM DASH and a space open every signature line. */
export const NOTE_SIGNATURE_PREFIX = '\u2014 ';

/** An Ed25519 signing key and its note key name (C2SP signed-note, "Ed25519 signatures"). */
export interface NoteSigner {
  readonly name: string;
  readonly privateKey: Ed25519KeyPair['privateKey'];
  /** Derived from the private key when absent (costs a key export per signature). */
  readonly publicKey?: Uint8Array;
}

/** A trusted key: name, key ID and Ed25519 public key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyHash: number;
  readonly publicKey: Uint8Array;
}

/** One signature line, decoded (C2SP signed-note, "Signatures"). */
export interface NoteSignature {
  readonly name: string;
  /** The uint32 key ID, big-endian in the encoded signature. */
  readonly keyHash: number;
  readonly signature: Uint8Array;
}

/** A parsed note: its text and its signatures, none of them checked yet. */
export interface SignedNote {
  /** The signed text, final newline included, separating blank line excluded. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note opened by `verifyNote`. */
export interface VerifiedNote extends SignedNote {
  /** The signatures by known keys, all of which verified (duplicates removed). */
  readonly verified: readonly NoteSignature[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// ASCII control characters other than newline (C2SP signed-note, "Format").
const CONTROL = /[\u0000-\u0009\u000B-\u001F]/;
const SPACE_OR_PLUS = /[\s+]/u;

function malformed(message: string): ValidationError {
  return new ValidationError('NOTE_MALFORMED', message);
}

/** True when `name` is a valid key name: non-empty, no Unicode space, no '+', no control character. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_OR_PLUS.test(name) && !CONTROL.test(name) && !LONE_SURROGATE.test(name);
}

/**
 * The key ID of an Ed25519 note key: the first 4 bytes, big-endian, of
 * SHA-256(name || 0x0A || 0x01 || public key) (C2SP signed-note, "Ed25519 signatures").
 * Throws ValidationError KEY_INVALID on a bad name or key length.
 */
export function noteKeyHash(name: string, publicKey: Uint8Array): number {
  if (!isValidKeyName(name))
    throw new ValidationError('KEY_INVALID', 'note key name must be non-empty without spaces or "+"');
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new ValidationError(
      'KEY_INVALID',
      `ed25519 public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${publicKey.length}`,
    );
  }
  const h = sha256(utf8.encode(name), new Uint8Array([0x0a, NOTE_SIG_TYPE_ED25519]), publicKey);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/** A verifier for an Ed25519 key, its key ID computed. Throws ValidationError KEY_INVALID. */
export function createNoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return { name, keyHash: noteKeyHash(name, publicKey), publicKey: Uint8Array.from(publicKey) };
}

function hash8(keyHash: number): string {
  return keyHash.toString(16).padStart(8, '0');
}

/** The verifier key string `<name>+<hex key ID>+<base64(0x01 || public key)>` (Go sumdb/note). */
export function formatVerifierKey(verifier: NoteVerifier): string {
  const key = new Uint8Array([NOTE_SIG_TYPE_ED25519, ...verifier.publicKey]);
  return `${verifier.name}+${hash8(verifier.keyHash)}+${toBase64(key)}`;
}

function splitKey(s: string): [string, number, Uint8Array] {
  const bad = (why: string): ValidationError => new ValidationError('KEY_INVALID', `note key: ${why}`);
  const a = s.indexOf('+');
  const b = a < 0 ? -1 : s.indexOf('+', a + 1);
  if (b < 0) throw bad('want <name>+<key id>+<key>');
  const name = s.slice(0, a);
  const hex = s.slice(a + 1, b);
  if (!isValidKeyName(name)) throw bad('name must be non-empty without spaces or "+"');
  if (!/^[0-9a-f]{8}$/.test(hex))
    throw bad(`key id must be 8 lower-case hex digits, got ${hex.length} characters`);
  const key = fromBase64(s.slice(b + 1));
  if (!key || key.length !== 1 + ED25519_PUBLIC_KEY_BYTES || key[0] !== NOTE_SIG_TYPE_ED25519) {
    throw bad(`want base64 of 0x01 and a ${ED25519_PUBLIC_KEY_BYTES}-byte key`);
  }
  return [name, Number.parseInt(hex, 16), key.subarray(1)];
}

/**
 * Parses a verifier key `<name>+<hex key ID>+<base64(0x01 || 32-byte key)>` and checks that the
 * key ID is the key's. Throws ValidationError KEY_INVALID. C2SP signed-note; Go sumdb/note.
 */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name, keyHash, publicKey] = splitKey(vkey);
  const verifier = createNoteVerifier(name, publicKey);
  if (verifier.keyHash !== keyHash)
    throw new ValidationError('KEY_INVALID', `note key ${name}: key id ${hash8(keyHash)} is not the key's`);
  return verifier;
}

/**
 * Parses a signer key `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>` (Go
 * sumdb/note). Throws ValidationError KEY_INVALID, also when the key ID does not match.
 */
export function parseSignerKey(skey: string): NoteSigner & { readonly publicKey: Uint8Array } {
  const prefix = 'PRIVATE+KEY+';
  if (!skey.startsWith(prefix))
    throw new ValidationError('KEY_INVALID', 'note signer key must start with PRIVATE+KEY+');
  const [name, keyHash, seed] = splitKey(skey.slice(prefix.length));
  const pair = keyPairFromSeed(seed);
  if (noteKeyHash(name, pair.publicKey) !== keyHash) {
    throw new ValidationError(
      'KEY_INVALID',
      `note signer key ${name}: key id ${hash8(keyHash)} is not the key's`,
    );
  }
  return { name, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

function checkCharacters(s: string, what: string): void {
  if (CONTROL.test(s)) throw malformed(`${what} holds an ASCII control character other than newline`);
  if (LONE_SURROGATE.test(s)) throw malformed(`${what} is not valid UTF-8`);
}

/** Checks note text: non-empty, ends in a newline, no control characters. Throws NOTE_MALFORMED. */
function checkText(text: string): void {
  if (!text.endsWith('\n')) throw malformed('note text must end in a newline');
  checkCharacters(text, 'note text');
}

function signatureLine(s: NoteSignature): string {
  const blob = new Uint8Array(4 + s.signature.length);
  new DataView(blob.buffer).setUint32(0, s.keyHash);
  blob.set(s.signature, 4);
  return `${NOTE_SIGNATURE_PREFIX}${s.name} ${toBase64(blob)}\n`;
}

/**
 * Serialises a note: text, blank line, one line per signature (C2SP signed-note, "Format").
 * Requires valid text, valid key names and at least one signature; throws NOTE_MALFORMED.
 */
export function formatSignedNote(note: SignedNote): string {
  checkText(note.text);
  if (note.signatures.length === 0) throw malformed('a signed note needs at least one signature');
  for (const s of note.signatures) {
    if (!isValidKeyName(s.name))
      throw malformed('signature key name must be non-empty without spaces or "+"');
  }
  return `${note.text}\n${note.signatures.map(signatureLine).join('')}`;
}

/**
 * Signs `text` with each signer (Ed25519 over the UTF-8 text, key ID from `noteKeyHash`) and
 * returns the signed note, after the `existing` signatures if given. Throws ValidationError
 * NOTE_MALFORMED (text) or KEY_INVALID (signer). C2SP signed-note.
 */
export function signNote(
  text: string,
  signers: NoteSigner | readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): string {
  checkText(text);
  const msg = utf8.encode(text);
  const list = Array.isArray(signers) ? (signers as readonly NoteSigner[]) : [signers as NoteSigner];
  const made = list.map((s): NoteSignature => {
    const publicKey = s.publicKey ?? keyPairFromSeed(exportPrivateSeed(s.privateKey)).publicKey;
    return { name: s.name, keyHash: noteKeyHash(s.name, publicKey), signature: sign(s.privateKey, msg) };
  });
  return formatSignedNote({ text, signatures: [...existing, ...made] });
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(NOTE_SIGNATURE_PREFIX))
    throw malformed('signature line must start with an em dash and a space');
  const rest = line.slice(NOTE_SIGNATURE_PREFIX.length);
  const sp = rest.indexOf(' ');
  const name = sp < 0 ? '' : rest.slice(0, sp);
  if (!isValidKeyName(name))
    throw malformed('signature line: key name must be non-empty without spaces or "+"');
  const blob = fromBase64(rest.slice(sp + 1));
  if (!blob || blob.length < 5)
    throw malformed(`signature line by ${name}: want base64 of a key id and a signature`);
  const keyHash = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0);
  return { name, keyHash, signature: blob.slice(4) };
}

function decodeNote(note: string | Uint8Array): string {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw malformed('signed note is not valid UTF-8');
  }
}

/**
 * Splits a signed note into text and signatures without checking any signature. The text ends
 * at the last blank line. Throws ValidationError NOTE_MALFORMED (not UTF-8, control characters,
 * no signature block, bad signature lines, more than MAX_NOTE_SIGNATURES). C2SP signed-note.
 */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const s = decodeNote(note);
  checkCharacters(s, 'signed note');
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw malformed('signed note has no blank line before its signatures');
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n'))
    throw malformed('signature block must be non-empty and end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES)
    throw malformed(`signed note has ${lines.length} signatures, at most ${MAX_NOTE_SIGNATURES} allowed`);
  return { text: s.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/**
 * Opens a signed note with the trusted `verifiers`: signatures whose (name, key ID) match no
 * verifier are ignored; every signature by a known key must verify (VerificationError
 * SIG_INVALID); at least one must (VerificationError NOTE_UNVERIFIED). Malformed notes throw
 * ValidationError NOTE_MALFORMED. C2SP signed-note, "Signatures".
 */
export function verifyNote(
  note: string | Uint8Array | SignedNote,
  verifiers: readonly NoteVerifier[],
): VerifiedNote {
  const parsed = typeof note === 'string' || note instanceof Uint8Array ? parseSignedNote(note) : note;
  checkText(parsed.text);
  const msg = utf8.encode(parsed.text);
  const verified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of parsed.signatures) {
    const key = verifiers.find((v) => v.name === sig.name && v.keyHash === sig.keyHash);
    if (!key) continue;
    if (!verify(key.publicKey, msg, sig.signature)) {
      throw new VerificationError(
        'SIG_INVALID',
        `note signature by ${sig.name}+${hash8(sig.keyHash)} does not verify`,
        {
          details: { name: sig.name, keyHash: hash8(sig.keyHash) },
        },
      );
    }
    const id = `${sig.name}+${hash8(sig.keyHash)}`;
    if (!seen.has(id)) verified.push(sig);
    seen.add(id);
  }
  if (verified.length === 0) {
    const names = parsed.signatures.map((x) => `${x.name}+${hash8(x.keyHash)}`).join(', ');
    throw new VerificationError('NOTE_UNVERIFIED', `no signature from a known key (signed by: ${names})`);
  }
  return { text: parsed.text, signatures: parsed.signatures, verified };
}

/** The key ID as 8 lower-case hex digits, as verifier keys and messages show it. */
export function formatKeyHash(keyHash: number): string {
  return hash8(keyHash);
}
