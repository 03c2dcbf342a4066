import type { Ed25519KeyPair } from '../../core/sig/index.js';
import type { ParsedEnvelope } from '../../core/envelope/index.js';
import type { ChannelPolicy } from '../../core/dialogue/index.js';
import type { Store } from '../../store/index.js';
import type { DialogueStore } from '../../store/dialogue.types.js';
import type { LogService } from '../log-service.js';
import type { Clock, Logger } from '../ports.js';
import type { Transport } from './transport.js';

/** Sends an escalation somewhere outside the node (a webhook). A port: HTTP lives at the edge. */
export interface Notifier {
  notify(event: Record<string, unknown>): Promise<void>;
}

export interface DialogueOptions {
  /** How far a peer's `created` may run ahead of this node's clock before it is refused. */
  readonly clockSkewSeconds: number;
  /** Envelopes per inbox POST. */
  readonly batchSize: number;
  /** Outbox retry: first delay, cap, and jitter fraction. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Re-escalate an unresolved overdue item this often. */
  readonly reEscalateSeconds: number;
}

export const DEFAULT_DIALOGUE_OPTIONS: DialogueOptions = {
  clockSkewSeconds: 300,
  batchSize: 500,
  retryBaseMs: 500,
  retryMaxMs: 5 * 60_000,
  reEscalateSeconds: 3600,
};

/**
 * A feature built on the dialogue (threat levels, designations, list comparison, the channel's
 * TAXII collection…) that wants to see every stored envelope: own ones after they are appended,
 * peers' ones after they are verified and stored. Called in log order per (channel, author),
 * possibly again after a restart (reconcile), so it must be idempotent.
 */
export interface DialogueExtension {
  readonly name: string;
  project(ctx: DialogueContext, envelope: ParsedEnvelope): Promise<void>;
}

/** Everything the dialogue's use cases share. Built once by the composition root. */
export interface DialogueContext {
  readonly store: Store & { readonly dialogue: DialogueStore };
  readonly logs: LogService;
  readonly partyId: string;
  readonly partyName: string;
  readonly keyPair: Ed25519KeyPair;
  /** This node's own federation endpoint, as peers should reach it. */
  readonly endpoint: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly transport: Transport;
  readonly notifier: Notifier | undefined;
  readonly options: DialogueOptions;
  /** Features that project envelopes into their own state; the composition root fills this. */
  readonly extensions: DialogueExtension[];
}

export function parsePolicy(json: string): ChannelPolicy {
  return JSON.parse(json) as ChannelPolicy;
}
