import { PsiError } from '../../core/errors.js';
import type { EnvelopeKind } from '../../core/envelope/index.js';
import {
  psiLearns,
  PsiParty,
  type PsiBlindedSet,
  type PsiEngine,
  type PsiOffer,
  type PsiOutcome,
  type PsiRole,
  type Rng,
} from '../../core/psi/index.js';
import type { ListMatch, PreparedList } from './list-input.js';
import {
  asJson,
  ChunkAssembler,
  toChunks,
  type PsiAcceptBody,
  type PsiChunkBody,
  type PsiResultBody,
} from './wire.js';
import type { JsonObject } from '../../core/jcs/index.js';

/** How a running comparison speaks: append a psi-* envelope, and wait until the peer stored it. */
export interface ComparisonPort {
  send(kind: EnvelopeKind, body: JsonObject): Promise<{ seq: number }>;
  /** Resolves once the peer confirmed storing the home party's log up to `seq - window`. */
  awaitDelivery(seq: number): Promise<void>;
}

const other = (r: PsiRole): PsiRole => (r === 'initiator' ? 'responder' : 'initiator');

/**
 * One comparison this process takes part in, with its secret (inside PsiParty) and the user's
 * list: only ever in memory. Steps run one at a time, in the order the envelopes arrived; the
 * service feeds it the other side's psi-* bodies.
 */
export class RunningComparison {
  /** Dropped at the end, with the list: only the result is kept. */
  private party: PsiParty | undefined;
  private list: PreparedList | undefined;
  /** Distinct entries this side compares. */
  readonly size: number;
  readonly learns: boolean;
  private readonly otherLearns: boolean;
  private readonly theirSingle: ChunkAssembler;
  private readonly myDouble: ChunkAssembler;
  private queue: Promise<void> = Promise.resolve();
  private sentSingle = false;
  private sentDouble = false;
  private outcome: PsiOutcome | undefined;
  private matches: ListMatch[] | undefined;
  sentChunks = 0;
  receivedChunks = 0;
  responderSize: number | undefined;
  finished: 'complete' | 'aborted' | 'failed' | undefined;
  reason: string | undefined;

  constructor(
    readonly offer: PsiOffer,
    readonly role: PsiRole,
    list: PreparedList,
    engine: PsiEngine,
    rng: Rng,
    private readonly chunkSize: number,
    private readonly port: ComparisonPort,
    private readonly onChange: () => void,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.party = new PsiParty({ offer, role, items: list.items, engine, rng });
    this.list = list;
    this.size = this.party.size;
    this.learns = psiLearns(role, offer.mode);
    this.otherLearns = psiLearns(other(role), offer.mode);
    if (role === 'responder') this.responderSize = this.size;
    // The initiator's set is bounded by the offer; the responder's by max_size until it states its size.
    this.theirSingle = new ChunkAssembler(role === 'responder' ? offer.initiator_size : offer.max_size);
    this.myDouble = new ChunkAssembler(this.size);
  }

