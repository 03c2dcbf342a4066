import { parseEnvelope, type ParsedEnvelope } from '../../core/envelope/index.js';
import { arrivalOf } from '../dialogue/arrival.js';
import { parsePolicy, type DialogueContext } from '../dialogue/context.js';
import { dueTimesOf } from '../dialogue/due-times.js';
import type { LedgerRecord } from './comparison-ledger.js';

/**
 * Reads the envelopes of `kinds` that other processes store in the channel's logs, in log order
 * per author, from the heads as they are now. The CLI uses it beside a serving node, which is the
 * one receiving the peer's envelopes. Returns a stop function.
 */
export async function followLogs(
  ctx: DialogueContext,
  channel: string,
  everyMs: number,
  kinds: ReadonlySet<string>,
  onEnvelope: (p: ParsedEnvelope, storedAt: string) => Promise<void>,
): Promise<() => void> {
  const cursors = new Map<string, number>();
  // What is in the logs now was projected already (or restored from the tracked items).
  for (const m of await ctx.store.dialogue.listMembers(channel)) {
    cursors.set(m.party, (await ctx.store.getLogHead({ channel, author: m.party }))?.size ?? 0);
  }
  let stopped = false;
  let busy = false;
  const poll = async (): Promise<void> => {
    for (const m of await ctx.store.dialogue.listMembers(channel)) {
      const log = { channel, author: m.party };
      const head = await ctx.store.getLogHead(log);
      let at = cursors.get(m.party) ?? 0;
      while (head && at < head.size && !stopped) {
        const page = await ctx.store.getEntries(log, at, 16);
        if (page.length === 0) break;
        for (const e of page)
          if (kinds.has(e.kind))
            await onEnvelope(parseEnvelope(e.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }), e.storedAt);
        at += page.length;
      }
      cursors.set(m.party, at);
    }
  };
  const t = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    void poll()
      .catch((e: unknown) => ctx.logger.warn({ channel, err: (e as Error).message }, 'psi follow failed'))
      .finally(() => (busy = false));
  }, everyMs);
  return () => {
    stopped = true;
    clearInterval(t);
  };
}

/**
 * psi-offer, psi-accept and psi-result are tracked items: receipted within the channel's
 * deadline, and the offer awaits an answer until it expires (so it escalates like a request).
 * Due times follow the dialogue's rule (due-times.ts): from the signed `created` on the author's
 * node, from the arrival within the skew tolerance on a receiver, so that an offer signed by a
 * clock hours behind is not overdue on arrival; an offer's window is `expires − created`, the
 * time its author granted, as a request's is `respond_by − created`. The arrival is the stored
 * time (arrivalOf; `storedAt` when the caller holds the entry), so the rebuild at start, a replay
 * or a following process fixes the same instants as the first pass. Every process on the store
 * can rebuild its ledger from these items. Idempotent (first write wins).
 */
export async function trackPsiEnvelope(
  ctx: DialogueContext,
  p: ParsedEnvelope,
  r: LedgerRecord,
  storedAt?: string,
): Promise<void> {
  const e = p.envelope;
  const c = await ctx.store.dialogue.getChannel(e.channel);
  if (!c) return;
  const receivedAt = await arrivalOf(ctx.store, ctx.partyId, p, ctx.clock, storedAt);
  // Only the offer owes an answer; a respond_by on another psi-* envelope grants nothing here.
  const { respond_by: _ignored, ...signed } = e;
  const due = dueTimesOf(
    e.kind === 'psi-offer' ? { ...signed, respond_by: r.offerBody.expires } : signed,
    parsePolicy(c.policy),
    receivedAt,
    ctx.options.clockSkewSeconds,
  );
  await ctx.store.dialogue.trackItem({
    hash: p.hashHex,
    channel: e.channel,
    author: e.author,
    seq: e.seq,
    kind: e.kind,
    created: e.created,
    receiptDueAt: due.receiptDueAt,
    respondBy: due.respondBy,
    respondedAt: undefined,
    responseHash: undefined,
    overdueAt: undefined,
    summary: `list comparison ${r.id.slice(0, 8)} (${r.offer.kind}, ${r.offer.mode}): ${e.kind.slice(4)}`,
  });
}
