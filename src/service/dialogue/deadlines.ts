import type { TrackedItem } from '../../store/dialogue.types.js';
import type { DialogueContext } from './context.js';

export interface OverdueEvent {
  readonly kind: 'receipt-overdue' | 'response-overdue';
  readonly item: TrackedItem;
  /** For receipt-overdue: the members whose receipt is missing. */
  readonly missing: readonly string[];
}

/**
 * Finds items whose deadline passed unmet, raises one alarm per item and deadline (a structured
 * log line and, when configured, a webhook call), and re-escalates alarms still open after
 * `reEscalateSeconds`. Due times are the ones the projector fixed by core/deadline's rule
 * (due-times.ts: the author's node counts from the signed `created`, a receiving node from the
 * arrival within the skew tolerance), read against this node's clock.
 */
export async function checkDeadlines(ctx: DialogueContext): Promise<OverdueEvent[]> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const d = ctx.store.dialogue;
  const events: OverdueEvent[] = [];
  for (const item of await d.itemsPastDue(nowIso, 500)) {
    const members = (await d.listMembers(item.channel)).filter(
      (m) => m.party !== item.author && m.state !== 'left',
    );
    const receipted = new Set((await d.receiptsFor(item.hash)).map((r) => r.party));
    const missing = members.filter((m) => !receipted.has(m.party)).map((m) => m.party);
    // Receipts are owed to the author: only the author's node watches for them.
    const receiptLate = item.author === ctx.partyId && item.receiptDueAt < nowIso && missing.length > 0;
    const responseLate =
      item.respondBy !== undefined && item.respondedAt === undefined && item.respondBy < nowIso;
    if (receiptLate) events.push({ kind: 'receipt-overdue', item, missing });
    if (responseLate) events.push({ kind: 'response-overdue', item, missing: [] });
    const waitingOnResponse = item.respondBy !== undefined && item.respondedAt === undefined && !responseLate;
    // Settled: nothing can become late any more for this item, so stop looking at it.
    if (
      !waitingOnResponse &&
      (receiptLate || responseLate || missing.length === 0 || item.author !== ctx.partyId)
    )
      await d.markOverdue(item.hash, nowIso);
  }
  for (const ev of events) {
    const who = ev.kind === 'receipt-overdue' ? `no receipt from ${ev.missing.join(', ')}` : 'no response';
    const message = `${ev.item.kind} ${ev.item.hash.slice(0, 12)} in ${ev.item.channel}: ${who} by ${ev.kind === 'receipt-overdue' ? ev.item.receiptDueAt : ev.item.respondBy}`;
    const { alarm, created } = await d.raiseAlarm({
      kind: ev.kind,
      severity: 'warning',
      channel: ev.item.channel,
      subject: ev.item.hash,
      message,
      raisedAt: nowIso,
    });
    if (created) await escalate(ctx, alarm.id, ev, message);
  }
  // Re-escalate what stays unresolved.
  for (const a of await d.listAlarms({ open: true, limit: 500 })) {
    if (a.kind !== 'receipt-overdue' && a.kind !== 'response-overdue') continue;
    const last = Date.parse(a.lastEscalatedAt ?? a.raisedAt);
    if (now.getTime() - last < ctx.options.reEscalateSeconds * 1000) continue;
    const item = await d.getItem(a.subject);
    if (item?.respondedAt && a.kind === 'response-overdue') {
      await d.resolveAlarm(a.id, nowIso);
      continue;
    }
    if (item)
      await escalate(ctx, a.id, { kind: a.kind as OverdueEvent['kind'], item, missing: [] }, a.message);
  }
  return events;
}

async function escalate(
  ctx: DialogueContext,
  alarmId: number,
  ev: OverdueEvent,
  message: string,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.dialogue.noteEscalation(alarmId, at);
  ctx.logger.warn(
    {
      event: ev.kind,
      channel: ev.item.channel,
      hash: ev.item.hash.slice(0, 16),
      author: ev.item.author,
      missing: ev.missing,
    },
    'deadline overdue',
  );
  if (!ctx.notifier) return;
  try {
    await ctx.notifier.notify({
      type: ev.kind,
      alarm_id: alarmId,
      channel: ev.item.channel,
      item: {
        hash: ev.item.hash,
        kind: ev.item.kind,
        author: ev.item.author,
        created: ev.item.created,
        receipt_due: ev.item.receiptDueAt,
        respond_by: ev.item.respondBy,
        summary: ev.item.summary,
      },
      missing_receipts_from: ev.missing,
      message,
      escalated_at: at,
    });
  } catch (e) {
    ctx.logger.warn({ err: (e as Error).message, alarm: alarmId }, 'escalation webhook failed');
  }
}
