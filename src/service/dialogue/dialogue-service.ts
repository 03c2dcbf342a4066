import { randomUUID } from 'node:crypto';
import {
  coSign,
  checkBody,
  checkCoSignature,
  completeTemplate,
  type StatementBody,
} from '../../core/dialogue/index.js';
import { parseEnvelope, type EnvelopeKind, type ParsedEnvelope } from '../../core/envelope/index.js';
import { PolicyError, ValidationError } from '../../core/errors.js';
import {
  checkDeclaredHandling,
  checkRelease,
  embeddedStixObjects,
  isTlpLevel,
  type TlpLevel,
} from '../../core/tlp/index.js';
import type { Ed25519KeyPair } from '../../core/sig/index.js';
import type { JsonObject } from '../../core/jcs/index.js';
import type {
  AlarmRecord,
  ChannelRecord,
  EvidenceRecord,
  MemberRecord,
  TrackedItem,
} from '../../store/dialogue.types.js';
import { checkPeerCheckpoints, pullLog, reconcile } from './catch-up.js';
import { acceptChannel, inviteChannel, leaveChannel, type InviteInput } from './channels.js';
import type { DialogueContext } from './context.js';
import { checkDeadlines } from './deadlines.js';
import { Deliverer } from './delivery.js';
import { ingestBatch } from './ingest.js';
import { keyAtSeq } from './key-chain.js';
import { cosignKey, project } from './projector.js';
import type { InboxResponse } from './transport.js';
import { pingHistory, type PingCheck, type PingHistoryQuery } from '../ping-history.js';

/** Kinds whose body may carry a POC template (docs/poc-template.md). */
const TEMPLATE_KINDS: ReadonlySet<EnvelopeKind> = new Set<EnvelopeKind>(['notify', 'request']);

export interface SendInput {
  readonly kind: EnvelopeKind;
  readonly body: JsonObject;
  readonly refs?: readonly string[];
  readonly respondBy?: string;
}

export interface StatementStatus {
  readonly statement: string;
  readonly channel: string;
  readonly author: string;
  readonly title: string;
  readonly text: string;
  readonly signatures: { readonly party: string; readonly valid: boolean; readonly at: string }[];
  /** Every member other than the author has co-signed with a valid signature. */
  readonly complete: boolean;
}

export interface PingStat {
  readonly channel: string;
  readonly party: string;
  readonly pings: number;
  readonly answered: number;
  readonly medianMs: number | undefined;
  readonly lastMs: number | undefined;
}

/** Background work intervals. */
export interface DialogueSchedule {
  readonly deadlineEveryMs: number;
  readonly checkpointEveryMs: number;
  /** 0 disables scheduled pings. */
  readonly pingEveryMs: number;
}

/**
 * The dialogue's use cases: channels, sending each kind, the inbox of what awaits an answer,
 * co-signed statements, communication checks; and the background work — delivery, catch-up,
 * deadline checks, checkpoint checks.
 */
export class DialogueService {
  readonly deliverer: Deliverer;
  private timers: NodeJS.Timeout[] = [];
  private readonly pulling = new Set<string>();

  constructor(readonly ctx: DialogueContext) {
    this.deliverer = new Deliverer(ctx);
  }

  async start(schedule: DialogueSchedule): Promise<void> {
    await reconcile(this.ctx);
    this.deliverer.start();
    const every = (ms: number, fn: () => Promise<unknown>): void => {
      if (ms <= 0) return;
      const t = setInterval(
        () => void fn().catch((e: unknown) => this.ctx.logger.error({ err: e }, 'background task failed')),
        ms,
      );
      t.unref();
      this.timers.push(t);
    };
    every(schedule.deadlineEveryMs, () => checkDeadlines(this.ctx));
    every(schedule.checkpointEveryMs, () => this.checkCheckpoints());
    every(schedule.pingEveryMs, () => this.pingAll());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.deliverer.stop();
  }

  invite(input: InviteInput): Promise<{ channel: string; inviteHash: string }> {
    return this.after(inviteChannel(this.ctx, input));
  }

  accept(channel: string): Promise<{ acceptHash: string }> {
    return this.after(acceptChannel(this.ctx, channel));
  }

  leave(channel: string, reason?: string): Promise<{ leaveHash: string }> {
    return this.after(leaveChannel(this.ctx, channel, reason));
  }

  private async after<T>(p: Promise<T>): Promise<T> {
    const out = await p;
    await this.deliverer.kick();
    return out;
  }

