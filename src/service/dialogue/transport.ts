import { ParleyError } from '../../core/errors.js';
import type { PrivateKey } from '../../core/sig/index.js';

export interface RemoteIdentity {
  readonly partyId: string;
  readonly name: string;
  /** Raw Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

export const INBOX_STATUSES = ['stored', 'duplicate', 'pending', 'rejected'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export interface InboxResult {
  readonly hash: string;
  readonly status: InboxStatus;
  readonly code?: string;
  readonly message?: string;
}

export interface InboxResponse {
  readonly results: readonly InboxResult[];
  /** Receipt envelopes (canonical JSON text) that the receiver appended for this batch. */
  readonly receipts: readonly string[];
}

/**
 * The network as the dialogue sees it: a port, so that the service knows no HTTP. Every call
 * to a peer is authenticated by the implementation (RFC 9421 signatures with the node's key).
 */
export interface Transport {
  identity(endpoint: string, signal?: AbortSignal): Promise<RemoteIdentity>;
  /** `checkpoint`: the sender's signed checkpoint of its own log at the end of the batch. */
  postInbox(
    endpoint: string,
    envelopes: readonly Uint8Array[],
    signal?: AbortSignal,
    checkpoint?: string,
  ): Promise<InboxResponse>;
  fetchEntries(
    endpoint: string,
    channel: string,
    author: string,
    from: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]>;
  fetchCheckpoint(
    endpoint: string,
    channel: string,
    author: string,
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  fetchConsistency(
    endpoint: string,
    channel: string,
    author: string,
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]>;
  /** Signs later requests with this key (after a key rotation). */
  useKey?(privateKey: PrivateKey): void;
}

export const TRANSPORT_CODES = [
  'PEER_UNREACHABLE',
  'PEER_REFUSED',
  'PEER_ERROR',
  'PEER_BAD_RESPONSE',
] as const;
export type TransportCode = (typeof TRANSPORT_CODES)[number];

/**
 * A failed call to a peer. `retryable` sorts failures as the outbox needs: network errors, 408,
 * 429 and 5xx are worth retrying; other 4xx and verification failures are final.
 */
export class TransportError extends ParleyError<TransportCode> {
  constructor(
    code: TransportCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
