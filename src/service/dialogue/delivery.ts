import type { DeliveryRecord } from '../../store/dialogue.types.js';
import type { CheckpointRecord, LogHead } from '../../store/index.js';
import type { DialogueContext } from './context.js';
import { ingestBatch } from './ingest.js';
import { TransportError } from './transport.js';

/** Capped exponential backoff with full jitter (AWS architecture blog's "full jitter"). */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(cap / 2 + (random() * cap) / 2);
}

/**
 * The home party's signed checkpoint of its log at `size`, the end of a pushed batch. At most one
 * note is signed per size: the one kept by an earlier push (a retry, another recipient) is sent
 * again. A batch that ends at the head read for it (every push of a dialogue that keeps up)
 * takes the head's root as it is; one that ends earlier has the root rebuilt from stored nodes.
 */
async function checkpointFor(ctx: DialogueContext, head: LogHead, size: number): Promise<CheckpointRecord> {
  const log = { channel: head.channel, author: head.author };
  const kept = await ctx.store.getCheckpoint(log, size);
  if (kept) return kept;
  return size === head.size ? ctx.logs.signCheckpoint(head) : ctx.logs.checkpointAt(log, size);
}

/** How long an idle delivery waits before looking again (a new append wakes it at once). */
const IDLE_RECHECK_MS = 60_000;

/**
 * The outbox. The home party's log in each channel is the queue: for every other member a
 * cursor says how far the member confirmed storing it, and delivery POSTs the entries after the
 * cursor to the member's inbox until it confirms. The cursor only moves on confirmation, so a
 * node killed at any moment resends, never skips; the receiver's inbox is idempotent by hash, so
 * a resend duplicates nothing.
 */
