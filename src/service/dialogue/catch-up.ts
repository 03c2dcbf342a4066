import { createNoteVerifier, verifyCheckpoint, verifyConsistency } from '../../core/merkle/index.js';
import { ParleyError } from '../../core/errors.js';
import { logOrigin, noteKeyName } from '../log-origin.js';
import { holdCheckpoint, judgeFetchedCheckpoint } from './checkpoint-evidence.js';
import type { DialogueContext } from './context.js';
import { ingestBatch } from './ingest.js';
import { parseEnvelope } from '../../core/envelope/index.js';
import { project } from './projector.js';
import { TransportError } from './transport.js';

/**
 * Pulls what is missing of a peer's log from the peer's own node, from `from` on, page by
 * page, through the same ingest path as pushed envelopes. Used when a gap shows, and by the
 * periodic check below. Returns how many envelopes were stored.
 */
export async function pullLog(
  ctx: DialogueContext,
  channel: string,
  author: string,
  from: number,
): Promise<number> {
  const member = (await ctx.store.dialogue.listMembers(channel)).find((m) => m.party === author);
  if (!member) return 0;
  let stored = 0;
  let next = from;
  for (;;) {
    const page = await ctx.transport.fetchEntries(
      member.endpoint,
      channel,
      author,
      next,
      ctx.options.batchSize,
    );
    if (page.length === 0) break;
    const res = await ingestBatch(ctx, author, page, { receipt: true });
    const ok = res.results.filter((r) => r.status === 'stored' || r.status === 'duplicate').length;
    stored += res.results.filter((r) => r.status === 'stored').length;
    if (ok < page.length) break;
    next += page.length;
  }
  if (stored) ctx.logger.info({ channel, author, from, stored }, 'caught up from peer');
  return stored;
}

/**
 * Fetches each member's latest signed checkpoint of its own log and checks it against what this
 * node holds: the signature with the pinned key, consistency with the last checkpoint kept
 * (RFC 9162 consistency proof from the peer), and equality with our copy's root at that size.
 * A failure is evidence; a larger log than ours triggers a pull.
 */
export async function checkPeerCheckpoints(ctx: DialogueContext, channel: string): Promise<void> {
  for (const m of await ctx.store.dialogue.listMembers(channel)) {
    if (m.party === ctx.partyId || m.state !== 'accepted') continue;
    const log = { channel, author: m.party };
    let note: string | undefined;
    try {
      note = await ctx.transport.fetchCheckpoint(m.endpoint, channel, m.party);
    } catch (e) {
      ctx.logger.debug({ channel, peer: m.party, err: (e as Error).message }, 'checkpoint fetch failed');
      continue;
    }
    if (!note) continue;
    let cp;
    try {
      cp = verifyCheckpoint(
        note,
        [createNoteVerifier(noteKeyName(m.party), m.publicKey)],
        logOrigin(log),
      ).checkpoint;
    } catch (e) {
      await conflict(
        ctx,
        channel,
        m.party,
        undefined,
        new TextEncoder().encode(note),
        undefined,
        `checkpoint does not verify: ${(e as Error).message}`,
      );
      continue;
    }
    const previous = await ctx.store.getCheckpoint(log);
    if (previous && previous.size <= cp.size && previous.size > 0) {
      try {
        const proof =
          previous.size === cp.size
            ? []
            : await ctx.transport.fetchConsistency(m.endpoint, channel, m.party, previous.size, cp.size);
        verifyConsistency(previous.size, cp.size, proof, previous.rootHash, cp.rootHash);
      } catch (e) {
        // A peer that is down, slow, rate-limiting or failing has proven nothing about its log:
        // that is not equivocation. Keep the old checkpoint and check again next round.
        if (e instanceof TransportError) {
          ctx.logger.warn(
            { channel, peer: m.party, code: e.code, status: e.status },
            'consistency proof fetch failed',
          );
        } else if (e instanceof ParleyError) {
          await conflict(
            ctx,
            channel,
            m.party,
            cp.size,
            new TextEncoder().encode(previous.note),
            new TextEncoder().encode(note),
            `checkpoint of size ${cp.size} is not consistent with the one of size ${previous.size}`,
          );
        }
        continue;
      }
    }
    let head = await ctx.store.getLogHead(log);
    if ((head?.size ?? 0) < cp.size) {
      await pullLog(ctx, channel, m.party, head?.size ?? 0);
      head = await ctx.store.getLogHead(log);
    }
    if (head && head.size >= cp.size && cp.size > 0) {
      // Against our copy, as a pushed or quoted note is: paired with a held note when one differs.
      if ((await judgeFetchedCheckpoint(ctx, log, note, cp)) !== 'consistent') continue;
      await holdCheckpoint(ctx, log, cp, note);
    }
  }
}

async function conflict(
  ctx: DialogueContext,
  channel: string,
  author: string,
  seq: number | undefined,
  first: Uint8Array,
  second: Uint8Array | undefined,
  detail: string,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.store.dialogue.addEvidence({
    kind: 'inconsistent-checkpoint',
    channel,
    author,
    seq,
    first,
    second,
    detail,
    detectedAt: now,
  });
  const { created } = await ctx.store.dialogue.raiseAlarm({
    kind: 'inconsistent-checkpoint',
    severity: 'critical',
    channel,
    subject: `${author}@${seq ?? '?'}`,
    message: detail,
    raisedAt: now,
  });
  if (created) ctx.logger.error({ event: 'inconsistent-checkpoint', channel, author, size: seq }, detail);
}

/**
 * After a crash between an append and its projection, replays every log from its projection
 * cursor. Projection is idempotent, so replaying what was already applied is harmless.
 */
export async function reconcile(ctx: DialogueContext): Promise<number> {
  let replayed = 0;
  for (const head of await ctx.store.listLogs()) {
    let seq = (await ctx.store.dialogue.getProjected(head.channel, head.author)) + 1;
    while (seq < head.size) {
      const page = await ctx.store.getEntries(head, seq, 500);
      if (page.length === 0) break;
      for (const e of page) {
        await project(
          ctx,
          parseEnvelope(e.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }),
          undefined,
          e.storedAt,
        );
        replayed++;
      }
      seq += page.length;
      await ctx.store.dialogue.setProjected(head.channel, head.author, seq - 1);
    }
  }
  if (replayed) ctx.logger.info({ replayed }, 'projection reconciled after restart');
  return replayed;
}
