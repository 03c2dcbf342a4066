/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text of a signed tree head.
 *
 *     <origin>\n
 *     <tree size, ASCII decimal, no leading zeros>\n
 *     <root hash, standard padded base64 of 32 bytes>\n
 *     [<extension line>\n ...]
 *
 * A checkpoint travels as a signed note (./signed-note.ts); `signCheckpoint` and
 * `verifyCheckpoint` join the two.
 */
import { fromBase64, toBase64 } from '../bytes/index.js';
import { ValidationError, VerificationError } from '../errors.js';
import { HASH_BYTES } from './hasher.js';
import {
  signNote,
  verifyNote,
  type NoteSigner,
  type NoteVerifier,
  type VerifiedNote,
} from './signed-note.js';

/** A checkpoint body (C2SP tlog-checkpoint, "Note text"). */
export interface Checkpoint {
  /** The log's identity, e.g. `parley.example/channel--…/identity--…`. */
  readonly origin: string;
  /** The tree size: the number of leaves. A safe integer >= 0. */
  readonly size: number;
  /** The RFC 9162 root hash at `size`: 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Opaque, non-empty extension lines (NOT RECOMMENDED by the spec). */
  readonly extensions: readonly string[];
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const CONTROL = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EDGE_SPACE = /^\s|\s$/u;
const SPACE_OR_PLUS = /[\s+]/u;

function malformed(message: string): ValidationError {
  return new ValidationError('CHECKPOINT_MALFORMED', message);
}

/** Rules every line shares: non-empty, no control characters, no leading or trailing space. */
function checkLine(line: string, what: string): void {
  if (line.length === 0) throw malformed(`${what} is empty`);
  if (CONTROL.test(line)) throw malformed(`${what} holds a control character`);
  if (LONE_SURROGATE.test(line)) throw malformed(`${what} is not valid UTF-8`);
  if (EDGE_SPACE.test(line)) throw malformed(`${what} has leading or trailing space`);
}

/**
 * Formats a checkpoint body. Requires an origin without spaces or '+' (the spec's SHOULD, which
 * Parley's own logs follow), a safe integer size >= 0, a 32-byte root and non-empty extension
 * lines; throws ValidationError CHECKPOINT_MALFORMED. C2SP tlog-checkpoint, "Note text".
 */
export function formatCheckpoint(cp: Checkpoint): string {
  checkLine(cp.origin, 'origin');
  if (SPACE_OR_PLUS.test(cp.origin)) throw malformed('origin must not contain spaces or "+"');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw malformed(`tree size must be a safe integer >= 0, got ${cp.size}`);
  if (cp.rootHash.length !== HASH_BYTES)
    throw malformed(`root hash must be ${HASH_BYTES} bytes, got ${cp.rootHash.length}`);
  cp.extensions.forEach((e, i) => checkLine(e, `extension line ${i + 1}`));
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...cp.extensions].map((l) => `${l}\n`).join('');
}

/**
 * Parses a checkpoint body, strictly: text ending in a newline; at least three lines, none empty,
 * none with control characters or leading/trailing space; a decimal size without leading zeros
 * that is a safe integer; a root that is canonical padded base64 of 32 bytes. Throws
 * ValidationError CHECKPOINT_MALFORMED. C2SP tlog-checkpoint, "Note text".
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('checkpoint must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed(`checkpoint needs at least 3 lines, got ${lines.length}`);
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine(origin, 'origin');
  checkLine(sizeLine, 'tree size');
  checkLine(rootLine, 'root hash');
  extensions.forEach((e, i) => checkLine(e, `extension line ${i + 1}`));
  if (!DECIMAL.test(sizeLine))
    throw malformed(
      `tree size must be decimal without leading zeros, got ${JSON.stringify(sizeLine.slice(0, 32))}`,
    );
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw malformed(`tree size ${sizeLine.slice(0, 32)} exceeds 2^53 - 1`);
  const rootHash = fromBase64(rootLine);
  if (!rootHash) throw malformed('root hash is not canonical padded base64');
  if (rootHash.length !== HASH_BYTES)
    throw malformed(`root hash must be ${HASH_BYTES} bytes, got ${rootHash.length}`);
  return { origin, size, rootHash, extensions };
}

/**
 * Formats and signs a checkpoint as a signed note. Throws ValidationError CHECKPOINT_MALFORMED,
 * NOTE_MALFORMED or KEY_INVALID. C2SP tlog-checkpoint, "Signatures".
 */
export function signCheckpoint(cp: Checkpoint, signers: NoteSigner | readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers);
}

/** A checkpoint whose note `verifyCheckpoint` opened, with the signatures that verified. */
export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: VerifiedNote;
}

/**
 * Opens a signed checkpoint: verifies the note (verifyNote rules), parses its text and checks
 * that its origin is `origin`. Throws ValidationError NOTE_MALFORMED / CHECKPOINT_MALFORMED,
 * VerificationError SIG_INVALID / NOTE_UNVERIFIED, or CHECKPOINT_INVALID (another origin).
 * C2SP tlog-checkpoint.
 */
export function verifyCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin: string,
): VerifiedCheckpoint {
  const opened = verifyNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) {
    throw new VerificationError(
      'CHECKPOINT_INVALID',
      `checkpoint origin is ${JSON.stringify(checkpoint.origin)}, want ${JSON.stringify(origin)}`,
    );
  }
  return { checkpoint, note: opened };
}
