import { fromBase64, utf8 } from '../bytes/index.js';
import { VerificationError } from '../errors.js';
import { verify } from '../sig/index.js';
import { ENVELOPE_SIGNING_CONTEXT, type Envelope, type ParsedEnvelope } from './envelope.types.js';
import { envelopeSigningInput } from './sign.js';

/**
 * Looks up the key pinned for a party; undefined when the party is unknown. The caller checks,
 * when it first pins a key, that the party id certifies it; after a signed key-rotation the
 * pinned key no longer derives the id, which is why this function does not re-check it.
 */
export type KeyResolver = (partyId: string) => Uint8Array | undefined;

/**
 * The bytes the signature covers, cut from the canonical text rather than re-serialised:
 * members sort as "seq" < "sig" < "v" and v is always 1, so the canonical text always ends in
 * `,"sig":"<88 chars>","v":1}`. Falls back to re-canonicalising if that ever stops holding.
 */
function signedBytes(p: ParsedEnvelope): Uint8Array {
  const tail = `,"sig":"${p.envelope.sig}","v":1}`;
  const text = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength).toString('utf8');
  if (text.endsWith(tail))
    return utf8.encode(ENVELOPE_SIGNING_CONTEXT + text.slice(0, -tail.length) + ',"v":1}');
  const { sig: _sig, ...unsigned } = p.envelope;
  return envelopeSigningInput(unsigned);
}

/**
 * Checks an envelope's signature against its author's pinned key.
 * Throws VerificationError UNKNOWN_AUTHOR (no key pinned for the author) or SIG_INVALID.
 */
export function verifyEnvelopeSignature(p: ParsedEnvelope, keys: KeyResolver): void {
  const { author, channel, seq } = p.envelope;
  const key = keys(author);
  if (!key) {
    throw new VerificationError('UNKNOWN_AUTHOR', `no pinned key for author ${author} in ${channel}`, {
      details: { author, channel },
    });
  }
  const sig = fromBase64(p.envelope.sig);
  if (!sig || !verify(key, signedBytes(p), sig)) {
    throw new VerificationError(
      'SIG_INVALID',
      `seq ${seq} from ${author} in ${channel}: signature does not verify`,
      {
        details: { author, channel, seq },
      },
    );
  }
}

/** Where the receiver's copy of an author's log stands: the next expected seq and its prev. */
export interface LogPosition {
  readonly size: number;
  /** Hex leaf hash of entry size - 1, undefined when size is 0. */
  readonly lastHash: string | undefined;
}

/**
 * Checks that an envelope is the next one in its log.
 * Throws VerificationError SEQ_GAP (seq beyond the next one: fetch the missing range),
 * SEQ_WRONG (seq already held: a replay or an equivocation, which the caller tells apart by
 * hash) or PREV_MISMATCH (right seq, but it does not chain to the entry before it).
 */
export function verifyEnvelopePosition(envelope: Envelope, at: LogPosition): void {
  const { seq, author, channel } = envelope;
  const where = `seq ${seq} from ${author} in ${channel}`;
  if (seq > at.size)
    throw new VerificationError('SEQ_GAP', `${where}: expected seq ${at.size}, a gap of ${seq - at.size}`);
  if (seq < at.size)
    throw new VerificationError('SEQ_WRONG', `${where}: seq already held (log size ${at.size})`);
  if (envelope.prev !== at.lastHash) {
    throw new VerificationError('PREV_MISMATCH', `${where}: prev is not the leaf hash of seq ${seq - 1}`);
  }
}
