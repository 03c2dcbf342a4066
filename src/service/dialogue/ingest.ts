import { toBase64, toHex } from '../../core/bytes/index.js';
import { checkInvite, checkReceivedBody, needsReceipt } from '../../core/dialogue/index.js';
import {
  parseEnvelope,
  verifyEnvelopePosition,
  verifyEnvelopeSignature,
  type ParsedEnvelope,
} from '../../core/envelope/index.js';
import { PolicyError, VerificationError } from '../../core/errors.js';
import { equalBytes } from '../../core/sig/index.js';
import { isStoreError, type LogKey } from '../../store/index.js';
import { acceptPushedCheckpoint } from './checkpoint-evidence.js';
import type { DialogueContext } from './context.js';
import { alreadyHeld, keepForgery, keepFork, rejected, type Outcome } from './ingest-evidence.js';
import { withMemberMemo, type MemberMemo } from './member-memo.js';
import { checkViews, markResponses, newProjectionBatch, project, projectExtensions } from './projector.js';
import type { InboxResponse, InboxResult } from './transport.js';

/** How many out-of-order envelopes a log may hold back while its gap is filled. */
const MAX_PENDING_PER_LOG = 10_000;

/**
 * Kinds whose projection changes the channel's members (who belongs, in what state, with which
 * key). They take the careful path, projected before the next envelope is looked at, so that the
 * envelopes after them are checked against the members as they now are.
 */
const MEMBERSHIP_KINDS = new Set(['invite', 'accept', 'leave', 'key-rotation']);

/** What one ingestBatch call shares down to each envelope. */
interface BatchRun {
  /** The caller's context, with the channel members read through `members`. */
  readonly ctx: DialogueContext;
  readonly members: MemberMemo;
  readonly sender: string;
  /** Logs that grew in this batch: their reported views are compared once it is all in. */
  readonly touched: Map<string, LogKey>;
  readonly onGap: ((channel: string, author: string, from: number) => void) | undefined;
}

/**
 * Takes a batch of envelopes from a peer (pushed to the inbox, or pulled during catch-up):
 * verifies, stores idempotently, applies in order per (channel, author), keeps evidence of
 * forgery and equivocation, and — when `receipt` is set — appends one receipt per channel and
 * author to the home party's log acknowledging what was stored. `checkpoint` is the sender's
 * signed checkpoint of its log at the end of the batch: verified and kept before the receipts,
 * which quote it, and before other members' views of the log are compared with this node's.
 * Channel members are read once per channel for the whole batch (member-memo.ts), again after
 * an envelope of the batch changed them.
 */
