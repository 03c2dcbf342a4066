import { EventEmitter } from 'node:events';
import { parseEnvelope, type ParsedEnvelope } from '../../core/envelope/index.js';
import { PolicyError, PsiError } from '../../core/errors.js';
import {
  createPsiOffer,
  type PsiEngine,
  type PsiMode,
  type PsiSuite,
  type Rng,
} from '../../core/psi/index.js';
import { secureRandomBytes } from '../../core/sig/index.js';
import type { DialogueExtension } from '../dialogue/context.js';
import type { DialogueService } from '../dialogue/dialogue-service.js';
import { ComparisonLedger, type LedgerRecord } from './comparison-ledger.js';
import type { ComparisonResult, ComparisonStatus } from './comparison.types.js';
import type { PreparedList } from './list-input.js';
import { PsiWorkerPool } from './pool.js';
import { RunningComparison, type ComparisonPort } from './running-comparison.js';
import { followLogs, trackPsiEnvelope } from './follow-logs.js';
import {
  asJson,
  DEFAULT_PSI_CHUNK,
  offerBody,
  type PsiAcceptBody,
  type PsiChunkBody,
  type PsiResultBody,
} from './wire.js';

export const PSI_KINDS = ['psi-offer', 'psi-accept', 'psi-blinded', 'psi-reblinded', 'psi-result'] as const;
const PSI_KIND_SET: ReadonlySet<string> = new Set(PSI_KINDS);
const TRACKED_PSI_KINDS = ['psi-offer', 'psi-accept', 'psi-result'];

/** How long an offer waits for an answer, and a comparison for its end, before it is aborted. */
export const DEFAULT_PSI_OFFER_TTL_S = 24 * 3600;
/** Undelivered envelopes of the home party's log a comparison lets pile up (each up to ~1 MiB). */
export const PSI_SEND_WINDOW = 8;

export interface ComparisonServiceOptions {
  readonly dialogue: DialogueService;
  /** The arithmetic; by default a worker pool, started on first use. */
  readonly engine?: PsiEngine;
  /** Elements per psi-blinded/psi-reblinded envelope (see chunkSizeFor). */
  readonly chunkSize?: number;
  readonly rng?: Rng;
  readonly offerTtlSeconds?: number;
}

export interface OfferInput {
  readonly channel: string;
  readonly list: PreparedList;
  readonly mode?: PsiMode;
  readonly suite?: PsiSuite;
  readonly maxSize?: number;
  /** The member to compare with; by default the channel's only other member. */
  readonly responder?: string;
  /** Overrides the chunk size for this comparison (tests use small chunks). */
  readonly chunkSize?: number;
}

/**
 * Private list comparisons over a channel (docs/psi.md, "Envelopes" and "Where it runs"): the
 * protocol as signed psi-* envelopes, driven by the DialogueExtension below. Which comparisons
 * exist is read from the logs; a comparison's secret and the user's list live only in the
 * memory of the process that offered or accepted it, and die with it: a process that stops
 * sends `psi-result` aborted for what it held, and a node that restarts aborts what it held
 * before. Emits 'change' with a comparison id whenever a status may have changed.
 */
export class ComparisonService extends EventEmitter {
  readonly extension: DialogueExtension;
  private readonly ledger = new ComparisonLedger();
  private readonly running = new Map<string, RunningComparison>();
  private readonly seen = new Set<string>();
  private readonly dialogue: DialogueService;
  private engine: PsiEngine | undefined;
  private ownPool: PsiWorkerPool | undefined;
  private readonly chunkSize: number;
  private readonly rng: Rng;
  private readonly ttl: number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(o: ComparisonServiceOptions) {
    super();
    this.dialogue = o.dialogue;
    this.engine = o.engine;
    this.chunkSize = o.chunkSize ?? DEFAULT_PSI_CHUNK;
    this.rng = o.rng ?? secureRandomBytes;
    this.ttl = o.offerTtlSeconds ?? DEFAULT_PSI_OFFER_TTL_S;
    this.extension = { name: 'psi', project: async (_ctx, p) => this.project(p) };
  }

  private get ctx() {
    return this.dialogue.ctx;
  }