  /** Signs, appends and queues for delivery one envelope of the home party in a channel. */
  async send(channel: string, input: SendInput): Promise<ParsedEnvelope> {
    const c = await this.ctx.store.dialogue.getChannel(channel);
    if (!c) throw new PolicyError('NOT_A_MEMBER', `unknown channel ${channel}`);
    if (c.state !== 'active')
      throw new PolicyError('NOT_A_MEMBER', `channel ${channel} is ${c.state}: accept it first`);
    // The node fills the template fields only it knows before checking, so callers need not.
    const body = TEMPLATE_KINDS.has(input.kind)
      ? completeTemplate(input.body, { messageId: randomUUID(), sentAt: this.ctx.clock.now().toISOString() })
      : input.body;
    checkBody(input.kind, body);
    await this.checkTlp(c, body);
    const { entries } = await this.ctx.logs.append(channel, [
      {
        kind: input.kind,
        body,
        ...(input.refs?.length ? { refs: input.refs } : {}),
        ...(input.respondBy ? { respond_by: input.respondBy } : {}),
      },
    ]);
    const e = entries[0]!;
    await project(this.ctx, e);
    await this.ctx.store.dialogue.setProjected(channel, this.ctx.partyId, e.envelope.seq);
    await this.deliverer.kick(channel);
    return e;
  }

  /**
   * TLP 2.0 on what leaves the node: every STIX object anywhere in the body (a `bundle`, a
   * template's `technical_annex`, whatever a kind adds) must be releasable to every other member
   * of the channel (whose logs all members hold), under the channel's ceiling. TLP:RED therefore
   * needs every receiving member named in `recipients`; for a subset of the members, open a
   * channel with just them. A template's `handling` must be releasable too, and no less
   * restrictive than the markings it travels with. Throws PolicyError TLP_FORBIDS.
   */
  private async checkTlp(c: ChannelRecord, body: JsonObject): Promise<void> {
    const objects = embeddedStixObjects(body);
    const template = body.template as JsonObject | undefined;
    const handling = isTlpLevel(template?.handling) ? template.handling : undefined;
    if (!objects.length && !handling) return;
    const members = (await this.ctx.store.dialogue.listMembers(c.id))
      .filter((m) => m.party !== this.ctx.partyId && m.state !== 'left')
      .map((m) => m.party);
    const named = Array.isArray(body.recipients) ? (body.recipients as string[]) : undefined;
    const ceiling = (JSON.parse(c.policy) as { tlp_ceiling?: TlpLevel }).tlp_ceiling;
    const destination = {
      kind: 'channel' as const,
      channelMembers: members,
      ...(named ? { namedRecipients: named } : {}),
      ...(ceiling ? { tlpCeiling: ceiling } : {}),
    };
    const released = checkRelease(objects, destination, { allowUnresolvedMarkings: false });
    if (handling) checkDeclaredHandling(handling, released, destination, 'template handling');
  }

  /**
   * Rotates the home party's key: in every channel it has joined, a `key-rotation` naming the
   * new key is signed by the old one; from then on envelopes, checkpoints and federation
   * requests are signed with the new key. Refused while any member has not yet confirmed
   * everything sent so far, so that the rotation is the first thing of its delivery batch (the
   * peer learns the new key from it before checking the request's signature). The caller
   * replaces the key file. Throws PolicyError NOT_A_MEMBER with the lagging delivery.
   */
  async rotateKey(next: Ed25519KeyPair, reason?: string): Promise<ParsedEnvelope[]> {
    for (const d of await this.ctx.store.dialogue.listDeliveries()) {
      const head = await this.ctx.store.getLogHead({ channel: d.channel, author: this.ctx.partyId });
      if (head && d.ackedSeq < head.size - 1) {
        throw new PolicyError(
          'NOT_A_MEMBER',
          `${d.recipient} has not confirmed everything in ${d.channel} yet (seq ${d.ackedSeq} of ${head.size - 1}): deliver first, then rotate`,
        );
      }
    }
    const sent: ParsedEnvelope[] = [];
    for (const c of await this.channels()) {
      if (c.state !== 'active') continue;
      sent.push(
        await this.send(c.id, {
          kind: 'key-rotation',
          body: {
            new_public_key: Buffer.from(next.publicKey).toString('base64'),
            ...(reason ? { reason } : {}),
          },
        }),
      );
    }
    this.ctx.logs.useKeyPair(next);
    (this.ctx as { keyPair: Ed25519KeyPair }).keyPair = next;
    this.ctx.transport.useKey?.(next.privateKey);
    this.ctx.logger.info({ channels: sent.length }, 'key rotated');
    return sent;
  }

