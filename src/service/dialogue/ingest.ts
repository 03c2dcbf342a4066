import { toBase64, toHex } from '../../core/bytes/index.js';
import { checkInvite, checkReceivedBody, needsReceipt } from '../../core/dialogue/index.js';
import {
  parseEnvelope,
  verifyEnvelopePosition,
  verifyEnvelopeSignature,
  type ParsedEnvelope,
} from '../../core/envelope/index.js';
import { ParleyError, PolicyError, VerificationError } from '../../core/errors.js';
import { equalBytes } from '../../core/sig/index.js';
import { isStoreError, type LogKey } from '../../store/index.js';
import { acceptPushedCheckpoint } from './checkpoint-evidence.js';
import type { DialogueContext } from './context.js';
import { checkViews, newProjectionBatch, project, projectExtensions } from './projector.js';
import type { InboxResponse, InboxResult } from './transport.js';

/** How many out-of-order envelopes a log may hold back while its gap is filled. */
const MAX_PENDING_PER_LOG = 10_000;

interface Outcome {
  readonly result: InboxResult;
  readonly stored?: ParsedEnvelope;
}

/**
 * Takes a batch of envelopes from a peer (pushed to the inbox, or pulled during catch-up):
 * verifies, stores idempotently, applies in order per (channel, author), keeps evidence of
 * forgery and equivocation, and — when `receipt` is set — appends one receipt per channel and
 * author to the home party's log acknowledging what was stored. `checkpoint` is the sender's
 * signed checkpoint of its log at the end of the batch: verified and kept before the receipts,
 * which quote it, and before other members' views of the log are compared with this node's.
 */
export async function ingestBatch(
  ctx: DialogueContext,
  sender: string,
  batch: readonly Uint8Array[],
  opts: {
    receipt: boolean;
    checkpoint?: string;
    onGap?: (channel: string, author: string, from: number) => void;
  },
): Promise<InboxResponse> {
  const touched = new Map<string, LogKey>();
  const results: InboxResult[] = [];
  const acks = new Map<string, { channel: string; author: string; hashes: string[] }>();
  const ack = (p: ParsedEnvelope): void => {
    const e = p.envelope;
    if (!needsReceipt(e.kind)) return;
    const key = `${e.channel} ${e.author}`;
    const a = acks.get(key) ?? { channel: e.channel, author: e.author, hashes: [] };
    a.hashes.push(p.hashHex);
    acks.set(key, a);
  };
  const fast = new FastPath(ctx, sender, touched);
  for (const bytes of batch) {
    const taken = await fast.offer(bytes);
    if (taken) {
      results.push({ hash: taken.hashHex, status: 'stored' });
      continue;
    }
    // Not the next envelope of a known log (a gap, a replay, an invitation, a bad one…): flush
    // what is queued, then take the careful path, one envelope at a time.
    await fast.flush(results, ack, opts.onGap);
    const o = await ingestOne(ctx, sender, bytes, touched, opts.onGap);
    results.push(o.result);
    if (o.stored && (o.result.status === 'stored' || o.result.status === 'duplicate')) ack(o.stored);
  }
  await fast.flush(results, ack, opts.onGap);
  for (const p of fast.stored) ack(p);
  if (opts.checkpoint) {
    // What the batch stored stays stored: a failure here costs the receipt its quote, no more.
    await acceptPushedCheckpoint(ctx, sender, opts.checkpoint).catch((err: unknown) =>
      ctx.logger.error({ err, sender }, 'pushed checkpoint not checked'),
    );
  }
  for (const log of touched.values()) await checkViews(ctx, log.channel, log.author);
  const receipts: string[] = [];
  if (opts.receipt) {
    for (const a of acks.values()) {
      const r = await appendReceipt(ctx, a.channel, a.author, a.hashes);
      if (r) receipts.push(r);
    }
  }
  return { results, receipts };
}

/**
 * The common case, made cheap: consecutive envelopes that continue a log exactly where this
 * node's copy ends are verified in memory (signature, seq, prev chain) and appended in one
 * transaction, instead of one round of queries and one transaction each. Anything else falls
 * back to ingestOne.
 */
class FastPath {
  private run: { channel: string; author: string; items: ParsedEnvelope[] } | undefined;
  private readonly tips = new Map<string, { size: number; lastHash: string | undefined; key: Uint8Array }>();
  readonly stored: ParsedEnvelope[] = [];

  constructor(
    private readonly ctx: DialogueContext,
    private readonly sender: string,
    private readonly touched: Map<string, LogKey>,
  ) {}

