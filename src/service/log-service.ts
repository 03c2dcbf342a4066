import { toHex } from '../core/bytes/index.js';
import { createEnvelope, type EnvelopeKind, type ParsedEnvelope } from '../core/envelope/index.js';
import type { JsonObject } from '../core/jcs/index.js';
import {
  consistencyProofPlan,
  emptyRoot,
  inclusionProofPlan,
  proofFromNodes,
  rootFromNodes,
  rootPlan,
  signCheckpoint,
} from '../core/merkle/index.js';
import type { Ed25519KeyPair } from '../core/sig/index.js';
import {
  isStoreError,
  type CheckpointRecord,
  type LogHead,
  type LogKey,
  type Store,
  type StoredEntry,
} from '../store/index.js';
import { logOrigin, noteKeyName } from './log-origin.js';
import type { Clock, Logger } from './ports.js';

export interface AppendDraft {
  readonly kind: EnvelopeKind;
  readonly body: JsonObject;
  readonly refs?: readonly string[];
  readonly respond_by?: string;
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Uint8Array;
  readonly rootHash: Uint8Array;
  readonly proof: Uint8Array[];
}

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: Uint8Array[];
}

export interface LogServiceDeps {
  readonly store: Store;
  readonly partyId: string;
  readonly keyPair: Ed25519KeyPair;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sign a checkpoint whenever a log of ours reaches a multiple of this size. */
  readonly checkpointEvery: number;
}

interface Tip {
  readonly size: number;
  readonly lastHash: string | undefined;
}

const tipKey = (log: LogKey): string => `${log.channel} ${log.author}`;

export interface AppendResult {
  readonly entries: ParsedEnvelope[];
  readonly head: LogHead;
}

interface PendingAppend {
  readonly drafts: readonly AppendDraft[];
  readonly resolve: (r: AppendResult) => void;
  readonly reject: (e: unknown) => void;
}

/** The most envelopes one group commit writes; a larger backlog is split over several commits. */
const MAX_GROUP_ENVELOPES = 1000;

/** Retries of an append that lost a race with another process writing the same log. */
const MAX_APPEND_RETRIES = 5;

/**
 * The home party's own logs: appending signed envelopes, signing checkpoints, serving proofs.
 * Appends to one log are serialised in this process; several processes over one database are
 * kept honest by the store's SEQ_CONFLICT, on which the append is rebuilt at the new head.
 */
