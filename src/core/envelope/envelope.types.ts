import type { JsonObject } from '../jcs/index.js';

/** Version of the envelope format; a node refuses versions it does not know. */
export const ENVELOPE_VERSION = 1;

/** Every kind of envelope DESIGN.md names. Adding a kind is fine; renaming one is not. */
export const ENVELOPE_KINDS = [
  'invite',
  'accept',
  'leave',
  'key-rotation',
  'ping',
  'receipt',
  'notify',
  'request',
  'response',
  'share',
  'designation',
  'designation-ack',
  'designation-objection',
  'assessment',
  'statement',
  'statement-sign',
  'psi-offer',
  'psi-accept',
  'psi-blinded',
  'psi-reblinded',
  'psi-result',
  'deconfliction',
  'note',
] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

/**
 * One signed message in a channel (DESIGN.md "Envelope"). On the wire and in the log it is the
 * RFC 8785 canonical JSON of this object; `sig` is Ed25519 over the canonical JSON of every
 * other member, prefixed with ENVELOPE_SIGNING_CONTEXT.
 */
export interface Envelope {
  readonly v: typeof ENVELOPE_VERSION;
  /** `channel--<uuid>` */
  readonly channel: string;
  /** `identity--<uuidv5 of the author's key>` */
  readonly author: string;
  /** Position in the author's log of this channel, from 0; equal to the Merkle leaf index. */
  readonly seq: number;
  /** Lower-case hex leaf hash of the author's envelope seq - 1; absent exactly when seq is 0. */
  readonly prev?: string;
  /** RFC 3339 UTC time the author signed at. */
  readonly created: string;
  readonly kind: EnvelopeKind;
  /** Leaf hashes (lower-case hex) of the envelopes this one answers or acknowledges. */
  readonly refs?: readonly string[];
  /** RFC 3339 UTC deadline for a response. */
  readonly respond_by?: string;
  readonly body: JsonObject;
  /** Base64 (RFC 4648 §4) Ed25519 signature, 64 bytes. */
  readonly sig: string;
}

export type UnsignedEnvelope = Omit<Envelope, 'sig'>;

/** An envelope with the bytes it was parsed from (canonical) and its leaf hash. */
export interface ParsedEnvelope {
  readonly envelope: Envelope;
  /** Canonical bytes: the Merkle leaf. */
  readonly bytes: Uint8Array;
  /** RFC 9162 leaf hash of `bytes`: the envelope's identity. */
  readonly hash: Uint8Array;
  /** Lower-case hex of `hash`. */
  readonly hashHex: string;
}

/** Domain separation: an envelope signature can never be replayed as any other Parley signature. */
export const ENVELOPE_SIGNING_CONTEXT = 'parley-envelope-v1\n';

/** Largest envelope a node accepts by default (bytes of canonical JSON). */
export const DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;