  async offer(bytes: Uint8Array): Promise<ParsedEnvelope | undefined> {
    let p: ParsedEnvelope;
    try {
      p = parseEnvelope(bytes);
    } catch {
      return undefined;
    }
    // A template with fields this node does not know takes the careful path, which flags them.
    const body = checkReceivedBody(p.envelope.kind, p.envelope.body);
    if (body.problem || body.unknownTemplateFields.length) return undefined;
    const e = p.envelope;
    if (
      e.kind === 'invite' ||
      Date.parse(e.created) > this.ctx.clock.now().getTime() + this.ctx.options.clockSkewSeconds * 1000
    )
      return undefined;
    if (this.run && (this.run.channel !== e.channel || this.run.author !== e.author)) return undefined;
    const id = `${e.channel} ${e.author}`;
    let tip = this.tips.get(id);
    if (!tip) {
      const members = await this.ctx.store.dialogue.listMembers(e.channel);
      const key = members.find((m) => m.party === e.author)?.publicKey;
      if (!key || !members.some((m) => m.party === this.sender)) return undefined;
      const head = await this.ctx.store.getLogHead({ channel: e.channel, author: e.author });
      const size = head?.size ?? 0;
      const last =
        size > 0
          ? (await this.ctx.store.getEntries({ channel: e.channel, author: e.author }, size - 1, 1))[0]
          : undefined;
      tip = { size, lastHash: last ? toHex(last.hash) : undefined, key };
      this.tips.set(id, tip);
    }
    if (e.seq !== tip.size || e.prev !== tip.lastHash) return undefined;
    try {
      verifyEnvelopeSignature(p, () => tip.key);
    } catch {
      return undefined;
    }
    this.run ??= { channel: e.channel, author: e.author, items: [] };
    this.run.items.push(p);
    tip.size += 1;
    tip.lastHash = p.hashHex;
    return p;
  }

  async flush(
    results: InboxResult[],
    ack: (p: ParsedEnvelope) => void,
    onGap?: (c: string, a: string, from: number) => void,
  ): Promise<void> {
    const run = this.run;
    this.run = undefined;
    if (!run || run.items.length === 0) return;
    const log = { channel: run.channel, author: run.author };
    const now = this.ctx.clock.now().toISOString();
    try {
      await this.ctx.store.appendEntries(
        log,
        run.items.map((p) => ({
          seq: p.envelope.seq,
          hash: p.hash,
          kind: p.envelope.kind,
          created: p.envelope.created,
          bytes: p.bytes,
        })),
        now,
      );
    } catch (err) {
      // Lost a race with another delivery of the same log: redo these carefully, one by one.
      this.tips.delete(`${run.channel} ${run.author}`);
      const first = results.length - run.items.length;
      for (let i = 0; i < run.items.length; i++) {
        const o = await ingestOne(this.ctx, this.sender, run.items[i]!.bytes, this.touched, onGap);
        results[first + i] = o.result;
        if (o.stored && (o.result.status === 'stored' || o.result.status === 'duplicate')) ack(o.stored);
      }
      this.ctx.logger.debug(
        { err: (err as Error).message, channel: run.channel },
        'batched append fell back',
      );
      return;
    }
    const batch = newProjectionBatch();
    for (const p of run.items) await project(this.ctx, p, batch);
    await this.ctx.store.dialogue.trackItems(batch.items);
    await this.ctx.store.dialogue.addTimeline(batch.timeline);
    await projectExtensions(this.ctx, batch.extensions);
    await this.ctx.store.dialogue.setProjected(
      run.channel,
      run.author,
      run.items[run.items.length - 1]!.envelope.seq,
    );
    const key = this.tips.get(`${run.channel} ${run.author}`)!.key;
    await drainPending(
      this.ctx,
      run.channel,
      run.author,
      run.items[run.items.length - 1]!.envelope.seq + 1,
      key,
    );
    this.touched.set(`${run.channel} ${run.author}`, log);
    // Draining may have moved the head past the tip kept here: read it again next time.
    this.tips.delete(`${run.channel} ${run.author}`);
    this.stored.push(...run.items);
  }
}

/** Appends a receipt to the home party's log, if the home party has joined the channel. */
export async function appendReceipt(
  ctx: DialogueContext,
  channel: string,
  author: string,
  hashes: readonly string[],
): Promise<string | undefined> {
  const ours = await ctx.store.getLogHead({ channel, author: ctx.partyId });
  if (!ours || ours.size === 0) return undefined; // not accepted yet: the HTTP answer is the only ack
  const head = await ctx.store.getLogHead({ channel, author });
  if (!head) return undefined;
  const cp = await ctx.store.getCheckpoint({ channel, author });
  const { entries } = await ctx.logs.append(channel, [
    {
      kind: 'receipt',
      refs: hashes.slice(0, 1024),
      body: {
        acks: [...hashes].slice(0, 10_000),
        log: { author, size: head.size, root_hash: toBase64(head.rootHash) },
        ...(cp && cp.size <= head.size ? { checkpoint: cp.note } : {}),
      },
    },
  ]);
  const receipt = entries[0]!;
  await project(ctx, receipt);
  await ctx.store.dialogue.setProjected(channel, ctx.partyId, receipt.envelope.seq);
  return Buffer.from(receipt.bytes).toString('utf8');
}

