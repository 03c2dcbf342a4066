import { toBase64 } from '../../core/bytes/index.js';
import { parseEnvelope } from '../../core/envelope/index.js';
import {
  createNoteVerifier,
  parseCheckpoint,
  parseSignedNote,
  verifyCheckpoint,
  verifyCheckpointEquivocation,
  type Checkpoint,
  type ConflictWitness,
} from '../../core/merkle/index.js';
import { equalBytes } from '../../core/sig/index.js';
import type { CheckpointRecord, LogKey } from '../../store/index.js';
import { logOrigin, noteKeyName } from '../log-origin.js';
import type { DialogueContext } from './context.js';

/**
 * Signed checkpoints a node learns of a peer's log other than by fetching them itself: the one
 * the author pushes with a batch, and the one another member quotes in its receipt. Either is the
 * author's own statement, so one that contradicts a checkpoint this node holds makes two notes
 * signed by the author that cannot both be true: evidence a third party can check with the
 * author's public key alone (core/merkle/equivocation.ts).
 */

type Judgement = 'consistent' | 'conflict' | 'unchecked';

const ORIGIN = /^parley\/(channel--[^/]+)\/(identity--[^/]+)$/;

/** The log a checkpoint note claims to be about, read without trusting it. */
function logOfNote(note: string): LogKey | undefined {
  try {
    const m = ORIGIN.exec(parseCheckpoint(parseSignedNote(note).text).origin);
    return m ? { channel: m[1]!, author: m[2]! } : undefined;
  } catch {
    return undefined;
  }
}

async function openNote(ctx: DialogueContext, log: LogKey, note: string): Promise<Checkpoint | undefined> {
  const member = (await ctx.store.dialogue.listMembers(log.channel)).find((m) => m.party === log.author);
  if (!member) return undefined;
  try {
    return verifyCheckpoint(
      note,
      [createNoteVerifier(noteKeyName(log.author), member.publicKey)],
      logOrigin(log),
    ).checkpoint;
  } catch (e) {
    // Not the author's statement: nothing it says can be held against the author.
    ctx.logger.warn(
      { channel: log.channel, author: log.author, err: (e as Error).message },
      'checkpoint note does not verify; ignored',
    );
    return undefined;
  }
}

/**
 * The checkpoint `sender` pushed with a batch of its own log: verified with its pinned key and
 * against this node's copy, then kept as the latest verified checkpoint, which the receipt for
 * the batch quotes. A note about someone else's log, or beyond the copy (a gap), is left aside.
 */
export async function acceptPushedCheckpoint(
  ctx: DialogueContext,
  sender: string,
  note: string,
): Promise<void> {
  const log = logOfNote(note);
  if (!log || log.author !== sender) return;
  const cp = await openNote(ctx, log, note);
  if (!cp) return;
  const head = await ctx.store.getLogHead(log);
  if (!head || cp.size > head.size || cp.size === 0) return;
  if ((await judgeNote(ctx, log, note, cp, `pushed by ${sender}`)) !== 'consistent') return;
  await holdCheckpoint(ctx, log, cp, note);
}

/**
 * Keeps a verified note of the author that matches this node's copy, then pairs it with any
 * note of the author kept alone as evidence before: requests are handled concurrently, so a
 * member's receipt quoting the author's other note can be judged a moment before the author's
 * own push (and the note that answers it) is held here. Without this the evidence would stay a
 * single note, the weaker statement, although both signed notes are now at hand.
 */
export async function holdCheckpoint(
  ctx: DialogueContext,
  log: LogKey,
  cp: Checkpoint,
  note: string,
): Promise<void> {
  await ctx.store.putCheckpoint({
    ...log,
    size: cp.size,
    rootHash: cp.rootHash,
    note,
    createdAt: ctx.clock.now().toISOString(),
  });
  const dec = new TextDecoder();
  const alone = (await ctx.store.dialogue.listEvidence(log.channel)).filter(
    (e) => e.kind === 'inconsistent-checkpoint' && e.author === log.author && !e.second,
  );
  for (const e of alone) {
    const earlier = dec.decode(e.first);
    const other = await openNote(ctx, log, earlier);
    if (!other || other.size > cp.size) continue;
    await judgeNote(ctx, log, earlier, other, 'kept alone before');
  }
}

/**
 * A checkpoint the author's own node served (the periodic check), verified with the pinned key
 * and covered by this node's copy: the same judgement as a pushed or quoted one.
 */
export async function judgeFetchedCheckpoint(
  ctx: DialogueContext,
  log: LogKey,
  note: string,
  cp: Checkpoint,
): Promise<Judgement> {
  return judgeNote(ctx, log, note, cp, `served by ${log.author}'s node`);
}