  /** Runs `step` after the steps queued before it; a failure ends the comparison. */
  enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.finished) return;
      try {
        await step();
      } catch (e) {
        await this.fail(e);
      }
    });
    return this.queue;
  }

  /** Chunks this side's run takes in all: own single and double sets and the other side's. */
  totalChunks(): number | undefined {
    if (this.responderSize === undefined) return undefined;
    const mine = this.size;
    const theirs = this.role === 'initiator' ? this.responderSize : this.offer.initiator_size;
    const n = (count: number): number => Math.max(1, Math.ceil(count / this.chunkSize));
    const peerChunk = (count: number): number => this.theirSingle.expected ?? n(count);
    let total = n(mine) + peerChunk(theirs);
    if (this.otherLearns) total += n(theirs);
    if (this.learns) total += this.myDouble.expected ?? n(mine);
    return total;
  }

  /** Blinds this side's list and sends it: the initiator after the acceptance, the responder at once. */
  async sendOwnSet(): Promise<void> {
    const set = await this.live().blindOwn();
    await this.sendChunks('psi-blinded', set);
    this.sentSingle = true;
    await this.maybeFinish();
  }

  /** The responder's answer reached the initiator. */
  onAccept(b: PsiAcceptBody): Promise<void> {
    if (b.decision === 'refuse') {
      this.end('aborted', b.reason ?? 'refused');
      return Promise.resolve();
    }
    if (b.responder_size === undefined || b.responder_size > this.offer.max_size) {
      return this.fail(
        new PsiError(
          'PSI_SIZE_MISMATCH',
          `responder size ${String(b.responder_size)} exceeds the offer's ${this.offer.max_size}`,
        ),
      );
    }
    this.responderSize = b.responder_size;
    this.onChange();
    return this.sendOwnSet();
  }

  async onSingleChunk(b: PsiChunkBody): Promise<void> {
    this.theirSingle.add(b);
    this.receivedChunks++;
    this.onChange();
    if (!this.theirSingle.done) return;
    const { count, elements } = this.theirSingle.take();
    if (this.role === 'initiator' && count !== this.responderSize) {
      throw new PsiError(
        'PSI_SIZE_MISMATCH',
        `responder stated ${String(this.responderSize)} entries and sent ${count}`,
      );
    }
    const msg: PsiBlindedSet = {
      type: 'psi-blinded',
      session: this.offer.session,
      from: other(this.role),
      stage: 'single',
      count,
      elements,
    };
    const reply = await this.live().receiveSingle(msg);
    if (reply) await this.sendChunks('psi-reblinded', reply);
    this.sentDouble = true;
    await this.maybeFinish();
  }

  async onDoubleChunk(b: PsiChunkBody): Promise<void> {
    if (!this.learns) throw new PsiError('PSI_STATE_INVALID', 'this side learns nothing in this mode');
    this.myDouble.add(b);
    this.receivedChunks++;
    this.onChange();
    if (!this.myDouble.done) return;
    const { count, elements } = this.myDouble.take();
    // Wait for our own re-blinding of their set: receiveDouble compares against it.
    if (!this.sentDouble)
      throw new PsiError('PSI_STATE_INVALID', 'their re-blinded set came before their blinded set');
    this.outcome = this.live().receiveDouble({
      type: 'psi-blinded',
      session: this.offer.session,
      from: other(this.role),
      stage: 'double',
      count,
      elements,
    });
    if (this.outcome.matches) this.matches = this.list?.matchesOf(this.outcome.matches);
    await this.maybeFinish();
  }

  /** The other side ended the comparison. */
  onPeerEnded(b: PsiResultBody): void {
    if (b.status !== 'complete' && !this.finished)
      this.end('aborted', `the other side ended it (${b.status}${b.reason ? `: ${b.reason}` : ''})`);
  }

  /** Ends the comparison from this side and says so on the record. Idempotent. */
  async abort(reason: string, status: 'aborted' | 'failed' = 'aborted'): Promise<void> {
    if (this.finished) return;
    this.end(status, reason);
    await this.port.send(
      'psi-result',
      asJson({ comparison: this.offer.session, status, reason } satisfies PsiResultBody),
    );
  }

  get overlap(): number | undefined {
    return this.outcome?.overlap;
  }

  get result(): { matches: ListMatch[] | undefined; overlap: number | undefined } {
    return { matches: this.matches, overlap: this.outcome?.overlap };
  }

  /** Erases the secret and lets go of the list. Idempotent. */
  discard(): void {
    this.party?.dispose();
    this.party = undefined;
    this.list = undefined;
  }

  private live(): PsiParty {
    if (!this.party) throw new PsiError('PSI_STATE_INVALID', 'the comparison has ended');
    return this.party;
  }

  private async maybeFinish(): Promise<void> {
    if (this.finished || !this.sentSingle) return;
    if (this.learns && !this.outcome) return;
    if (this.otherLearns && !this.sentDouble) return;
    this.end('complete', undefined);
    // The overlap's size goes on the record only where the other side learns it anyway.
    const overlap = this.learns && this.otherLearns ? { overlap: this.outcome!.overlap } : {};
    await this.port.send(
      'psi-result',
      asJson({ comparison: this.offer.session, status: 'complete', ...overlap } satisfies PsiResultBody),
    );
  }

  private async sendChunks(kind: 'psi-blinded' | 'psi-reblinded', set: PsiBlindedSet): Promise<void> {
    for (const body of toChunks(this.offer.session, this.role, set.elements, this.chunkSize)) {
      if (this.finished) return;
      const { seq } = await this.port.send(kind, asJson(body));
      this.sentChunks++;
      this.onChange();
      await this.port.awaitDelivery(seq);
    }
  }

  /**
   * Ends the comparison as failed. The reason goes to the other side: a PsiError's message (sizes,
   * indices, never entries) is safe to send; anything else is only logged here.
   */
  private async fail(e: unknown): Promise<void> {
    const reason = e instanceof PsiError ? `${e.code}: ${e.message}` : 'internal error';
    if (!(e instanceof PsiError)) this.onError(e);
    await this.abort(reason, 'failed').catch(() => undefined);
  }

  private end(status: 'complete' | 'aborted' | 'failed', reason: string | undefined): void {
    this.finished = status;
    this.reason = reason;
    this.discard();
    this.onChange();
  }
}