async function keyFor(ctx: DialogueContext, channel: string, party: string): Promise<Uint8Array | undefined> {
  const m = (await ctx.store.dialogue.listMembers(channel)).find((x) => x.party === party);
  return m?.publicKey;
}

function reject(hash: string, e: unknown): Outcome {
  const code = e instanceof ParleyError ? e.code : 'INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  return { result: { hash, status: 'rejected', code, message } };
}

async function ingestOne(
  ctx: DialogueContext,
  sender: string,
  bytes: Uint8Array,
  touched: Map<string, LogKey>,
  onGap?: (c: string, a: string, from: number) => void,
): Promise<Outcome> {
  let p: ParsedEnvelope;
  try {
    p = parseEnvelope(bytes);
  } catch (e) {
    return reject('', e);
  }
  const e = p.envelope;
  try {
    if (Date.parse(e.created) > ctx.clock.now().getTime() + ctx.options.clockSkewSeconds * 1000) {
      throw new VerificationError(
        'CLOCK_SKEW',
        `created ${e.created} is more than ${ctx.options.clockSkewSeconds} s ahead of this node's clock`,
      );
    }
    const body = checkReceivedBody(e.kind, e.body);
    if (body.problem) throw body.problem;
    let key = await keyFor(ctx, e.channel, e.author);
    if (!key && e.kind === 'invite') {
      // An invitation is self-certifying: it lists its author's key, whose UUIDv5 is the author id.
      const { members } = checkInvite(e);
      if (!members.some((m) => m.party === ctx.partyId))
        throw new PolicyError('NOT_A_MEMBER', `invite to ${e.channel} does not name this party`);
      key = members.find((m) => m.party === e.author)?.publicKey;
    }
    if (!key)
      throw new PolicyError('NOT_A_MEMBER', `${e.author} is not a member of ${e.channel} known to this node`);
    if (sender !== e.author && !(await keyFor(ctx, e.channel, sender)) && e.kind !== 'invite') {
      throw new PolicyError('NOT_A_MEMBER', `relaying party ${sender} is not a member of ${e.channel}`);
    }
    const log = { channel: e.channel, author: e.author };
    const head = await ctx.store.getLogHead(log);
    const size = head?.size ?? 0;
    if (e.seq < size) return await alreadyHeld(ctx, p, key);
    try {
      verifyEnvelopeSignature(p, () => key);
    } catch (err) {
      await keepForgery(ctx, p, err);
      throw err;
    }
    if (e.seq > size) {
      if ((await ctx.store.dialogue.pendingCount(e.channel, e.author)) < MAX_PENDING_PER_LOG) {
        await ctx.store.dialogue.putPending({
          channel: e.channel,
          author: e.author,
          seq: e.seq,
          bytes: p.bytes,
        });
      }
      onGap?.(e.channel, e.author, size);
      ctx.logger.info(
        { event: 'gap', channel: e.channel, author: e.author, seq: e.seq, expected: size },
        'gap in peer log',
      );
      return {
        result: { hash: p.hashHex, status: 'pending', code: 'SEQ_GAP', message: `expected seq ${size}` },
        stored: p,
      };
    }
    const last = size > 0 ? (await ctx.store.getEntries(log, size - 1, 1))[0] : undefined;
    verifyEnvelopePosition(e, { size, lastHash: last ? toHex(last.hash) : undefined });
    await ctx.store.appendEntries(
      log,
      [{ seq: e.seq, hash: p.hash, kind: e.kind, created: e.created, bytes: p.bytes }],
      ctx.clock.now().toISOString(),
    );
    if (body.unknownTemplateFields.length)
      ctx.logger.warn(
        {
          event: 'template-unknown-fields',
          channel: e.channel,
          author: e.author,
          seq: e.seq,
          hash: p.hashHex.slice(0, 16),
          fields: body.unknownTemplateFields,
        },
        'peer template has fields this node does not know; kept as signed',
      );
    await project(ctx, p);
    await ctx.store.dialogue.setProjected(e.channel, e.author, e.seq);
    await drainPending(ctx, e.channel, e.author, e.seq + 1, key);
    // Views are compared once the whole batch (and the checkpoint sent with it) is in.
    touched.set(`${e.channel} ${e.author}`, log);
    return { result: { hash: p.hashHex, status: 'stored' }, stored: p };
  } catch (err) {
    if (isStoreError(err, 'DUPLICATE_ENTRY') || isStoreError(err, 'SEQ_CONFLICT')) {
      // A concurrent delivery of the same envelope won the race: treat as already held.
      const key = await keyFor(ctx, e.channel, e.author);
      if (key) return alreadyHeld(ctx, p, key);
    }
    if (err instanceof VerificationError && err.code === 'PREV_MISMATCH') await keepFork(ctx, p);
    return reject(p.hashHex, err);
  }
}

