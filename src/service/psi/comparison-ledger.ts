import type { ParsedEnvelope } from '../../core/envelope/index.js';
import type { PsiOffer } from '../../core/psi/index.js';
import type { ComparisonState } from './comparison.types.js';
import { offerFromBody, type PsiAcceptBody, type PsiOfferBody, type PsiResultBody } from './wire.js';

/** What the logs say about one comparison: the offer, the answer, each side's result. */
export interface LedgerRecord {
  readonly id: string;
  readonly channel: string;
  readonly initiator: string;
  readonly offerHash: string;
  readonly offerBody: PsiOfferBody;
  readonly offer: PsiOffer;
  readonly created: string;
  accept: PsiAcceptBody | undefined;
  acceptHash: string | undefined;
  /** psi-result bodies by author. */
  readonly results: Map<string, PsiResultBody>;
  /** Chunks seen in the logs, by author (for progress of comparisons run elsewhere). */
  readonly chunks: Map<string, number>;
}

/** The ids of the psi-* bodies (every one carries `comparison`). */
export function comparisonOf(p: ParsedEnvelope): string | undefined {
  const id = (p.envelope.body as { comparison?: unknown }).comparison;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The log-derived view of every comparison this node has seen: rebuilt at start from the
 * tracked psi-offer/psi-accept/psi-result envelopes and kept current by projection. Holds no
 * secret and no entry, so it can always be rebuilt; the secrets live in RunningComparison.
 */
export class ComparisonLedger {
  private readonly records = new Map<string, LedgerRecord>();

  get(id: string): LedgerRecord | undefined {
    return this.records.get(id);
  }

  all(): LedgerRecord[] {
    return [...this.records.values()];
  }

  /** Applies one psi-* envelope; returns the record it touched. Idempotent. Ignores a malformed offer. */
  apply(p: ParsedEnvelope): LedgerRecord | undefined {
    const e = p.envelope;
    const id = comparisonOf(p);
    if (!id) return undefined;
    if (e.kind === 'psi-offer') {
      if (this.records.has(id)) return this.records.get(id);
      const body = e.body as unknown as PsiOfferBody;
      let offer: PsiOffer;
      try {
        offer = offerFromBody(body);
      } catch {
        return undefined;
      }
      const r: LedgerRecord = {
        id,
        channel: e.channel,
        initiator: e.author,
        offerHash: p.hashHex,
        offerBody: body,
        offer,
        created: e.created,
        accept: undefined,
        acceptHash: undefined,
        results: new Map(),
        chunks: new Map(),
      };
      this.records.set(id, r);
      return r;
    }
    const r = this.records.get(id);
    // Only the two parties of the offer, in the offer's channel, speak in a comparison.
    if (!r || r.channel !== e.channel || (e.author !== r.initiator && e.author !== r.offerBody.responder))
      return undefined;
    if (e.kind === 'psi-accept' && e.author === r.offerBody.responder && !r.accept) {
      r.accept = e.body as unknown as PsiAcceptBody;
      r.acceptHash = p.hashHex;
    } else if (e.kind === 'psi-result' && !r.results.has(e.author)) {
      r.results.set(e.author, e.body as unknown as PsiResultBody);
    } else if (e.kind === 'psi-blinded' || e.kind === 'psi-reblinded') {
      r.chunks.set(e.author, (r.chunks.get(e.author) ?? 0) + 1);
    }
    return r;
  }

  /** The state as the logs show it, from `party`'s point of view. */
  static state(r: LedgerRecord, party: string): ComparisonState {
    const results = [...r.results.values()];
    if (r.accept?.decision === 'refuse') return 'refused';
    const failed = results.find((x) => x.status !== 'complete');
    if (failed) return failed.status === 'failed' ? 'failed' : 'aborted';
    if (r.results.get(party)?.status === 'complete') return 'complete';
    if (!r.accept) return party === r.offerBody.responder ? 'awaiting-acceptance' : 'offered';
    if (r.results.size === 2) return 'complete';
    return 'running';
  }
}