export async function ingestBatch(
  callerCtx: DialogueContext,
  sender: string,
  batch: readonly Uint8Array[],
  opts: {
    receipt: boolean;
    checkpoint?: string;
    onGap?: (channel: string, author: string, from: number) => void;
  },
): Promise<InboxResponse> {
  const { ctx, members } = withMemberMemo(callerCtx);
  const run: BatchRun = { ctx, members, sender, touched: new Map(), onGap: opts.onGap };
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
  const fast = new FastPath(run);
  for (const bytes of batch) {
    const taken = await fast.offer(bytes);
    if (taken) {
      results.push({ hash: taken.hashHex, status: 'stored' });
      continue;
    }
    // Not the next envelope of a known log (a gap, a replay, an invitation, a change of members,
    // a bad one…): flush what is queued, then take the careful path, one envelope at a time.
    await fast.flush(results, ack);
    const o = await ingestOne(run, bytes);
    results.push(o.result);
    if (o.stored) fast.forget(o.stored);
    if (o.stored && (o.result.status === 'stored' || o.result.status === 'duplicate')) ack(o.stored);
  }
  await fast.flush(results, ack);
  for (const p of fast.stored) ack(p);
  if (opts.checkpoint) {
    // What the batch stored stays stored: a failure here costs the receipt its quote, no more.
    await acceptPushedCheckpoint(ctx, sender, opts.checkpoint).catch((err: unknown) =>
      ctx.logger.error({ err, sender }, 'pushed checkpoint not checked'),
    );
  }
  for (const log of run.touched.values()) await checkViews(ctx, log.channel, log.author);
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
  private queued: { channel: string; author: string; items: ParsedEnvelope[] } | undefined;
  private readonly tips = new Map<string, { size: number; lastHash: string | undefined; key: Uint8Array }>();
  readonly stored: ParsedEnvelope[] = [];

  constructor(private readonly run: BatchRun) {}

  async offer(bytes: Uint8Array): Promise<ParsedEnvelope | undefined> {
    const { ctx } = this.run;
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
      MEMBERSHIP_KINDS.has(e.kind) ||
      Date.parse(e.created) > ctx.clock.now().getTime() + ctx.options.clockSkewSeconds * 1000
    )
      return undefined;
    const q = this.queued;
    if (q && (q.channel !== e.channel || q.author !== e.author)) return undefined;
    const id = `${e.channel} ${e.author}`;
    let tip = this.tips.get(id);
    if (!tip) {
      const members = await this.run.members.list(e.channel);
      const key = members.find((m) => m.party === e.author)?.publicKey;
      if (!key || !members.some((m) => m.party === this.run.sender)) return undefined;
      const head = await ctx.store.getLogHead({ channel: e.channel, author: e.author });
      const size = head?.size ?? 0;
      const last =
        size > 0
          ? (await ctx.store.getEntries({ channel: e.channel, author: e.author }, size - 1, 1))[0]
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
    this.queued ??= { channel: e.channel, author: e.author, items: [] };
    this.queued.items.push(p);
    tip.size += 1;
    tip.lastHash = p.hashHex;
    return p;
  }

  /** The careful path moved this envelope's log: read its tip (and key) again next time. */
  forget(p: ParsedEnvelope): void {
    this.tips.delete(`${p.envelope.channel} ${p.envelope.author}`);
  }

  async flush(results: InboxResult[], ack: (p: ParsedEnvelope) => void): Promise<void> {
    const { ctx } = this.run;
    const q = this.queued;
    this.queued = undefined;
    if (!q || q.items.length === 0) return;
    const id = `${q.channel} ${q.author}`;
    const log = { channel: q.channel, author: q.author };
    const now = ctx.clock.now().toISOString();
    try {
      await ctx.store.appendEntries(
        log,
        q.items.map((p) => ({
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
      this.tips.delete(id);
      const first = results.length - q.items.length;
      for (let i = 0; i < q.items.length; i++) {
        const o = await ingestOne(this.run, q.items[i]!.bytes);
        results[first + i] = o.result;
        if (o.stored && (o.result.status === 'stored' || o.result.status === 'duplicate')) ack(o.stored);
      }
      ctx.logger.debug({ err: (err as Error).message, channel: q.channel }, 'batched append fell back');
      return;
    }
    const batch = newProjectionBatch();
    for (const p of q.items) await project(ctx, p, batch);
    await ctx.store.dialogue.trackItems(batch.items);
    await ctx.store.dialogue.addTimeline(batch.timeline);
    // Responses again now that their timeline rows are written (projector.ts markResponses).
    for (const p of batch.extensions) await markResponses(ctx, p);
    await projectExtensions(ctx, batch.extensions);
    const lastSeq = q.items[q.items.length - 1]!.envelope.seq;
    await ctx.store.dialogue.setProjected(q.channel, q.author, lastSeq);
    await drainPending(this.run, q.channel, q.author, lastSeq + 1);
    this.run.touched.set(id, log);
    // Draining may have moved the head past the tip kept here: read it again next time.
    this.tips.delete(id);
    this.stored.push(...q.items);
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

/** A member's pinned key from the batch's memo; `fresh` reads the store again first. */
async function keyFor(
  run: BatchRun,
  channel: string,
  party: string,
  fresh = false,
): Promise<Uint8Array | undefined> {
  if (fresh) run.members.forget(channel);
  return (await run.members.list(channel)).find((x) => x.party === party)?.publicKey;
}

/** A member's pinned key, the store read again before the party is called unknown. */
async function memberKey(run: BatchRun, channel: string, party: string): Promise<Uint8Array | undefined> {
  return (await keyFor(run, channel, party)) ?? keyFor(run, channel, party, true);
}

/**
 * Verifies `p` with its author's pinned key; throws VerificationError SIG_INVALID (or
 * UNKNOWN_AUTHOR). Before a signature is called bad the members are read again from the store:
 * another request may have projected a key-rotation since this batch's memo read them.
 */
async function verifyAuthor(run: BatchRun, p: ParsedEnvelope): Promise<void> {
  const { channel, author } = p.envelope;
  const pinned = await memberKey(run, channel, author);
  try {
    verifyEnvelopeSignature(p, () => pinned);
  } catch (err) {
    const fresh = await keyFor(run, channel, author, true);
    if (!fresh || (pinned && equalBytes(fresh, pinned))) throw err;
    verifyEnvelopeSignature(p, () => fresh);
  }
}

/**
 * The careful path for one envelope: the author and the relaying sender must be members (or the
 * envelope an invitation naming this party), then the envelope is a replay or equivocation (seq
 * held), held back behind a gap, or verified against the copy's end and stored and projected.
 */
async function ingestOne(run: BatchRun, bytes: Uint8Array): Promise<Outcome> {
  const { ctx, sender } = run;
  let p: ParsedEnvelope;
  try {
    p = parseEnvelope(bytes);
  } catch (e) {
    return rejected('', e);
  }
  const e = p.envelope;
  const verify = (x: ParsedEnvelope): Promise<void> => verifyAuthor(run, x);
  try {
    if (Date.parse(e.created) > ctx.clock.now().getTime() + ctx.options.clockSkewSeconds * 1000) {
      throw new VerificationError(
        'CLOCK_SKEW',
        `created ${e.created} is more than ${ctx.options.clockSkewSeconds} s ahead of this node's clock`,
      );
    }
    const body = checkReceivedBody(e.kind, e.body);
    if (body.problem) throw body.problem;
    let key = await memberKey(run, e.channel, e.author);
    let check = verify;
    if (!key && e.kind === 'invite') {
      // An invitation is self-certifying: it lists its author's key, whose UUIDv5 is the author id.
      const { members } = checkInvite(e);
      if (!members.some((m) => m.party === ctx.partyId))
        throw new PolicyError('NOT_A_MEMBER', `invite to ${e.channel} does not name this party`);
      const invited = (key = members.find((m) => m.party === e.author)?.publicKey);
      check = (x) => Promise.resolve().then(() => verifyEnvelopeSignature(x, () => invited));
    }
    if (!key)
      throw new PolicyError('NOT_A_MEMBER', `${e.author} is not a member of ${e.channel} known to this node`);
    if (sender !== e.author && e.kind !== 'invite' && !(await memberKey(run, e.channel, sender))) {
      throw new PolicyError('NOT_A_MEMBER', `relaying party ${sender} is not a member of ${e.channel}`);
    }
    const log = { channel: e.channel, author: e.author };
    const head = await ctx.store.getLogHead(log);
    const size = head?.size ?? 0;
    if (e.seq < size) return await alreadyHeld(ctx, p, check);
    try {
      await check(p);
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
      run.onGap?.(e.channel, e.author, size);
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
    await drainPending(run, e.channel, e.author, e.seq + 1);
    // Views are compared once the whole batch (and the checkpoint sent with it) is in.
    run.touched.set(`${e.channel} ${e.author}`, log);
    return { result: { hash: p.hashHex, status: 'stored' }, stored: p };
  } catch (err) {
    if (isStoreError(err, 'DUPLICATE_ENTRY') || isStoreError(err, 'SEQ_CONFLICT')) {
      // A concurrent delivery of the same envelope won the race: treat as already held.
      if (await memberKey(run, e.channel, e.author)) return alreadyHeld(ctx, p, verify);
    }
    if (err instanceof VerificationError && err.code === 'PREV_MISMATCH') await keepFork(ctx, p);
    return rejected(p.hashHex, err);
  }
}

/**
 * Applies envelopes held back behind a gap that has just been filled. Each is checked against
 * the author's key as it is after the envelopes before it: a key-rotation held back among them
 * takes effect for the ones after it.
 */
async function drainPending(run: BatchRun, channel: string, author: string, from: number): Promise<void> {
  const { ctx } = run;
  for (let seq = from; ; seq++) {
    const held = await ctx.store.dialogue.takePending(channel, author, seq);
    if (!held) return;
    const p = parseEnvelope(held.bytes);
    await verifyAuthor(run, p);
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
