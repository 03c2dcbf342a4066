import { fromBase64, toBase64 } from '../../core/bytes/index.js';
import {
  checkCoSignature,
  checkInvite,
  type ReceiptBody,
  type StatementSignBody,
} from '../../core/dialogue/index.js';
import type { ParsedEnvelope } from '../../core/envelope/index.js';
import { equalBytes } from '../../core/sig/index.js';
import { parsePolicy, type DialogueContext } from './context.js';
import { judgeQuotedCheckpoint } from './checkpoint-evidence.js';
import { dueTimesOf } from './due-times.js';
import { keyAtSeq } from './key-chain.js';
import type { ChannelRecord, TimelineRecord, TrackedItem } from '../../store/dialogue.types.js';

/** Co-signatures are kept beside receipts, under their own key: a co-signer also receipts the statement. */
export const cosignKey = (statementHash: string): string => `cosign:${statementHash}`;

/** Kinds that wait for a receipt from every other member (and, for requests, a response). */
// Not the invite: an invitee has no log to receipt from until it accepts, and its accept answers.
const TRACKED = new Set([
  'ping',
  'notify',
  'request',
  'statement',
  'share',
  'designation',
  'assessment',
  'note',
  'accept',
]);

function summaryOf(p: ParsedEnvelope): string {
  const b = p.envelope.body as Record<string, unknown>;
  const t = (b.subject ??
    b.title ??
    b.name ??
    (b.template as Record<string, unknown> | undefined)?.incident_description ??
    b.text ??
    '') as unknown;
  return typeof t === 'string' ? t.slice(0, 200) : '';
}

/**
 * Applies one stored envelope to the dialogue's state: channels and members, tracked items,
 * receipts, responses. Idempotent (every write is an upsert or first-write-wins), so replaying
 * a log from its projection cursor after a crash is safe. `receivedAt` is when this node stored a
 * peer's envelope (a replay passes the stored time); it defaults to now, as ingest projects at once.
 */
