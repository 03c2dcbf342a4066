import { parseEnvelope, type ParsedEnvelope } from '../../core/envelope/index.js';
import type { DialogueContext } from '../dialogue/context.js';
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
  onEnvelope: (p: ParsedEnvelope) => Promise<void>,
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
            await onEnvelope(parseEnvelope(e.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }));
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
 * Every process on the store can rebuild its ledger from them. Idempotent.
 */
export async function trackPsiEnvelope(
  ctx: DialogueContext,
  p: ParsedEnvelope,
  r: LedgerRecord,
): Promise<void> {
  const e = p.envelope;
  const c = await ctx.store.dialogue.getChannel(e.channel);
  if (!c) return;
  const { receipt_deadline_s } = JSON.parse(c.policy) as { receipt_deadline_s: number };
  await ctx.store.dialogue.trackItem({
    hash: p.hashHex,
    channel: e.channel,
    author: e.author,
    seq: e.seq,
    kind: e.kind,
    created: e.created,
    receiptDueAt: new Date(Date.parse(e.created) + receipt_deadline_s * 1000).toISOString(),
    respondBy: e.kind === 'psi-offer' ? r.offerBody.expires : undefined,
    respondedAt: undefined,
    responseHash: undefined,
    overdueAt: undefined,
    summary: `list comparison ${r.id.slice(0, 8)} (${r.offer.kind}, ${r.offer.mode}): ${e.kind.slice(4)}`,
  });
}
