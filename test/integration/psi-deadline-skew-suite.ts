/**
 * A list-comparison offer's deadlines count from the receiving node's clock within the skew
 * tolerance, as every dialogue deadline does (src/core/deadline/README.md): an offer signed by a
 * clock more than a day behind is neither unreceipted nor unanswered-and-overdue on arrival. The
 * comparison ledger is rebuilt from these tracked items at every start, so the due times must not
 * depend on when a pass runs: a replay after a crash at a later clock fixes them from the moment
 * the envelope was stored, and later restarts leave them as they are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseEnvelope, type ParsedEnvelope } from '../../src/core/envelope/index.js';
import { DEFAULT_DIALOGUE_OPTIONS } from '../../src/service/dialogue/context.js';
import { DEFAULT_PSI_OFFER_TTL_S, prepareList, type PsiOfferBody } from '../../src/service/psi/index.js';
import type { TrackedItem } from '../../src/store/dialogue.types.js';
import { eventually } from '../helpers/nodes.js';
import { skewedPair, storeUnprojected, type SkewedPair } from '../helpers/skewed-pair.js';

const RECEIPT_S = 3600;
// More than the offer's lifetime: on B's clock the signed `expires` has passed when the offer arrives.
const BEHIND_MS = DEFAULT_PSI_OFFER_TTL_S * 1000 + 6 * 3600_000;
const TAU_MS = DEFAULT_DIALOGUE_OPTIONS.clockSkewSeconds * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();
const list = prepareList('indicators', JSON.stringify(['198.51.100.7', 'evil.example']), 'json');

/** The due times a receiver fixes for an offer it stored at `storedAt` (ms). */
function expected(offer: ParsedEnvelope, storedAt: number): Pick<TrackedItem, 'receiptDueAt' | 'respondBy'> {
  const e = offer.envelope;
  const granted = Date.parse((e.body as unknown as PsiOfferBody).expires) - Date.parse(e.created);
  return {
    receiptDueAt: iso(storedAt - TAU_MS + RECEIPT_S * 1000),
    respondBy: iso(storedAt - TAU_MS + granted),
  };
}

/** The scenario on SQLite, or on PostgreSQL (a schema per node) when `pgUrl` is given. */
export function runPsiDeadlineSkew(label: string, pgUrl?: string): void {
  describe(`list-comparison deadlines on a receiver whose clock is ahead (${label})`, () => {
    let pair: SkewedPair;
    const due = new Map<string, Pick<TrackedItem, 'receiptDueAt' | 'respondBy'>>();

    before(async () => {
      pair = await skewedPair({
        behindMs: BEHIND_MS,
        policy: { receipt_deadline_s: RECEIPT_S },
        ...(pgUrl ? { pgUrl } : {}),
      });
    });
    after(async () => pair?.stop());

    /** A offers a comparison to B; returns the signed offer as A stored it. */
    async function offer(): Promise<ParsedEnvelope> {
      const { offerHash } = await pair.a.comparisons.offer({ channel: pair.channel, list });
      const entry = (await pair.a.node.store.getEntryByHash(Buffer.from(offerHash, 'hex')))!;
      return parseEnvelope(entry.bytes);
    }

    async function trackedAtB(hash: string): Promise<TrackedItem> {
      return eventually('B tracks the offer', async () => pair.b.node.store.dialogue.getItem(hash));
    }

    it('an offer signed 30 hours back is not overdue at the receiver on arrival', async () => {
      const o = await offer();
      const item = await trackedAtB(o.hashHex);
      const storedAt = Date.parse((await pair.b.node.store.getEntryByHash(o.hash))!.storedAt);
      assert.equal(storedAt, pair.clockB.now().getTime(), 'B stored it on its own clock');
      assert.ok(
        (o.envelope.body as unknown as PsiOfferBody).expires < iso(storedAt),
        'the signed expiry is already past on B’s clock',
      );
      assert.deepEqual({ receiptDueAt: item.receiptDueAt, respondBy: item.respondBy }, expected(o, storedAt));
      const events = await pair.b.dialogue.checkDeadlines();
      assert.deepEqual(
        events.filter((x) => x.item.hash === o.hashHex),
        [],
      );
      assert.equal((await pair.b.node.store.dialogue.getItem(o.hashHex))!.overdueAt, undefined);
      // The author's node counts from its signed created: the answer is due at `expires`.
      const atA = (await pair.a.node.store.dialogue.getItem(o.hashHex))!;
      assert.equal(atA.receiptDueAt, iso(Date.parse(o.envelope.created) + RECEIPT_S * 1000));
      assert.equal(atA.respondBy, (o.envelope.body as unknown as PsiOfferBody).expires);
      due.set(o.hashHex, expected(o, storedAt));
    });

    it('a replay after a crash at a later clock anchors on when the offer was stored, not on the restart', async () => {
      await pair.b.close();
      const o = await offer();
      const storedAt = pair.clockB.now().getTime();
      await storeUnprojected(pair.a, pair.b, pair.channel, o.hashHex, iso(storedAt));
      pair.clockB.advance(10 * 3600_000);
      await pair.restartB();
      const item = await trackedAtB(o.hashHex);
      assert.deepEqual({ receiptDueAt: item.receiptDueAt, respondBy: item.respondBy }, expected(o, storedAt));
      assert.equal(
        pair.b.comparisons.status((o.envelope.body as unknown as PsiOfferBody).comparison)?.state,
        'awaiting-acceptance',
      );
      due.set(o.hashHex, expected(o, storedAt));
    });

    it('the ledger rebuilt at a later start moves no due time', async () => {
      pair.clockB.advance(24 * 3600_000);
      await pair.restartB();
      for (const [hash, d] of due) {
        const item = (await pair.b.node.store.dialogue.getItem(hash))!;
        assert.deepEqual({ receiptDueAt: item.receiptDueAt, respondBy: item.respondBy }, d);
      }
      assert.equal(pair.b.comparisons.list().filter((s) => s.state === 'awaiting-acceptance').length, 2);
    });
  });
}
