import { randomUUID } from 'node:crypto';
import { fromBase64 } from '../../core/bytes/index.js';
import {
  computeContentDigest,
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_COMPONENTS,
  FEDERATION_TAG,
  requestFromUrl,
  signRequest,
} from '../../core/httpsig/index.js';
import type { PrivateKey } from '../../core/sig/index.js';
import type { Logger } from '../../service/ports.js';
import {
  TransportError,
  type InboxResponse,
  type RemoteIdentity,
  type Transport,
} from '../../service/dialogue/transport.js';

export interface FederationClientOptions {
  readonly partyId: string;
  readonly privateKey: PrivateKey;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

const JSON_TYPE = 'application/json';

/**
 * All outbound federation HTTP in one place (CONVENTIONS.md §5): every request is signed with
 * RFC 9421 by the home party's key; failures become TransportError, sorted into retryable
 * (network, 408, 429, 5xx) and final (other 4xx, unreadable answers).
 */
export class FederationClient implements Transport {
  private privateKey: PrivateKey;

  constructor(private readonly opts: FederationClientOptions) {
    this.privateKey = opts.privateKey;
  }

  useKey(privateKey: PrivateKey): void {
    this.privateKey = privateKey;
  }

  private async call(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const bytes = body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body));
    const headers: Record<string, string> = { accept: JSON_TYPE };
    if (bytes) {
      headers['content-type'] = JSON_TYPE;
      headers['content-digest'] = computeContentDigest(bytes);
    }
    const sig = signRequest(requestFromUrl(method, url, headers), {
      keyId: this.opts.partyId,
      privateKey: this.privateKey,
      created: (this.opts.now ?? (() => new Date()))(),
      nonce: randomUUID(),
      tag: FEDERATION_TAG,
      components: bytes ? [...FEDERATION_BODY_COMPONENTS] : [...FEDERATION_COMPONENTS],
    });
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 15_000);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { ...headers, 'signature-input': sig['signature-input'], signature: sig.signature },
        ...(bytes ? { body: bytes } : {}),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      throw new TransportError(
        'PEER_UNREACHABLE',
        `${method} ${url}: ${(e as Error).message}`,
        true,
        undefined,
        { cause: e },
      );
    }
    const text = await res.text();
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        const p = JSON.parse(text) as { detail?: string; code?: string };
        detail = `${p.code ?? ''} ${p.detail ?? ''}`.trim() || detail;
      } catch {
        /* not problem details: keep the text */
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new TransportError(
        retryable ? 'PEER_ERROR' : 'PEER_REFUSED',
        `${method} ${url}: ${res.status} ${detail}`,
        retryable,
        res.status,
      );
    }
    try {
      return text ? JSON.parse(text) : undefined;
    } catch (e) {
      throw new TransportError(
        'PEER_BAD_RESPONSE',
        `${method} ${url}: answer is not JSON`,
        false,
        res.status,
        { cause: e },
      );
    }
  }

  private base(endpoint: string): string {
    return endpoint.replace(/\/+$/, '');
  }

  async identity(endpoint: string, signal?: AbortSignal): Promise<RemoteIdentity> {
    const r = (await this.call('GET', `${this.base(endpoint)}/v1/identity`, undefined, signal)) as {
      party_id?: string;
      name?: string;
      public_key?: string;
    };
    const key = typeof r?.public_key === 'string' ? fromBase64(r.public_key) : undefined;
    if (typeof r?.party_id !== 'string' || !key || key.length !== 32)
      throw new TransportError('PEER_BAD_RESPONSE', `${endpoint} answered no usable identity`, false);
    return { partyId: r.party_id, name: String(r.name ?? ''), publicKey: key };
  }

  async postInbox(
    endpoint: string,
    envelopes: readonly Uint8Array[],
    signal?: AbortSignal,
    checkpoint?: string,
  ): Promise<InboxResponse> {
    const decoder = new TextDecoder();
    const body = {
      envelopes: envelopes.map((e) => decoder.decode(e)),
      ...(checkpoint ? { checkpoint } : {}),
    };
    const r = (await this.call(
      'POST',
      `${this.base(endpoint)}/federation/v1/inbox`,
      body,
      signal,
    )) as InboxResponse;
    if (!r || !Array.isArray(r.results) || !Array.isArray(r.receipts))
      throw new TransportError('PEER_BAD_RESPONSE', `${endpoint}: inbox answer lacks results`, false);
    return r;
  }

  async fetchEntries(
    endpoint: string,
    channel: string,
    author: string,
    from: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]> {
    const r = (await this.call(
      'GET',
      `${this.base(endpoint)}/federation/v1/logs/${channel}/${author}/entries?from=${from}&limit=${limit}`,
      undefined,
      signal,
    )) as {
      entries?: { envelope: string }[];
    };
    const enc = new TextEncoder();
    return (r?.entries ?? []).map((e) => enc.encode(e.envelope));
  }

  async fetchCheckpoint(
    endpoint: string,
    channel: string,
    author: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    try {
      const r = (await this.call(
        'GET',
        `${this.base(endpoint)}/federation/v1/logs/${channel}/${author}/checkpoint`,
        undefined,
        signal,
      )) as { note?: string };
      return r?.note;
    } catch (e) {
      if (e instanceof TransportError && e.status === 404) return undefined;
      throw e;
    }
  }

  async fetchConsistency(
    endpoint: string,
    channel: string,
    author: string,
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]> {
    const r = (await this.call(
      'GET',
      `${this.base(endpoint)}/federation/v1/logs/${channel}/${author}/proof/consistency?from=${from}&to=${to}`,
      undefined,
      signal,
    )) as { proof?: string[] };
    return (r?.proof ?? []).map((p) => {
      const b = fromBase64(p);
      if (!b) throw new TransportError('PEER_BAD_RESPONSE', 'consistency proof holds bad base64', false);
      return b;
    });
  }
}
