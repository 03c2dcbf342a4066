import type { ParsedEnvelope } from '../../core/envelope/index.js';
import { ParleyError } from '../../core/errors.js';
import { equalBytes } from '../../core/sig/index.js';
import type { DialogueContext } from './context.js';
import type { InboxResult } from './transport.js';

/** What ingesting one envelope came to, and the envelope when it was stored or is held. */
export interface Outcome {
  readonly result: InboxResult;
  readonly stored?: ParsedEnvelope;
}

/**
 * seq already held: the same bytes are a harmless replay; other bytes that `verify` accepts as
 * the author's are equivocation, kept with the held envelope as evidence; bytes it refuses are
 * a forgery. `verify` throws on a bad signature.
 */
export async function alreadyHeld(
  ctx: DialogueContext,
  p: ParsedEnvelope,
  verify: (p: ParsedEnvelope) => Promise<void>,
): Promise<Outcome> {
  const e = p.envelope;
  const [held] = await ctx.store.getEntries({ channel: e.channel, author: e.author }, e.seq, 1);
  if (held && equalBytes(held.hash, p.hash))
    return { result: { hash: p.hashHex, status: 'duplicate' }, stored: p };
  try {
    await verify(p);
  } catch (err) {
    await keepForgery(ctx, p, err);
    return rejected(p.hashHex, err);
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

/** A refusal of the envelope `hash`, with the error's code when it has one. */
export function rejected(hash: string, e: unknown): Outcome {
  const code = e instanceof ParleyError ? e.code : 'INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  return { result: { hash, status: 'rejected', code, message } };
}

/** Keeps an envelope that claims an author but does not verify with its key, and raises an alarm. */
export async function keepForgery(ctx: DialogueContext, p: ParsedEnvelope, err: unknown): Promise<void> {
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

/** Keeps a signed envelope whose `prev` chains to another history than the copy held here. */
export async function keepFork(ctx: DialogueContext, p: ParsedEnvelope): Promise<void> {
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