export async function project(
  ctx: DialogueContext,
  p: ParsedEnvelope,
  batch?: ProjectionBatch,
  receivedAt?: string,
): Promise<void> {
  const d = ctx.store.dialogue;
  const e = p.envelope;
  if (batch && batch.items.length && !TRACKED.has(e.kind)) {
    // This envelope may refer to items still held in the batch: write them first.
    await d.trackItems(batch.items.splice(0));
  }
  switch (e.kind) {
    case 'invite': {
      const { body, members } = checkInvite(e);
      if (!members.some((m) => m.party === ctx.partyId)) return;
      const existing = await d.getChannel(e.channel);
      await d.upsertChannel({
        id: e.channel,
        name: body.name,
        inviter: e.author,
        inviteHash: p.hashHex,
        policy: JSON.stringify(body.policy),
        state: existing?.state ?? (e.author === ctx.partyId ? 'active' : 'invited'),
        createdAt: e.created,
      });
      for (const m of members) {
        const known = (await d.listMembers(e.channel)).find((x) => x.party === m.party);
        await d.upsertMember({
          channel: e.channel,
          party: m.party,
          name: m.name,
          endpoint: known?.endpoint ?? m.endpoint,
          publicKey: known?.publicKey ?? m.publicKey,
          state: known?.state ?? (m.party === e.author ? 'accepted' : 'invited'),
          acceptedAt: known?.acceptedAt ?? (m.party === e.author ? e.created : undefined),
        });
        if (m.party !== ctx.partyId && !(await ctx.store.getParty(m.party))) {
          await ctx.store.putParty({
            id: m.party,
            publicKey: m.publicKey,
            name: m.name,
            identity: '{}',
            isHome: false,
          });
        }
      }
      if (e.author === ctx.partyId) await openDeliveries(ctx, e.channel);
      break;
    }
    case 'accept': {
      const member = (await d.listMembers(e.channel)).find((m) => m.party === e.author);
      if (!member) return;
      const endpoint = typeof e.body.endpoint === 'string' ? e.body.endpoint : member.endpoint;
      await d.upsertMember({
        ...member,
        endpoint,
        state: member.state === 'left' ? 'left' : 'accepted',
        acceptedAt: member.acceptedAt ?? e.created,
      });
      if (e.author === ctx.partyId) {
        await d.setChannelState(e.channel, 'active');
        await openDeliveries(ctx, e.channel);
      }
      break;
    }
    case 'leave': {
      const member = (await d.listMembers(e.channel)).find((m) => m.party === e.author);
      if (member) await d.upsertMember({ ...member, state: 'left' });
      if (e.author === ctx.partyId) await d.setChannelState(e.channel, 'left');
      break;
    }
    case 'key-rotation': {
      const member = (await d.listMembers(e.channel)).find((m) => m.party === e.author);
      const key = fromBase64(String(e.body.new_public_key));
      if (member && key?.length === 32) await d.upsertMember({ ...member, publicKey: key });
      break;
    }
    case 'receipt':
      await projectReceipt(ctx, p);
      break;
    case 'response':
      // Again once its timeline row is written (below, or by ingest after a batch): an item
      // stored meanwhile looks for its response there (store: ADOPT_RESPONSE), so one of the two
      // always sees the other, whichever log arrives first.
      await markResponses(ctx, p);
      break;
    case 'statement-sign': {
      const b = e.body as unknown as StatementSignBody;
      const member = (await d.listMembers(e.channel)).find((m) => m.party === e.author);
      // After a restart the replay meets old co-signatures with a later key pinned: use theirs.
      const key =
        member && (await keyAtSeq(ctx.store, { channel: e.channel, author: e.author }, p, member.publicKey));
      if (key && checkCoSignature(b.statement, b.signature, key)) {
        await d.addReceipt({
          itemHash: cosignKey(b.statement),
          party: e.author,
          receiptHash: p.hashHex,
          receivedAt: e.created,
        });
      }
      break;
    }
    default:
      break;
  }
  if (e.kind !== 'receipt') {
    const row = {
      channel: e.channel,
      hash: p.hashHex,
      author: e.author,
      seq: e.seq,
      kind: e.kind,
      created: e.created,
      summary: summaryOf(p),
      ref: e.refs?.[0],
    };
    if (batch) batch.timeline.push(row);
    else {
      await d.addTimeline([row]);
      if (e.kind === 'response') await markResponses(ctx, p);
    }
  }
  if (TRACKED.has(e.kind)) {
    const item = await trackedItemOf(ctx, p, batch, receivedAt);
    if (item && batch) batch.items.push(item);
    else if (item) await ctx.store.dialogue.trackItem(item);
  }
  // In a batch the features run once its writes are in (ingest calls projectExtensions): the
  // threat side's shorter receipt deadline for designated infrastructure updates the tracked
  // item, which would not exist yet while it is still held in the batch.
  if (batch) batch.extensions.push(p);
  else await projectExtensions(ctx, [p]);
}

/** Hands stored envelopes to the features (threat level, list comparison), in log order. */
export async function projectExtensions(ctx: DialogueContext, ps: readonly ParsedEnvelope[]): Promise<void> {
  for (const p of ps) {
    const e = p.envelope;
    for (const ext of ctx.extensions) {
      try {
        await ext.project(ctx, p);
      } catch (err) {
        // A feature's failure must not stop the log: the envelope is stored and verified already.
        ctx.logger.error(
          { err, extension: ext.name, channel: e.channel, author: e.author, seq: e.seq },
          'extension failed to project an envelope',
        );
      }
    }
  }
}

/** Collects writes of many projections so that they go to the store in one transaction. */
export interface ProjectionBatch {
  readonly items: TrackedItem[];
  readonly timeline: Omit<TimelineRecord, 'id'>[];
  readonly channels: Map<string, ChannelRecord | undefined>;
  /** Envelopes whose features run after the batch's writes. */
  readonly extensions: ParsedEnvelope[];
}

export const newProjectionBatch = (): ProjectionBatch => ({
  items: [],
  timeline: [],
  channels: new Map(),
  extensions: [],
});

async function trackedItemOf(
  ctx: DialogueContext,
  p: ParsedEnvelope,
  batch: ProjectionBatch | undefined,
  receivedAt: string | undefined,
): Promise<TrackedItem | undefined> {
  const e = p.envelope;
  let channel = batch?.channels.get(e.channel);
  if (!channel) {
    channel = await ctx.store.dialogue.getChannel(e.channel);
    batch?.channels.set(e.channel, channel);
  }
  if (!channel) return undefined;
  // A peer's item counts from when it reached this node (bounded by the signed created), never
  // from a created the sender may have backdated; ingest projects right after storing, so "now".
  const arrival =
    e.author === ctx.partyId ? undefined : new Date(receivedAt ?? ctx.clock.now().toISOString());
  const due = dueTimesOf(e, parsePolicy(channel.policy), arrival, ctx.options.clockSkewSeconds);
  return {
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
    summary: summaryOf(p),
  };
}

