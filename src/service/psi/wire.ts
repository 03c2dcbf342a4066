import { fromBase64, toBase64 } from '../../core/bytes/index.js';
import { PsiError } from '../../core/errors.js';
import type { JsonObject } from '../../core/jcs/index.js';
import {
  PSI_ELEMENT_BYTES,
  psiDst,
  parsePsiOffer,
  type PsiOffer,
  type PsiRole,
} from '../../core/psi/index.js';

/**
 * The bodies of the `psi-*` envelopes (schemas in core/dialogue/body-schemas.ts; the protocol in
 * docs/psi.md, "Envelopes"). These carry only what the core's messages carry — sizes, the
 * offer's parameters, blinded group elements — never a list entry, plain or hashed.
 */

/** Elements per chunk: 20,000 × 32 bytes is 853,336 base64 characters, under a 1 MiB envelope. */
export const DEFAULT_PSI_CHUNK = 20_000;

/** Room left in an envelope for everything but the elements. */
const ENVELOPE_OVERHEAD_BYTES = 4096;

/** The largest chunk that keeps an envelope under `maxEnvelopeBytes`. */
export function chunkSizeFor(maxEnvelopeBytes: number, wanted = DEFAULT_PSI_CHUNK): number {
  const fit = Math.floor(((maxEnvelopeBytes - ENVELOPE_OVERHEAD_BYTES) * 3) / 4 / PSI_ELEMENT_BYTES);
  return Math.max(1, Math.min(wanted, fit));
}

export interface PsiOfferBody {
  readonly comparison: string;
  readonly v: 1;
  readonly responder: string;
  readonly suite: string;
  readonly kind: PsiOffer['kind'];
  readonly mode: PsiOffer['mode'];
  readonly initiator_size: number;
  readonly max_size: number;
  readonly dst: string;
  readonly chunk_size: number;
  readonly expires: string;
}

export interface PsiAcceptBody {
  readonly comparison: string;
  readonly decision: 'accept' | 'refuse';
  readonly responder_size?: number;
  readonly reason?: string;
}

export interface PsiChunkBody {
  readonly comparison: string;
  readonly from: PsiRole;
  readonly chunk: number;
  readonly chunks: number;
  readonly count: number;
  readonly elements: string;
}

export const PSI_RESULT_STATUSES = ['complete', 'aborted', 'failed'] as const;
export type PsiResultStatus = (typeof PSI_RESULT_STATUSES)[number];

export interface PsiResultBody {
  readonly comparison: string;
  readonly status: PsiResultStatus;
  readonly overlap?: number;
  readonly reason?: string;
}

export function offerBody(
  offer: PsiOffer,
  responder: string,
  chunkSize: number,
  expires: string,
): PsiOfferBody {
  return {
    comparison: offer.session,
    v: offer.v,
    responder,
    suite: offer.suite,
    kind: offer.kind,
    mode: offer.mode,
    initiator_size: offer.initiator_size,
    max_size: offer.max_size,
    dst: new TextDecoder().decode(psiDst(offer)),
    chunk_size: chunkSize,
    expires,
  };
}

/**
 * The core offer inside an offer body, checked: the stated DST must be the one both sides
 * derive, or the two sides would hash into different groups. Throws PSI_MESSAGE_INVALID.
 */
export function offerFromBody(b: PsiOfferBody): PsiOffer {
  const offer = parsePsiOffer({
    type: 'psi-offer',
    v: b.v,
    session: b.comparison,
    suite: b.suite,
    kind: b.kind,
    mode: b.mode,
    initiator_size: b.initiator_size,
    max_size: b.max_size,
  });
  if (new TextDecoder().decode(psiDst(offer)) !== b.dst)
    throw new PsiError('PSI_MESSAGE_INVALID', 'offer dst does not match its suite and session');
  return offer;
}

/** Cuts packed elements into chunk bodies; an empty set is one empty chunk. */
export function toChunks(
  comparison: string,
  from: PsiRole,
  elements: Uint8Array,
  chunkSize: number,
): PsiChunkBody[] {
  const count = elements.length / PSI_ELEMENT_BYTES;
  const chunks = Math.max(1, Math.ceil(count / chunkSize));
  const out: PsiChunkBody[] = [];
  for (let i = 0; i < chunks; i++) {
    const part = elements.subarray(
      i * chunkSize * PSI_ELEMENT_BYTES,
      Math.min(count, (i + 1) * chunkSize) * PSI_ELEMENT_BYTES,
    );
    out.push({ comparison, from, chunk: i, chunks, count, elements: toBase64(part) });
  }
  return out;
}

/** Collects the chunks of one set in any order; `done` once every chunk is in. */
export class ChunkAssembler {
  private readonly parts = new Map<number, Uint8Array>();
  private chunks: number | undefined;
  private count: number | undefined;

  constructor(private readonly maxCount: number) {}

  get received(): number {
    return this.parts.size;
  }

  get expected(): number | undefined {
    return this.chunks;
  }

  /** Adds a chunk (a repeated one is ignored). Throws PSI_MESSAGE_INVALID on an inconsistent chunk. */
  add(b: PsiChunkBody): void {
    if (b.count > this.maxCount)
      throw new PsiError('PSI_SIZE_MISMATCH', `set of ${b.count} elements exceeds ${this.maxCount}`);
    if (this.chunks === undefined) {
      this.chunks = b.chunks;
      this.count = b.count;
    } else if (this.chunks !== b.chunks || this.count !== b.count) {
      throw new PsiError('PSI_MESSAGE_INVALID', `chunk ${b.chunk} disagrees on the set's size`);
    }
    if (b.chunk >= b.chunks) throw new PsiError('PSI_MESSAGE_INVALID', `chunk ${b.chunk} of ${b.chunks}`);
    if (this.parts.has(b.chunk)) return;
    const bytes = fromBase64(b.elements);
    if (!bytes || bytes.length % PSI_ELEMENT_BYTES !== 0)
      throw new PsiError('PSI_MESSAGE_INVALID', `chunk ${b.chunk} is not whole elements`);
    this.parts.set(b.chunk, bytes);
  }

  get done(): boolean {
    return this.chunks !== undefined && this.parts.size === this.chunks;
  }

  /** The whole set, packed. Throws PSI_SIZE_MISMATCH if the chunks do not add up to `count`. */
  take(): { count: number; elements: Uint8Array } {
    if (!this.done) throw new PsiError('PSI_STATE_INVALID', 'set is not complete');
    const total = [...this.parts.values()].reduce((n, p) => n + p.length, 0);
    if (total !== this.count! * PSI_ELEMENT_BYTES)
      throw new PsiError(
        'PSI_SIZE_MISMATCH',
        `chunks hold ${total / PSI_ELEMENT_BYTES} elements, set declares ${this.count}`,
      );
    const out = new Uint8Array(total);
    let at = 0;
    for (let i = 0; i < this.chunks!; i++) {
      const p = this.parts.get(i)!;
      out.set(p, at);
      at += p.length;
    }
    this.parts.clear();
    return { count: this.count!, elements: out };
  }
}

export const asJson = (b: object): JsonObject => b as unknown as JsonObject;