  /**
   * Rebuilds the ledger from the tracked psi-* envelopes. With `abandonOrphans` (the serving
   * node, at start), every comparison this party offered or accepted that has not ended is
   * aborted on the record: its secret did not survive the restart, by design.
   */
  async start(o: { abandonOrphans: boolean }): Promise<void> {
    await this.refresh(100_000);
    if (o.abandonOrphans) {
      for (const r of this.ledger.all()) {
        const state = ComparisonLedger.state(r, this.ctx.partyId);
        const mine =
          r.initiator === this.ctx.partyId ||
          (r.offerBody.responder === this.ctx.partyId && r.accept?.decision === 'accept');
        if (mine && (state === 'offered' || state === 'running') && !r.results.has(this.ctx.partyId)) {
          await this.sendResult(r, {
            comparison: r.id,
            status: 'aborted',
            reason: 'restart: comparison secrets are never persisted',
          });
        }
      }
    }
    let ticks = 0;
    this.timer = setInterval(() => {
      // Another process on the same store (the CLI) may offer, accept and end comparisons: their
      // tracked envelopes show up here within a second.
      void this.refresh(500)
        .then(() => (++ticks % 30 === 0 ? this.expire() : undefined))
        .catch((e: unknown) => this.ctx.logger.warn({ err: (e as Error).message }, 'psi refresh failed'));
    }, 1000);
    this.timer.unref();
  }