/** Applies envelopes held back behind a gap that has just been filled. */
async function drainPending(
  ctx: DialogueContext,
  channel: string,
  author: string,
  from: number,
  key: Uint8Array,
): Promise<void> {
  for (let seq = from; ; seq++) {
    const held = await ctx.store.dialogue.takePending(channel, author, seq);
    if (!held) return;
    const p = parseEnvelope(held.bytes);
    verifyEnvelopeSignature(p, () => key);
    const last = (await ctx.store.getEntries({ channel, author }, seq - 1, 1))[0];
    verifyEnvelopePosition(p.envelope, { size: seq, lastHash: last ? toHex(last.hash) : undefined });
    await ctx.store.appendEntries(
      { channel, author },
      [{ seq, hash: p.hash, kind: p.envelope.kind, created: p.envelope.created, bytes: p.bytes }],
      ctx.clock.now().toISOString(),
    );
    await project(ctx, p);
    await ctx.store.dialogue.setProjected(channel, author, seq);
  }
}

/** seq already held: the same bytes are a harmless replay; other signed bytes are equivocation. */
async function alreadyHeld(ctx: DialogueContext, p: ParsedEnvelope, key: Uint8Array): Promise<Outcome> {
  const e = p.envelope;
  const [held] = await ctx.store.getEntries({ channel: e.channel, author: e.author }, e.seq, 1);
  if (held && equalBytes(held.hash, p.hash))
    return { result: { hash: p.hashHex, status: 'duplicate' }, stored: p };
  try {
    verifyEnvelopeSignature(p, () => key);
  } catch (err) {
    await keepForgery(ctx, p, err);
    return reject(p.hashHex, err);
  }
  const now = ctx.clock.now().toISOString();
  await ctx.store.dialogue.addEvidence({
    kind: 'equivocation',
    channel: e.channel,
    author: e.author,
    seq: e.seq,
    first: held?.bytes ?? new Uint8Array(),
    second: p.bytes,
    detail: `${e.author} signed two different envelopes for seq ${e.seq} in ${e.channel}`,
    detectedAt: now,
  });
  await alarm(
    ctx,
    'equivocation',
    e.channel,
    `${e.author}@${e.seq}`,
    `${e.author} equivocated: two signed envelopes for seq ${e.seq}`,
  );
  return {
    result: {
      hash: p.hashHex,
      status: 'rejected',
      code: 'EQUIVOCATION',
      message: `a different envelope is already held for seq ${e.seq}`,
    },
  };
}

async function keepForgery(ctx: DialogueContext, p: ParsedEnvelope, err: unknown): Promise<void> {
  const e = p.envelope;
  const now = ctx.clock.now().toISOString();
  await ctx.store.dialogue.addEvidence({
    kind: 'bad-signature',
    channel: e.channel,
    author: e.author,
    seq: e.seq,
    first: p.bytes,
    second: undefined,
    detail: err instanceof Error ? err.message : String(err),
    detectedAt: now,
  });
  await alarm(
    ctx,
    'bad-signature',
    e.channel,
    p.hashHex,
    `an envelope claiming to be ${e.author}'s seq ${e.seq} does not verify`,
  );
}

async function keepFork(ctx: DialogueContext, p: ParsedEnvelope): Promise<void> {
  const e = p.envelope;
  const [before] = await ctx.store.getEntries({ channel: e.channel, author: e.author }, e.seq - 1, 1);
  await ctx.store.dialogue.addEvidence({
    kind: 'equivocation',
    channel: e.channel,
    author: e.author,
    seq: e.seq,
    first: before?.bytes ?? new Uint8Array(),
    second: p.bytes,
    detail: `${e.author}'s seq ${e.seq} chains to another history than the seq ${e.seq - 1} held here`,
    detectedAt: ctx.clock.now().toISOString(),
  });
  await alarm(
    ctx,
    'equivocation',
    e.channel,
    `${e.author}@${e.seq}:fork`,
    `${e.author}'s seq ${e.seq} forks its log`,
  );
}

async function alarm(
  ctx: DialogueContext,
  kind: string,
  channel: string,
  subject: string,
  message: string,
): Promise<void> {
  const { created } = await ctx.store.dialogue.raiseAlarm({
    kind,
    severity: 'critical',
    channel,
    subject,
    message,
    raisedAt: ctx.clock.now().toISOString(),
  });
  if (created) ctx.logger.error({ event: kind, channel, subject }, message);
}
