import { toBase64, toHex, utf8 } from '../bytes/index.js';
import { canonicalize, normalizeNfc, type JsonObject } from '../jcs/index.js';
import { hashLeaf } from '../merkle/hasher.js';
import { sign, type PrivateKey } from '../sig/index.js';
import {
  ENVELOPE_SIGNING_CONTEXT,
  ENVELOPE_VERSION,
  type Envelope,
  type EnvelopeKind,
  type ParsedEnvelope,
  type UnsignedEnvelope,
} from './envelope.types.js';
import { checkEnvelopeShape } from './shape.js';

export interface EnvelopeDraft {
  readonly channel: string;
  readonly author: string;
  readonly seq: number;
  /** Leaf hash of seq - 1 (hex); omit for seq 0. */
  readonly prev?: string;
  readonly created: string;
  readonly kind: EnvelopeKind;
  readonly refs?: readonly string[];
  readonly respond_by?: string;
  readonly body: JsonObject;
}

/** The exact bytes an envelope signature covers: context string, then JCS of the unsigned fields. */
export function envelopeSigningInput(unsigned: UnsignedEnvelope): Uint8Array {
  return signingInputOfCanonical(canonicalize(unsigned));
}

/** The same, from the unsigned envelope's canonical JSON already in hand. */
function signingInputOfCanonical(unsignedJson: string): Uint8Array {
  return utf8.encode(ENVELOPE_SIGNING_CONTEXT + unsignedJson);
}

/**
 * Builds and signs an envelope. Strings are NFC-normalised before signing.
 * Throws ValidationError ENVELOPE_* when the draft does not make a valid envelope, and
 * JCS_NOT_IJSON when the body cannot be canonicalised.
 */
export function createEnvelope(draft: EnvelopeDraft, privateKey: PrivateKey): ParsedEnvelope {
  const unsigned = normalizeNfc({
    v: ENVELOPE_VERSION,
    channel: draft.channel,
    author: draft.author,
    seq: draft.seq,
    ...(draft.prev !== undefined ? { prev: draft.prev } : {}),
    created: draft.created,
    kind: draft.kind,
    ...(draft.refs?.length ? { refs: [...draft.refs] } : {}),
    ...(draft.respond_by !== undefined ? { respond_by: draft.respond_by } : {}),
    body: draft.body,
  }) as UnsignedEnvelope;
  const unsignedJson = canonicalize(unsigned);
  const sig = toBase64(sign(privateKey, signingInputOfCanonical(unsignedJson)));
  const envelope = checkEnvelopeShape({ ...unsigned, sig });
  // The canonical envelope is the canonical unsigned one with "sig" added. JCS orders members by
  // name and "v" is always the last, right after where "sig" belongs, so splicing the signature
  // in before it gives the same bytes as canonicalising again (a property test checks), at half
  // the cost for a large body. Base64 needs no JSON escaping.
  const tail = `,"v":${ENVELOPE_VERSION}}`;
  if (!unsignedJson.endsWith(tail)) throw new Error('canonical envelope does not end with its version');
  const bytes = utf8.encode(`${unsignedJson.slice(0, -tail.length)},"sig":"${sig}"${tail}`);
  const hash = hashLeaf(bytes);
  return { envelope: envelope as Envelope, bytes, hash, hashHex: toHex(hash) };
}