export class LogService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly tips = new Map<string, Tip>();
  /** Appends waiting for the commit under way on their log, in arrival order. */
  private readonly waiting = new Map<string, PendingAppend[]>();

  private keyPair: Ed25519KeyPair;

  constructor(private readonly deps: LogServiceDeps) {
    this.keyPair = deps.keyPair;
  }

  /** After a signed key-rotation: every later envelope and checkpoint is signed with `next`. */
  useKeyPair(next: Ed25519KeyPair): void {
    this.keyPair = next;
  }

  /**
   * Signs and appends envelopes to the home party's log in `channel`, atomically, in order.
   *
   * Group commit: appends to one log that arrive while a commit is under way wait for it and are
   * then written together, in arrival order, in one transaction. A commit costs far more than
   * signing an envelope (BENCHMARKS.md), so concurrent callers (API requests, the inbox's
   * receipts, scheduled pings) share it instead of queueing one commit each. Each call still
   * resolves only after its envelopes are durable, with its own entries and the head after the
   * group; a draft that cannot be built fails its own call only; a store failure fails the group.
   */
  append(channel: string, drafts: readonly AppendDraft[]): Promise<AppendResult> {
    const log: LogKey = { channel, author: this.deps.partyId };
    const key = tipKey(log);
    return new Promise<AppendResult>((resolve, reject) => {
      const waiting = this.waiting.get(key);
      if (waiting) {
        waiting.push({ drafts, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ drafts, resolve, reject }]);
      void this.serialise(log, () => this.commitGroup(log));
    });
  }

  /** Takes the appends waiting on `log` (up to MAX_GROUP_ENVELOPES) and commits them together. */
  private async commitGroup(log: LogKey): Promise<void> {
    const key = tipKey(log);
    const all = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    let count = 0;
    const over = all.findIndex((r) => (count += r.drafts.length) > MAX_GROUP_ENVELOPES);
    // A single call larger than the cap is still one transaction: its atomicity is its contract.
    const take = over < 0 ? all.length : Math.max(over, 1);
    let group = all.slice(0, take);
    if (take < all.length) {
      // The rest forms the next group, committed right after this one.
      this.waiting.set(key, all.slice(take));
      void this.serialise(log, () => this.commitGroup(log));
    }
    for (let attempt = 0; ; attempt++) {
      const tip = await this.tip(log).catch((e: unknown) => {
        for (const r of group) r.reject(e);
        return undefined;
      });
      if (!tip) return;
      const size = tip.size;
      const created = this.deps.clock.now().toISOString();
      const { built, lastHash } = this.buildGroup(log, group, tip, created);
      group = built.map((b) => b.request);
      if (built.length === 0) return;
      const entries = built.flatMap((b) => b.entries);
      try {
        const newHead = await this.deps.store.appendEntries(
          log,
          entries.map((e) => ({
            seq: e.envelope.seq,
            hash: e.hash,
            kind: e.envelope.kind,
            created,
            bytes: e.bytes,
          })),
          created,
        );
        this.tips.set(key, { size: newHead.size, lastHash });
        // The envelopes are durable whatever happens to the checkpoint, so callers hear of it now.
        for (const b of built) b.request.resolve({ entries: b.entries, head: newHead });
        await this.maybeCheckpoint(log, size, newHead).catch((e: unknown) => {
          this.deps.logger.error(
            { err: e, channel: log.channel },
            'checkpoint after append failed; the next one will cover it',
          );
        });
        return;
      } catch (e) {
        // Another process appended first: forget the cached tip and rebuild on the new head.
        this.tips.delete(key);
        if (isStoreError(e) && e.code === 'SEQ_CONFLICT' && attempt < MAX_APPEND_RETRIES) continue;
        for (const r of group) r.reject(e);
        return;
      }
    }
  }

  /**
   * Signs each waiting call's drafts in arrival order, chained from `tip`. A call whose drafts
   * cannot be built is rejected on its own and takes no seq.
   */
  private buildGroup(
    log: LogKey,
    group: readonly PendingAppend[],
    tip: Tip,
    created: string,
  ): { built: { request: PendingAppend; entries: ParsedEnvelope[] }[]; lastHash: string | undefined } {
    const built: { request: PendingAppend; entries: ParsedEnvelope[] }[] = [];
    let seq = tip.size;
    let prev = tip.lastHash;
    for (const request of group) {
      let chain = prev;
      try {
        const entries = request.drafts.map((d, i) => {
          const e = createEnvelope(
            {
              channel: log.channel,
              author: log.author,
              seq: seq + i,
              ...(chain ? { prev: chain } : {}),
              created,
              ...d,
            },
            this.keyPair.privateKey,
          );
          chain = e.hashHex;
          return e;
        });
        built.push({ request, entries });
        seq += entries.length;
        prev = chain;
      } catch (e) {
        request.reject(e);
      }
    }
    return { built, lastHash: prev };
  }

  /** Size and last leaf hash of a log, cached between appends of this process. */
  private async tip(log: LogKey): Promise<Tip> {
    const cached = this.tips.get(tipKey(log));
    if (cached) return cached;
    const head = await this.deps.store.getLogHead(log);
    const size = head?.size ?? 0;
    if (size === 0) return { size, lastHash: undefined };
    const [last] = await this.deps.store.getEntries(log, size - 1, 1);
    if (!last) throw new Error(`log ${log.channel}/${log.author} has size ${size} but no entry ${size - 1}`);
    return { size, lastHash: toHex(last.hash) };
  }

  private async maybeCheckpoint(log: LogKey, oldSize: number, head: LogHead): Promise<void> {
    const every = this.deps.checkpointEvery;
    if (Math.floor(head.size / every) > Math.floor(oldSize / every)) await this.signCheckpoint(head);
  }

  /** Signs and stores a checkpoint of one of the home party's logs at its current head. */
  async signCheckpoint(head: LogHead): Promise<CheckpointRecord> {
    const note = signCheckpoint(
      { origin: logOrigin(head), size: head.size, rootHash: head.rootHash, extensions: [] },
      {
        name: noteKeyName(this.deps.partyId),
        privateKey: this.keyPair.privateKey,
        publicKey: this.keyPair.publicKey,
      },
    );
    const record: CheckpointRecord = {
      channel: head.channel,
      author: head.author,
      size: head.size,
      rootHash: head.rootHash,
      note,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.store.putCheckpoint(record);
    // Delivery signs one per pushed batch, so this is debug; `log verify` and /v1/logs show them.
    this.deps.logger.debug(
      { channel: head.channel, author: head.author, size: head.size },
      'checkpoint signed',
    );
    return record;
  }

  /**
   * The latest checkpoint of a log. For the home party's own logs a checkpoint of the current
   * head is signed on demand, so a reader never sees a stale tree.
   */
  async latestCheckpoint(log: LogKey): Promise<CheckpointRecord | undefined> {
    const stored = await this.deps.store.getCheckpoint(log);
    if (log.author !== this.deps.partyId) return stored;
    const head = await this.deps.store.getLogHead(log);
    if (!head) return stored;
    if (stored && stored.size === head.size) return stored;
    return this.signCheckpoint(head);
  }

  /**
   * A signed checkpoint of one of the home party's logs at exactly `size` (the end of a delivery
   * batch), so that the receiver can check it against the copy it holds after that batch. Kept,
   * so that every recipient of the same batch gets the same note and it is signed once.
   */
  async checkpointAt(log: LogKey, size: number): Promise<CheckpointRecord> {
    if (log.author !== this.deps.partyId)
      throw new RangeError('only the home party signs checkpoints of its logs');
    const stored = await this.deps.store.getCheckpoint(log, size);
    if (stored) return stored;
    await this.requireSize(log, size);
    return this.signCheckpoint({ ...log, size, rootHash: await this.rootAt(log, size) });
  }

  /** RFC 9162 §2.1.3 inclusion proof of entry `index` in the tree of `size`, from stored nodes. */
  async inclusionProof(log: LogKey, index: number, size: number): Promise<InclusionProof> {
    await this.requireSize(log, size);
    if (!(index < size)) throw new RangeError(`index ${index} is not below tree size ${size}`);
    const plan = inclusionProofPlan(index, size);
    const [hashes, [entry], rootHash] = await Promise.all([
      this.deps.store.getNodeHashes(log, plan.nodes),
      this.deps.store.getEntries(log, index, 1),
      this.rootAt(log, size),
    ]);
    if (!entry) throw new RangeError(`entry ${index} is missing`);
    return { index, size, leafHash: entry.hash, rootHash, proof: proofFromNodes(plan, hashes) };
  }

  /** RFC 9162 §2.1.4 consistency proof between tree sizes size1 <= size2, from stored nodes. */
  async consistencyProof(log: LogKey, size1: number, size2: number): Promise<ConsistencyProof> {
    await this.requireSize(log, size2);
    if (!(size1 <= size2)) throw new RangeError(`size1 ${size1} is larger than size2 ${size2}`);
    const plan = consistencyProofPlan(size1, size2);
    const [hashes, root1, root2] = await Promise.all([
      this.deps.store.getNodeHashes(log, plan.nodes),
      this.rootAt(log, size1),
      this.rootAt(log, size2),
    ]);
    return { size1, size2, root1, root2, proof: proofFromNodes(plan, hashes) };
  }

  /** The root hash of the first `size` entries, from O(log n) stored nodes. */
  async rootAt(log: LogKey, size: number): Promise<Uint8Array> {
    if (size === 0) return emptyRoot();
    const plan = rootPlan(size);
    return rootFromNodes(plan, await this.deps.store.getNodeHashes(log, plan.nodes));
  }

  private async requireSize(log: LogKey, size: number): Promise<void> {
    const head = await this.deps.store.getLogHead(log);
    if (!Number.isSafeInteger(size) || size < 0)
      throw new RangeError(`tree size must be a safe integer >= 0, got ${size}`);
    if (size > (head?.size ?? 0))
      throw new RangeError(`tree size ${size} is beyond the log's size ${head?.size ?? 0}`);
  }

  async entries(log: LogKey, from: number, limit: number): Promise<StoredEntry[]> {
    return this.deps.store.getEntries(log, from, limit);
  }

  private serialise<T>(log: LogKey, fn: () => Promise<T>): Promise<T> {
    const key = tipKey(log);
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }
}