  ping(channel: string): Promise<ParsedEnvelope> {
    return this.send(channel, { kind: 'ping', body: { nonce: randomUUID() } });
  }

  async pingAll(): Promise<number> {
    let n = 0;
    for (const c of await this.channels()) {
      if (c.state !== 'active') continue;
      await this.ping(c.id);
      n++;
    }
    return n;
  }

  respond(
    channel: string,
    requestHash: string,
    status: 'answered' | 'partial' | 'declined' | 'acknowledged',
    text: string,
    bundle?: JsonObject,
  ): Promise<ParsedEnvelope> {
    return this.send(channel, {
      kind: 'response',
      refs: [requestHash],
      body: { status, text, ...(bundle ? { bundle } : {}) },
    });
  }

  proposeStatement(channel: string, s: StatementBody): Promise<ParsedEnvelope> {
    return this.send(channel, { kind: 'statement', body: { ...s } as unknown as JsonObject });
  }

  async signStatement(channel: string, statementHash: string): Promise<ParsedEnvelope> {
    const item = await this.ctx.store.dialogue.getItem(statementHash);
    if (!item || item.kind !== 'statement' || item.channel !== channel)
      throw new ValidationError('ENVELOPE_INVALID', `no statement ${statementHash} in ${channel}`);
    const signature = coSign(statementHash, this.ctx.keyPair.privateKey);
    return this.send(channel, {
      kind: 'statement-sign',
      refs: [statementHash],
      body: { statement: statementHash, signature },
    });
  }

  /** Checks a statement's co-signatures, each against the key its co-signer held when signing. */
  async verifyStatement(statementHash: string): Promise<StatementStatus> {
    const item = await this.ctx.store.dialogue.getItem(statementHash);
    if (!item || item.kind !== 'statement')
      throw new ValidationError('ENVELOPE_INVALID', `no statement ${statementHash}`);
    const [entry] = await this.ctx.store.getEntries(
      { channel: item.channel, author: item.author },
      item.seq,
      1,
    );
    const body = parseEnvelope(entry!.bytes).envelope.body as unknown as StatementBody;
    const members = await this.ctx.store.dialogue.listMembers(item.channel);
    const signatures: StatementStatus['signatures'] = [];
    for (const r of await this.ctx.store.dialogue.receiptsFor(cosignKey(statementHash))) {
      const m = members.find((x) => x.party === r.party);
      const signEntry = await this.ctx.store.getEntryByHash(Buffer.from(r.receiptHash, 'hex'));
      if (!m || !signEntry || signEntry.kind !== 'statement-sign') continue;
      const signed = parseEnvelope(signEntry.bytes);
      const sig = signed.envelope.body.signature;
      // The key of the co-signature's time: a later key rotation must not make it invalid.
      const key = await keyAtSeq(
        this.ctx.store,
        { channel: signEntry.channel, author: signEntry.author },
        signed,
        m.publicKey,
      );
      signatures.push({
        party: r.party,
        valid: typeof sig === 'string' && checkCoSignature(statementHash, sig, key),
        at: r.receivedAt,
      });
    }
    const others = members.filter((m) => m.party !== item.author && m.state !== 'left');
    const complete = others.every((m) => signatures.some((s) => s.party === m.party && s.valid));
    return {
      statement: statementHash,
      channel: item.channel,
      author: item.author,
      title: body.title,
      text: body.text,
      signatures,
      complete,
    };
  }

  /** The federation inbox: a batch from `sender`, answered with results and receipts. */
  async receive(sender: string, batch: readonly Uint8Array[], checkpoint?: string): Promise<InboxResponse> {
    const res = await ingestBatch(this.ctx, sender, batch, {
      receipt: true,
      ...(checkpoint ? { checkpoint } : {}),
      onGap: (c, a, from) => this.schedulePull(c, a, from),
    });
    if (res.receipts.length) await this.deliverer.kick();
    return res;
  }

  private schedulePull(channel: string, author: string, from: number): void {
    const key = `${channel} ${author}`;
    if (this.pulling.has(key)) return;
    this.pulling.add(key);
    setImmediate(() => {
      // What was pulled was receipted: those receipts are new envelopes of ours to deliver.
      void pullLog(this.ctx, channel, author, from)
        .then((stored) => (stored > 0 ? this.deliverer.kick(channel) : undefined))
        .catch((e: unknown) =>
          this.ctx.logger.warn({ channel, author, err: (e as Error).message }, 'catch-up failed'),
        )
        .finally(() => this.pulling.delete(key));
    });
  }

