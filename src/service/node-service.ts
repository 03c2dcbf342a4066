import { createNoteVerifier, formatVerifierKey } from '../core/merkle/index.js';
import { toBase64 } from '../core/bytes/index.js';
import type { Ed25519KeyPair } from '../core/sig/index.js';
import type { CheckpointRecord, LogHead, LogKey, PartyRecord, Store, StoredEntry } from '../store/index.js';
import type { DialogueStore } from '../store/dialogue.types.js';
import { LogService, type AppendDraft } from './log-service.js';
import { noteKeyName } from './log-origin.js';
import type { Clock, Logger } from './ports.js';
import { verifyAllLogs, type VerifyProgress, type VerifyReport } from './verify-service.js';
import { checkLogProofs, type LogProofs } from './log-proofs.js';

export interface NodeIdentity {
  readonly partyId: string;
  readonly name: string;
  readonly publicKey: string;
  /** The C2SP signed-note verifier key for this party's checkpoints. */
  readonly noteVerifierKey: string;
  readonly identity: Record<string, unknown>;
}

export interface NodeServiceDeps {
  readonly store: Store;
  readonly keyPair: Ed25519KeyPair;
  readonly identity: Record<string, unknown>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly checkpointEvery: number;
}

/**
 * What one node does, as the edges (HTTP, CLI) see it. Knows no HTTP; holds the store so that
 * the edges never do.
 */
export class NodeService {
  readonly logs: LogService;
  readonly partyId: string;

  constructor(private readonly deps: NodeServiceDeps) {
    this.partyId = deps.identity.id as string;
    this.logs = new LogService({
      store: deps.store,
      partyId: this.partyId,
      keyPair: deps.keyPair,
      clock: deps.clock,
      logger: deps.logger,
      checkpointEvery: deps.checkpointEvery,
    });
  }

  /** Registers the home party in the store (idempotent) so that its logs verify. */
  async start(): Promise<void> {
    // The stored key is the founding one (it certifies the id); after a key rotation the key in
    // use differs, and the logs' key-rotation envelopes link the two (author-keys.ts reads that
    // history; every check of the author's signature starts from this record).
    const existing = await this.deps.store.getParty(this.partyId);
    const record: PartyRecord = {
      id: this.partyId,
      publicKey: existing?.publicKey ?? this.deps.keyPair.publicKey,
      name: String(this.deps.identity.name ?? ''),
      identity: JSON.stringify(this.deps.identity),
      isHome: true,
    };
    await this.deps.store.putParty(record);
  }

  /** The store, for the composition root and the dialogue's context; edges must not use it. */
  get store(): Store & { readonly dialogue: DialogueStore } {
    return this.deps.store as Store & { readonly dialogue: DialogueStore };
  }

  get engine(): string {
    return this.deps.store.engine;
  }

  identity(): NodeIdentity {
    return {
      partyId: this.partyId,
      name: String(this.deps.identity.name ?? ''),
      publicKey: toBase64(this.deps.keyPair.publicKey),
      noteVerifierKey: formatVerifierKey(
        createNoteVerifier(noteKeyName(this.partyId), this.deps.keyPair.publicKey),
      ),
      identity: this.deps.identity,
    };
  }

  async health(): Promise<{ ok: boolean; engine: string }> {
    await this.deps.store.getMeta('schema-check');
    return { ok: true, engine: this.deps.store.engine };
  }

  listLogs(): Promise<LogHead[]> {
    return this.deps.store.listLogs();
  }

  getLogHead(log: LogKey): Promise<LogHead | undefined> {
    return this.deps.store.getLogHead(log);
  }

  append(channel: string, drafts: readonly AppendDraft[]): ReturnType<LogService['append']> {
    return this.logs.append(channel, drafts);
  }

  /**
   * `parley log append`: a raw append, refused in a dialogue channel, whose log is delivered to
   * its members and so takes only what the dialogue's checks (body schema, POC template, TLP) passed.
   */
  async appendOutsideChannels(
    channel: string,
    drafts: readonly AppendDraft[],
  ): ReturnType<LogService['append']> {
    if (await this.store.dialogue.getChannel(channel))
      throw new Error(
        `${channel} is a dialogue channel: use parley notify, request, respond or ping (or the TAXII outbox to share STIX), which check the body and its TLP markings; log append is for logs outside channels`,
      );
    return this.logs.append(channel, drafts);
  }

  latestCheckpoint(log: LogKey): Promise<CheckpointRecord | undefined> {
    return this.logs.latestCheckpoint(log);
  }

  checkpointAt(log: LogKey, size: number): Promise<CheckpointRecord | undefined> {
    return this.deps.store.getCheckpoint(log, size);
  }

  listCheckpoints(log: LogKey, limit?: number): Promise<CheckpointRecord[]> {
    return this.deps.store.listCheckpoints(log, limit);
  }

  entries(log: LogKey, from: number, limit: number): Promise<StoredEntry[]> {
    return this.deps.store.getEntries(log, from, limit);
  }

  verifyAll(onProgress?: VerifyProgress): Promise<VerifyReport> {
    return verifyAllLogs(this.deps.store, onProgress);
  }

  /** Each log's latest checkpoints with their signature, inclusion and consistency checked. */
  async logProofs(): Promise<LogProofs[]> {
    const out: LogProofs[] = [];
    for (const head of await this.deps.store.listLogs())
      out.push(await checkLogProofs(this.store, this.logs, head));
    return out;
  }

  close(): Promise<void> {
    return this.deps.store.close();
  }
}

export type { CheckpointRecord, LogHead, LogKey } from '../store/index.js';