export class Deliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly inFlight = new Set<string>();
  /**
   * Kicks seen, per channel ('' for "every channel"). A delivery that found nothing to send
   * parks itself for IDLE_RECHECK_MS, but an append can commit and kick while that delivery is
   * still between reading the head and parking: the park would overwrite the kick's "due now"
   * and the envelope would wait a minute. A delivery compares these counts from its start to
   * its park, and stays due when a kick came in between.
   */
  private readonly kicks = new Map<string, number>();

  constructor(private readonly ctx: DialogueContext) {}

  private kicksOf(channel: string): number {
    return (this.kicks.get(channel) ?? 0) + (this.kicks.get('') ?? 0);
  }

  /** Starts the background loop. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop and waits for the delivery in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something new to send in `channel`: make its deliveries due now and run soon. */
  async kick(channel?: string): Promise<void> {
    this.kicks.set(channel ?? '', (this.kicks.get(channel ?? '') ?? 0) + 1);
    const now = this.ctx.clock.now().toISOString();
    for (const d of await this.ctx.store.dialogue.listDeliveries(channel)) {
      if (d.nextAttemptAt > now && d.attempts === 0)
        await this.ctx.store.dialogue.putDelivery({ ...d, nextAttemptAt: now });
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick()
        .then(() => undefined)
        .catch((e: unknown) => this.ctx.logger.error({ err: e }, 'delivery loop failed'))
        .finally(() => {
          this.running = undefined;
          const next = this.again ? 0 : 1000;
          this.again = false;
          this.schedule(next);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** One pass over the due deliveries. Returns how many envelopes were confirmed. */
  async tick(): Promise<number> {
    const due = await this.ctx.store.dialogue.dueDeliveries(this.ctx.clock.now().toISOString(), 100);
    let confirmed = 0;
    // One recipient at a time per channel; recipients in parallel.
    const results = await Promise.all(due.map((d) => this.deliverGuarded(d)));
    for (const n of results) confirmed += n;
    if (results.some((n) => n > 0)) this.again = true;
    return confirmed;
  }

  private async deliverGuarded(d: DeliveryRecord): Promise<number> {
    const key = `${d.channel} ${d.recipient}`;
    if (this.inFlight.has(key)) return 0;
    this.inFlight.add(key);
    try {
      return await this.deliver(d);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async deliver(d: DeliveryRecord): Promise<number> {
    const { ctx } = this;
    const kicks = this.kicksOf(d.channel);
    const member = (await ctx.store.dialogue.listMembers(d.channel)).find((m) => m.party === d.recipient);
    const head = await ctx.store.getLogHead({ channel: d.channel, author: ctx.partyId });
    const now = ctx.clock.now();
    if (!member || member.state === 'left' || !head || head.size - 1 <= d.ackedSeq) {
      await ctx.store.dialogue.putDelivery({
        ...d,
        attempts: 0,
        nextAttemptAt:
          this.kicksOf(d.channel) === kicks
            ? new Date(now.getTime() + IDLE_RECHECK_MS).toISOString()
            : now.toISOString(),
        lastError: undefined,
      });
      return 0;
    }
    const entries = await ctx.store.getEntries(
      { channel: d.channel, author: ctx.partyId },
      d.ackedSeq + 1,
      ctx.options.batchSize,
    );
    try {
      // Our signed checkpoint at the batch's end goes with it: the receiver checks it against its
      // copy and quotes it in its receipt, so every member sees what we signed to every other.
      const size = entries.length ? entries[entries.length - 1]!.seq + 1 : 0;
      const cp = size ? await checkpointFor(ctx, head, size) : undefined;
      const res = await ctx.transport.postInbox(
        member.endpoint,
        entries.map((e) => e.bytes),
        undefined,
        cp?.note,
      );
      let acked = d.ackedSeq;
      let refused: { seq: number; code: string; message: string } | undefined;
      for (let i = 0; i < res.results.length && i < entries.length; i++) {
        const r = res.results[i]!;
        if (r.status === 'stored' || r.status === 'duplicate') acked = entries[i]!.seq;
        else if (r.status === 'pending' && r.code === 'SEQ_GAP') {
          // The recipient is missing earlier entries (it lost them, or restored a backup): rewind.
          const want = /expected seq (\d+)/.exec(r.message ?? '');
          if (want) acked = Math.min(acked, Number(want[1]) - 1);
          break;
        } else {
          ctx.logger.warn(
            { channel: d.channel, peer: d.recipient, seq: entries[i]!.seq, code: r.code },
            'peer refused an envelope',
          );
          if (r.status === 'rejected')
            refused = { seq: entries[i]!.seq, code: r.code ?? 'REJECTED', message: r.message ?? '' };
          break;
        }
      }
      if (refused) await raiseRefused(ctx, d, refused, now);
      if (res.receipts.length) {
        await ingestBatch(
          ctx,
          d.recipient,
          res.receipts.map((r) => new TextEncoder().encode(r)),
          { receipt: false },
        );
      }
      const progressed = acked > d.ackedSeq;
      await ctx.store.dialogue.putDelivery({
        ...d,
        ackedSeq: acked,
        attempts: progressed ? 0 : d.attempts + 1,
        nextAttemptAt: progressed
          ? now.toISOString()
          : new Date(
              now.getTime() + backoffMs(d.attempts, ctx.options.retryBaseMs, ctx.options.retryMaxMs),
            ).toISOString(),
        lastError: progressed
          ? undefined
          : refused
            ? `refused seq ${refused.seq}: ${refused.code} ${refused.message}`.slice(0, 500)
            : 'peer stored nothing of the batch',
        lastSuccessAt: progressed ? now.toISOString() : d.lastSuccessAt,
      });
      if (progressed) ctx.logger.debug({ channel: d.channel, peer: d.recipient, seq: acked }, 'delivered');
      return Math.max(0, acked - d.ackedSeq);
    } catch (e) {
      const retryable = !(e instanceof TransportError) || e.retryable;
      const wait = backoffMs(
        d.attempts,
        ctx.options.retryBaseMs,
        retryable ? ctx.options.retryMaxMs : ctx.options.retryMaxMs * 4,
      );
      await ctx.store.dialogue.putDelivery({
        ...d,
        attempts: d.attempts + 1,
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        lastError: e instanceof Error ? e.message.slice(0, 500) : String(e),
      });
      ctx.logger.warn(
        {
          channel: d.channel,
          peer: d.recipient,
          attempt: d.attempts + 1,
          retryInMs: wait,
          code: (e as { code?: string }).code,
        },
        'delivery failed',
      );
      return 0;
    }
  }
}

/**
 * A member that refuses an envelope of ours refuses every resend too, and since it applies our
 * log in order, nothing after it reaches that member: the dialogue with it has stopped. That is
 * an alarm for a person (the refusal's code and message say why), not a warning in the logs.
 */
async function raiseRefused(
  ctx: DialogueContext,
  d: DeliveryRecord,
  refused: { seq: number; code: string; message: string },
  now: Date,
): Promise<void> {
  const message =
    `${d.recipient} refuses seq ${refused.seq} of this node's log (${refused.code}: ${refused.message}); ` +
    `nothing after it reaches ${d.recipient} until that is resolved`;
  const { created } = await ctx.store.dialogue.raiseAlarm({
    kind: 'delivery-refused',
    severity: 'critical',
    channel: d.channel,
    subject: `${d.recipient}@${refused.seq}`,
    message: message.slice(0, 2000),
    raisedAt: now.toISOString(),
  });
  if (created)
    ctx.logger.error(
      {
        event: 'delivery-refused',
        channel: d.channel,
        peer: d.recipient,
        seq: refused.seq,
        code: refused.code,
      },
      message,
    );
}