  async checkCheckpoints(): Promise<void> {
    for (const c of await this.channels())
      if (c.state === 'active') {
        await checkPeerCheckpoints(this.ctx, c.id);
        // A pull there receipts what it stored: send those receipts now, not at the idle recheck.
        await this.deliverer.kick(c.id);
      }
  }

  checkDeadlines(): ReturnType<typeof checkDeadlines> {
    return checkDeadlines(this.ctx);
  }

  channels(): Promise<ChannelRecord[]> {
    return this.ctx.store.dialogue.listChannels();
  }

  members(channel: string): Promise<MemberRecord[]> {
    return this.ctx.store.dialogue.listMembers(channel);
  }

  /** The key pinned for a party in any channel here (the latest, after rotations). */
  async keyOf(party: string): Promise<Uint8Array | undefined> {
    for (const channel of await this.ctx.store.dialogue.channelsOf(party)) {
      const m = (await this.ctx.store.dialogue.listMembers(channel)).find((x) => x.party === party);
      if (m) return m.publicKey;
    }
    return undefined;
  }

  /** Whether `party` is a member of any channel here (authorises federation reads). */
  async isMemberOf(party: string, channel?: string): Promise<boolean> {
    const chans = await this.ctx.store.dialogue.channelsOf(party);
    return channel ? chans.includes(channel) : chans.length > 0;
  }

  /** What awaits an answer: requests to this party without a response, and this party's own open items. */
  async inbox(channel?: string): Promise<{ awaitingUs: TrackedItem[]; awaitingThem: TrackedItem[] }> {
    const open = await this.ctx.store.dialogue.listItems({
      ...(channel ? { channel } : {}),
      open: true,
      limit: 500,
    });
    return {
      awaitingUs: open.filter((i) => i.author !== this.ctx.partyId),
      awaitingThem: open.filter((i) => i.author === this.ctx.partyId),
    };
  }

  items(filter: {
    channel?: string;
    kinds?: readonly string[];
    limit: number;
    before?: string;
  }): Promise<TrackedItem[]> {
    return this.ctx.store.dialogue.listItems(filter);
  }

  alarms(open = true): Promise<AlarmRecord[]> {
    return this.ctx.store.dialogue.listAlarms({ open, limit: 500 });
  }

  evidence(channel?: string): Promise<EvidenceRecord[]> {
    return this.ctx.store.dialogue.listEvidence(channel);
  }

  /** Communication checks: how fast each member answered this party's pings with a receipt. */
  /** Each communication check, newest first, paged (service/ping-history.ts). */
  pingHistory(q: PingHistoryQuery): Promise<{ checks: PingCheck[]; next?: string }> {
    return pingHistory(this.ctx.store.dialogue, this.ctx.partyId, this.ctx.clock.now(), q);
  }

  async pingStats(channel?: string): Promise<PingStat[]> {
    const pings = await this.ctx.store.dialogue.listItems({
      ...(channel ? { channel } : {}),
      kinds: ['ping'],
      limit: 10_000,
    });
    const byKey = new Map<
      string,
      { channel: string; party: string; pings: number; times: number[]; last?: number }
    >();
    for (const p of pings.filter((x) => x.author === this.ctx.partyId)) {
      const members = (await this.ctx.store.dialogue.listMembers(p.channel)).filter(
        (m) => m.party !== this.ctx.partyId,
      );
      const receipts = await this.ctx.store.dialogue.receiptsFor(p.hash);
      for (const m of members) {
        const k = `${p.channel} ${m.party}`;
        const s = byKey.get(k) ?? { channel: p.channel, party: m.party, pings: 0, times: [] };
        s.pings++;
        const r = receipts.find((x) => x.party === m.party);
        if (r) {
          const ms = Math.max(0, Date.parse(r.receivedAt) - Date.parse(p.created));
          s.times.push(ms);
          s.last ??= ms;
        }
        byKey.set(k, s);
      }
    }
    return [...byKey.values()].map((s) => {
      const sorted = [...s.times].sort((a, b) => a - b);
      return {
        channel: s.channel,
        party: s.party,
        pings: s.pings,
        answered: s.times.length,
        medianMs: sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined,
        lastMs: s.last,
      };
    });
  }
}