/**
 * The author's checkpoint another member quoted in a receipt (`receiptBytes`), judged against
 * this node's copy. Returns 'conflict' when evidence was recorded.
 */
export async function judgeQuotedCheckpoint(
  ctx: DialogueContext,
  log: LogKey,
  receiptBytes: Uint8Array,
  reporter: string,
): Promise<Judgement> {
  let note: unknown;
  try {
    note = (
      parseEnvelope(receiptBytes, { maxBytes: Number.MAX_SAFE_INTEGER }).envelope.body as {
        checkpoint?: unknown;
      }
    ).checkpoint;
  } catch {
    return 'unchecked';
  }
  if (
    typeof note !== 'string' ||
    logOfNote(note)?.author !== log.author ||
    logOfNote(note)?.channel !== log.channel
  )
    return 'unchecked';
  const cp = await openNote(ctx, log, note);
  const head = await ctx.store.getLogHead(log);
  if (!cp || !head || cp.size === 0 || cp.size > head.size) return 'unchecked';
  return judgeNote(ctx, log, note, cp, `quoted in a receipt by ${reporter}`);
}

/**
 * A verified note of the author at a size this node's copy covers. If its root differs from the
 * copy's, it is paired with a checkpoint of the author this node holds (at the same size, or a
 * larger one with a consistency proof built from the copy) and both are kept as evidence.
 */
async function judgeNote(
  ctx: DialogueContext,
  log: LogKey,
  note: string,
  cp: Checkpoint,
  via: string,
): Promise<Judgement> {
  const ours = await ctx.logs.rootAt(log, cp.size);
  if (equalBytes(ours, cp.rootHash)) return 'consistent';
  const held = await heldCheckpoint(ctx, log, cp.size);
  const member = (await ctx.store.dialogue.listMembers(log.channel)).find((m) => m.party === log.author)!;
  if (held) {
    // The copy matches every held note (nothing else is kept), so it yields the witness.
    const witness: ConflictWitness | undefined =
      held.size === cp.size
        ? undefined
        : { root: ours, proof: (await ctx.logs.consistencyProof(log, cp.size, held.size)).proof };
    const judged = verifyCheckpointEquivocation(
      held.note,
      note,
      [createNoteVerifier(noteKeyName(log.author), member.publicKey)],
      logOrigin(log),
      witness,
    );
    if (judged.conflict) {
      const proof = witness
        ? `; consistency proof ${cp.size}→${held.size} from root ${toBase64(witness.root)}: ${witness.proof.map(toBase64).join(',')}`
        : '';
      await keep(
        ctx,
        log,
        cp.size,
        held.note,
        note,
        `${log.author} signed two checkpoints of its log that cannot both be true: size ${held.size} held here, size ${cp.size} ${via}${proof}`,
      );
      return 'conflict';
    }
  }
  // No note of ours to pair it with: the author's note still contradicts the envelopes it signed.
  await keep(
    ctx,
    log,
    cp.size,
    note,
    undefined,
    `${log.author}'s signed checkpoint at size ${cp.size} (${via}) differs from the envelopes it sent here`,
  );
  return 'conflict';
}

/** A checkpoint of the author held here at `size`, or else the smallest one above it. */
async function heldCheckpoint(
  ctx: DialogueContext,
  log: LogKey,
  size: number,
): Promise<CheckpointRecord | undefined> {
  const exact = await ctx.store.getCheckpoint(log, size);
  if (exact) return exact;
  return (await ctx.store.listCheckpoints(log)).filter((c) => c.size > size).at(-1);
}

async function keep(
  ctx: DialogueContext,
  log: LogKey,
  size: number,
  first: string,
  second: string | undefined,
  detail: string,
): Promise<void> {
  const enc = new TextEncoder();
  const [a, b] = [enc.encode(first), second === undefined ? undefined : enc.encode(second)];
  const known = (await ctx.store.dialogue.listEvidence(log.channel)).some(
    (e) =>
      e.kind === 'inconsistent-checkpoint' &&
      equalBytes(e.first, a) &&
      (b ? !!e.second && equalBytes(e.second, b) : !e.second),
  );
  const now = ctx.clock.now().toISOString();
  if (!known) {
    await ctx.store.dialogue.addEvidence({
      kind: 'inconsistent-checkpoint',
      ...log,
      seq: size - 1,
      first: a,
      second: b,
      detail,
      detectedAt: now,
    });
  }
  const { created } = await ctx.store.dialogue.raiseAlarm({
    kind: 'equivocation',
    severity: 'critical',
    channel: log.channel,
    subject: `${log.author}@checkpoint:${size}`,
    message: detail,
    raisedAt: now,
  });
  if (created)
    ctx.logger.error({ event: 'equivocation', channel: log.channel, author: log.author, size }, detail);
}