  /**
   * Projects the tracked psi-offer/accept/result envelopes not seen yet, offers first: at start,
   * and every second for what another process on the same store wrote.
   */
  private async refresh(limit: number): Promise<void> {
    const items = (await this.ctx.store.dialogue.listItems({ kinds: TRACKED_PSI_KINDS, limit })).filter(
      (it) => !this.seen.has(it.hash),
    );
    items.sort(
      (x, y) =>
        Number(y.kind === 'psi-offer') - Number(x.kind === 'psi-offer') || x.created.localeCompare(y.created),
    );
    for (const it of items) {
      const entry = await this.ctx.store.getEntryByHash(Buffer.from(it.hash, 'hex'));
      if (entry)
        await this.project(parseEnvelope(entry.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }), entry.storedAt);
    }
  }

  /** Offers a comparison of `list` in `channel`. Returns its status (state 'offered'). */
  async offer(input: OfferInput): Promise<ComparisonStatus> {
    const responder = input.responder ?? (await this.onlyPeer(input.channel));
    const distinct = new Set(input.list.items.map((b) => Buffer.from(b).toString('latin1'))).size;
    const offer = createPsiOffer(
      {
        kind: input.list.kind,
        size: distinct,
        ...(input.mode && { mode: input.mode }),
        ...(input.suite && { suite: input.suite }),
        ...(input.maxSize && { maxSize: input.maxSize }),
      },
      this.rng,
    );
    const chunk = input.chunkSize ?? this.chunkSize;
    const expires = new Date(this.ctx.clock.now().getTime() + this.ttl * 1000).toISOString();
    const rc = this.hold(offer, 'initiator', input.list, input.channel, responder, chunk);
    try {
      await this.dialogue.send(input.channel, {
        kind: 'psi-offer',
        body: asJson(offerBody(offer, responder, chunk, expires)),
      });
    } catch (e) {
      rc.discard();
      this.running.delete(offer.session);
      throw e;
    }
    this.ctx.logger.info(
      {
        channel: input.channel,
        comparison: offer.session,
        peer: responder,
        mode: offer.mode,
        kind: offer.kind,
      },
      'list comparison offered',
    );
    return this.status(offer.session)!;
  }

  /** Accepts the other side's offer with this side's list; the exchange starts at once. */
  async accept(id: string, list: PreparedList): Promise<ComparisonStatus> {
    const r = this.awaiting(id);
    if (list.kind !== r.offer.kind)
      throw new PsiError('PSI_INPUT_INVALID', `the offer compares ${r.offer.kind}, not ${list.kind}`);
    const chunk = Math.min(this.chunkSize, r.offerBody.chunk_size);
    const rc = this.hold(r.offer, 'responder', list, r.channel, r.initiator, chunk);
    await this.dialogue.send(r.channel, {
      kind: 'psi-accept',
      refs: [r.offerHash],
      body: asJson({ comparison: id, decision: 'accept', responder_size: rc.size } satisfies PsiAcceptBody),
    });
    this.ctx.logger.info(
      { channel: r.channel, comparison: id, peer: r.initiator },
      'list comparison accepted',
    );
    void rc.enqueue(() => rc.sendOwnSet());
    return this.status(id)!;
  }

  /** Refuses the other side's offer, on the record. */
  async refuse(id: string, reason?: string): Promise<ComparisonStatus> {
    const r = this.awaiting(id);
    await this.dialogue.send(r.channel, {
      kind: 'psi-accept',
      refs: [r.offerHash],
      body: asJson({
        comparison: id,
        decision: 'refuse',
        ...(reason ? { reason } : {}),
      } satisfies PsiAcceptBody),
    });
    return this.status(id)!;
  }

  /** Ends a comparison this process holds, on the record; its secret is erased. */
  async abort(id: string, reason = 'cancelled'): Promise<ComparisonStatus | undefined> {
    const rc = this.running.get(id);
    if (rc) await rc.abort(reason);
    else {
      const r = this.ledger.get(id);
      const state = r && ComparisonLedger.state(r, this.ctx.partyId);
      if (
        r &&
        (state === 'offered' || state === 'running') &&
        !r.results.has(this.ctx.partyId) &&
        this.isParty(r)
      ) {
        await this.sendResult(r, { comparison: id, status: 'aborted', reason });
      }
    }
    return this.status(id);
  }

  status(id: string): ComparisonStatus | undefined {
    const r = this.ledger.get(id);
    if (!r) return undefined;
    const rc = this.running.get(id);
    const me = this.ctx.partyId;
    const peerId = r.initiator === me ? r.offerBody.responder : r.initiator;
    let state = ComparisonLedger.state(r, me);
    if (rc?.finished && state === 'running') state = rc.finished;
    const chunksSeen = [...r.chunks.values()].reduce((a, b) => a + b, 0);
    return {
      id,
      channel: r.channel,
      role: r.initiator === me ? 'initiator' : r.offerBody.responder === me ? 'responder' : undefined,
      initiator: r.initiator,
      responder: r.offerBody.responder,
      kind: r.offer.kind,
      mode: r.offer.mode,
      suite: r.offer.suite,
      state,
      initiatorSize: r.offer.initiator_size,
      responderSize: r.accept?.responder_size,
      created: r.created,
      expires: r.offerBody.expires,
      offerHash: r.offerHash,
      held: rc !== undefined && !rc.finished,
      progress: rc
        ? { sent: rc.sentChunks, received: rc.receivedChunks, total: rc.totalChunks() }
        : { sent: r.chunks.get(me) ?? 0, received: chunksSeen - (r.chunks.get(me) ?? 0), total: undefined },
      overlap: rc?.overlap,
      peerOverlap: r.results.get(peerId)?.overlap,
      reason: rc?.reason ?? r.accept?.reason ?? [...r.results.values()].find((x) => x.reason)?.reason,
    };
  }

  list(filter: { channel?: string } = {}): ComparisonStatus[] {
    return this.ledger
      .all()
      .filter((r) => !filter.channel || r.channel === filter.channel)
      .sort((a, b) => b.created.localeCompare(a.created))
      .map((r) => this.status(r.id)!);
  }

  /** What this side learnt, while this process holds it (results are never written to disk). */
  result(id: string): ComparisonResult | undefined {
    const s = this.status(id);
    if (!s) return undefined;
    const rc = this.running.get(id);
    const { matches, overlap } = rc?.result ?? { matches: undefined, overlap: undefined };
    return {
      id,
      state: s.state,
      kind: s.kind,
      mode: s.mode,
      overlap,
      matches: matches?.filter((m) => m.status === 'match'),
      review: matches?.filter((m) => m.status === 'needs-review'),
      learnsNothing: rc ? !rc.learns : s.role === 'responder' && s.mode === 'one-sided',
    };
  }

  /**
   * For a process that does not receive envelopes itself (the CLI beside a serving node): reads
   * the channel's logs from the store as the node stores them. Returns a stop function.
   */
  follow(channel: string, everyMs = 100): Promise<() => void> {
    return followLogs(this.ctx, channel, everyMs, PSI_KIND_SET, (p, storedAt) => this.project(p, storedAt));
  }

  /** Aborts every comparison this process holds (on the record), then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const rc of this.running.values()) {
      if (!rc.finished) await rc.abort('the process holding the comparison stopped').catch(() => undefined);
    }
    this.running.clear();
    await this.ownPool?.close();
  }

  /**
   * The extension's entry point: every stored psi-* envelope, own and peers', once or more.
   * `storedAt`, when the caller holds the entry, saves looking it up for the due times.
   */
  async project(p: ParsedEnvelope, storedAt?: string): Promise<void> {
    if (!PSI_KIND_SET.has(p.envelope.kind) || this.seen.has(p.hashHex)) return;
    this.seen.add(p.hashHex);
    const r = this.apply(p);
    if (!r) return;
    const e = p.envelope;
    if (TRACKED_PSI_KINDS.includes(e.kind)) await trackPsiEnvelope(this.ctx, p, r, storedAt);
    if (e.kind === 'psi-accept' && r.acceptHash === p.hashHex)
      await this.ctx.store.dialogue.markResponded(r.offerHash, p.hashHex, e.created);
    const rc = this.running.get(r.id);
    if (rc && e.author !== this.ctx.partyId) this.drive(rc, p);
    this.emit('change', r.id);
  }

  private apply(p: ParsedEnvelope): LedgerRecord | undefined {
    return this.ledger.apply(p);
  }

  /** Hands the other side's envelope to the running comparison, in arrival order, without waiting. */
  private drive(rc: RunningComparison, p: ParsedEnvelope): void {
    const e = p.envelope;
    const b = e.body;
    switch (e.kind) {
      case 'psi-accept':
        if (rc.role === 'initiator') void rc.enqueue(() => rc.onAccept(b as unknown as PsiAcceptBody));
        break;
      case 'psi-blinded':
        void rc.enqueue(() => rc.onSingleChunk(b as unknown as PsiChunkBody));
        break;
      case 'psi-reblinded':
        void rc.enqueue(() => rc.onDoubleChunk(b as unknown as PsiChunkBody));
        break;
      case 'psi-result':
        rc.onPeerEnded(b as unknown as PsiResultBody);
        break;
      default:
        break;
    }
  }

  private hold(
    offer: RunningComparison['offer'],
    role: 'initiator' | 'responder',
    list: PreparedList,
    channel: string,
    peer: string,
    chunk: number,
  ): RunningComparison {
    if (this.closed) throw new PsiError('PSI_STATE_INVALID', 'comparison service is closed');
    const port: ComparisonPort = {
      send: async (kind, body) =>
        (
          await this.dialogue.send(channel, {
            kind,
            body,
            refs: [this.ledger.get(offer.session)?.offerHash ?? ''].filter(Boolean),
          })
        ).envelope,
      awaitDelivery: (seq) => this.awaitDelivery(channel, peer, seq, offer.session),
    };
    const onError = (e: unknown): void =>
      this.ctx.logger.error({ err: e, channel, comparison: offer.session }, 'list comparison failed');
    const rc = new RunningComparison(
      offer,
      role,
      list,
      this.engineOf(),
      this.rng,
      chunk,
      port,
      () => this.emit('change', offer.session),
      onError,
    );
    this.running.set(offer.session, rc);
    return rc;
  }

  private engineOf(): PsiEngine {
    if (!this.engine) this.engine = this.ownPool = new PsiWorkerPool();
    return this.engine;
  }

  private async awaitDelivery(channel: string, peer: string, seq: number, id: string): Promise<void> {
    for (;;) {
      const d = await this.ctx.store.dialogue.getDelivery(channel, peer);
      if ((d?.ackedSeq ?? -1) >= seq - PSI_SEND_WINDOW || this.running.get(id)?.finished || this.closed)
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private awaiting(id: string): LedgerRecord {
    const r = this.ledger.get(id);
    if (!r) throw new PsiError('PSI_STATE_INVALID', `no comparison ${id}`);
    if (r.offerBody.responder !== this.ctx.partyId)
      throw new PolicyError('NOT_A_MEMBER', `comparison ${id} was not offered to this party`);
    const state = ComparisonLedger.state(r, this.ctx.partyId);
    if (state !== 'awaiting-acceptance' || this.running.has(id))
      throw new PsiError('PSI_STATE_INVALID', `comparison ${id} is ${state}`);
    if (r.offerBody.expires < this.ctx.clock.now().toISOString())
      throw new PsiError(
        'PSI_STATE_INVALID',
        `the offer of comparison ${id} expired at ${r.offerBody.expires}`,
      );
    return r;
  }

  private isParty(r: LedgerRecord): boolean {
    return r.initiator === this.ctx.partyId || r.offerBody.responder === this.ctx.partyId;
  }

  private async sendResult(r: LedgerRecord, body: PsiResultBody): Promise<void> {
    await this.dialogue.send(r.channel, { kind: 'psi-result', refs: [r.offerHash], body: asJson(body) });
  }

  private async onlyPeer(channel: string): Promise<string> {
    const others = (await this.dialogue.members(channel)).filter(
      (m) => m.party !== this.ctx.partyId && m.state === 'accepted',
    );
    if (others.length !== 1)
      throw new PsiError(
        'PSI_INPUT_INVALID',
        `channel ${channel} has ${others.length} other members: name the responder`,
      );
    return others[0]!.party;
  }

  private async expire(): Promise<void> {
    const now = this.ctx.clock.now().toISOString();
    for (const rc of this.running.values()) {
      const r = this.ledger.get(rc.offer.session);
      if (!rc.finished && r && r.offerBody.expires < now) await rc.abort('expired');
    }
  }
}