/** Starts delivering the home party's log in a channel to every other member. */
async function openDeliveries(ctx: DialogueContext, channel: string): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const m of await ctx.store.dialogue.listMembers(channel)) {
    if (m.party === ctx.partyId) continue;
    if (await ctx.store.dialogue.getDelivery(channel, m.party)) continue;
    await ctx.store.dialogue.putDelivery({
      channel,
      recipient: m.party,
      ackedSeq: -1,
      attempts: 0,
      nextAttemptAt: now,
      lastError: undefined,
      lastSuccessAt: undefined,
    });
  }
}

/**
 * A receipt acknowledges envelopes and states the receiver's view of the sender's log. The view
 * is kept and compared with this node's copy as soon as the copy is long enough (now, or when
 * later envelopes arrive): a view that differs at the same size is evidence that someone shows
 * different histories to different members.
 */
async function projectReceipt(ctx: DialogueContext, p: ParsedEnvelope): Promise<void> {
  const e = p.envelope;
  const body = e.body as unknown as ReceiptBody;
  await ctx.store.dialogue.addReceipts(
    body.acks.map((ack) => ({
      itemHash: ack,
      party: e.author,
      receiptHash: p.hashHex,
      receivedAt: e.created,
    })),
  );
  if (body.log.size === 0 || body.log.author === e.author) return;
  await ctx.store.dialogue.addView({
    channel: e.channel,
    author: body.log.author,
    size: body.log.size,
    rootHash: body.log.root_hash,
    reporter: e.author,
    receiptHash: p.hashHex,
  });
  await checkViews(ctx, e.channel, body.log.author);
}

/** Compares reported views of a log with this node's copy, up to the copy's size. */
export async function checkViews(ctx: DialogueContext, channel: string, author: string): Promise<void> {
  const log = { channel, author };
  const head = await ctx.store.getLogHead(log);
  if (!head) return;
  for (const view of await ctx.store.dialogue.takeViews(channel, author, head.size)) {
    const receipt = await ctx.store.getEntryByHash(Buffer.from(view.receiptHash, 'hex'));
    // The author's own signed checkpoint quoted in the receipt makes the stronger evidence: two
    // notes signed by the author. The reporter's bare view below is signed by the reporter only.
    if (receipt && (await judgeQuotedCheckpoint(ctx, log, receipt.bytes, view.reporter)) === 'conflict')
      continue;
    const ours = await ctx.logs.rootAt(log, view.size);
    const claimed = fromBase64(view.rootHash);
    if (claimed && equalBytes(ours, claimed)) continue;
    const now = ctx.clock.now().toISOString();
    const statement = new TextEncoder().encode(
      JSON.stringify({
        log,
        size: view.size,
        our_root: toBase64(ours),
        their_root: view.rootHash,
        reporter: view.reporter,
      }),
    );
    await ctx.store.dialogue.addEvidence({
      kind: 'divergent-view',
      channel,
      author,
      seq: view.size - 1,
      first: statement,
      second: receipt?.bytes,
      detail: `${view.reporter} holds ${author}'s log at size ${view.size} with another root than this node: equivocation or tampering`,
      detectedAt: now,
    });
    const { created } = await ctx.store.dialogue.raiseAlarm({
      kind: 'divergent-view',
      severity: 'critical',
      channel,
      subject: `${author}@${view.size}/${view.reporter}`,
      message: `${view.reporter} signed a view of ${author}'s log (size ${view.size}) that differs from ours: equivocation or tampering`,
      raisedAt: now,
    });
    if (created)
      ctx.logger.error(
        { event: 'divergent-view', channel, author, size: view.size, reporter: view.reporter },
        'divergent log view',
      );
  }
}

/** Marks every item a `response` refers to as answered by it (first response wins). */
export async function markResponses(ctx: DialogueContext, p: ParsedEnvelope): Promise<void> {
  const e = p.envelope;
  if (e.kind !== 'response') return;
  for (const ref of e.refs ?? []) await ctx.store.dialogue.markResponded(ref, p.hashHex, e.created);
}
