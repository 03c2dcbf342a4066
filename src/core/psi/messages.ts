import { PsiError } from '../errors.js';
import { toHex } from '../bytes/index.js';
import { PSI_ELEMENT_BYTES, type PsiSuite, type Rng } from './group.types.js';
import { isPsiSuite } from './groups.js';

/**
 * The plain-data messages of a comparison. The channel layer wraps each in a signed `psi-*`
 * envelope (and may split a blinded set into chunks); nothing here knows about envelopes.
 */

/** both: each side learns which of its entries are shared; one-sided: only the initiator does;
 * cardinality: both learn only how many entries are shared. */
export const PSI_MODES = ['both', 'one-sided', 'cardinality'] as const;
export type PsiMode = (typeof PSI_MODES)[number];
export const PSI_ROLES = ['initiator', 'responder'] as const;
export type PsiRole = (typeof PSI_ROLES)[number];
export const PSI_LIST_KINDS = ['persons', 'indicators'] as const;
export type PsiListKind = (typeof PSI_LIST_KINDS)[number];
export const PSI_PROTOCOL_VERSION = 1;
/** ristretto255, as the dialogue's design asks; native where `npm install` could build the addon
 * (docs/psi.md). The X25519 suite stays selectable per offer. */
export const DEFAULT_PSI_SUITE: PsiSuite = 'ristretto255_XMD:SHA-512_R255MAP_RO_';
/** Upper bound on either list; it also bounds how many guesses a dishonest side can test. */
export const DEFAULT_PSI_MAX_SIZE = 1_000_000;

export interface PsiOffer {
  readonly type: 'psi-offer';
  readonly v: typeof PSI_PROTOCOL_VERSION;
  /** 32 lower-case hex digits, fresh per comparison; part of the hash-to-group DST. */
  readonly session: string;
  readonly suite: PsiSuite;
  readonly kind: PsiListKind;
  readonly mode: PsiMode;
  readonly initiator_size: number;
  /** The largest responder list the initiator will process. */
  readonly max_size: number;
}

export interface PsiBlindedSet {
  readonly type: 'psi-blinded';
  readonly session: string;
  readonly from: PsiRole;
  /** single: the sender's own entries blinded once; double: the receiver's entries re-blinded. */
  readonly stage: 'single' | 'double';
  readonly count: number;
  /** count × 32 bytes. */
  readonly elements: Uint8Array;
}

export interface PsiResult {
  readonly type: 'psi-result';
  readonly session: string;
  readonly from: PsiRole;
  readonly overlap: number;
}

/** Builds an offer with a fresh session id. Throws PSI_INPUT_INVALID on a bad size. */
export function createPsiOffer(
  p: { suite?: PsiSuite; kind: PsiListKind; mode?: PsiMode; size: number; maxSize?: number },
  rng: Rng,
): PsiOffer {
  const offer: PsiOffer = {
    type: 'psi-offer',
    v: PSI_PROTOCOL_VERSION,
    session: toHex(rng(16)),
    suite: p.suite ?? DEFAULT_PSI_SUITE,
    kind: p.kind,
    mode: p.mode ?? 'both',
    initiator_size: p.size,
    max_size: p.maxSize ?? DEFAULT_PSI_MAX_SIZE,
  };
  return parsePsiOffer(offer);
}

/** The RFC 9380 §3.1 domain separation tag of one comparison. */
export function psiDst(offer: PsiOffer): Uint8Array {
  return new TextEncoder().encode(`PARLEY-PSI-V${offer.v}-${offer.suite}-${offer.session}`);
}

function bad(what: string): PsiError {
  return new PsiError('PSI_MESSAGE_INVALID', what);
}

function isCount(n: unknown, max: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
}

/** Checks an untrusted offer. Throws PSI_MESSAGE_INVALID. */
export function parsePsiOffer(x: unknown): PsiOffer {
  const o = x as Partial<PsiOffer> | null;
  if (typeof o !== 'object' || o === null || o.type !== 'psi-offer') throw bad('not a psi offer');
  if (o.v !== PSI_PROTOCOL_VERSION) throw bad(`unsupported psi version ${String(o.v)}`);
  if (typeof o.session !== 'string' || !/^[0-9a-f]{32}$/.test(o.session))
    throw bad('session must be 32 hex digits');
  if (!isPsiSuite(o.suite)) throw bad('unknown suite');
  if (!(PSI_LIST_KINDS as readonly unknown[]).includes(o.kind)) throw bad('unknown list kind');
  if (!(PSI_MODES as readonly unknown[]).includes(o.mode)) throw bad('unknown mode');
  if (!isCount(o.max_size, Number.MAX_SAFE_INTEGER) || o.max_size < 1)
    throw bad('max_size must be a positive integer');
  if (!isCount(o.initiator_size, o.max_size)) throw bad('initiator_size must be an integer within max_size');
  const { type, v, session, suite, kind, mode, initiator_size, max_size } = o as PsiOffer;
  return { type, v, session, suite, kind, mode, initiator_size, max_size };
}

/** Checks an untrusted blinded set's shape (not its points). Throws PSI_MESSAGE_INVALID. */
export function parsePsiBlindedSet(x: unknown, maxCount: number): PsiBlindedSet {
  const m = x as Partial<PsiBlindedSet> | null;
  if (typeof m !== 'object' || m === null || m.type !== 'psi-blinded') throw bad('not a psi blinded set');
  if (typeof m.session !== 'string' || !/^[0-9a-f]{32}$/.test(m.session))
    throw bad('session must be 32 hex digits');
  if (!(PSI_ROLES as readonly unknown[]).includes(m.from)) throw bad('unknown sender role');
  if (m.stage !== 'single' && m.stage !== 'double') throw bad('unknown stage');
  if (!isCount(m.count, maxCount)) throw bad(`count must be an integer within ${maxCount}`);
  if (!(m.elements instanceof Uint8Array) || m.elements.length !== m.count * PSI_ELEMENT_BYTES) {
    throw bad(`expected ${m.count * PSI_ELEMENT_BYTES} element bytes`);
  }
  return m as PsiBlindedSet;
}
