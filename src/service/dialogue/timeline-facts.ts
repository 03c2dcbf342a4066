import { fromHex, toHex } from '../../core/bytes/index.js';
import { parseEnvelope } from '../../core/envelope/index.js';
import type { Store } from '../../store/index.js';

/** What a timeline row needs from its envelope's body and that the stored summary leaves out. */
export interface BodyFacts {
  /** A response's status (answered, partial, declined, acknowledged). */
  status?: string;
  /** A notify whose POC template asks the receiver to acknowledge it. */
  ack_requested?: boolean;
}

/** Kinds whose body says something the timeline shows. */
const KINDS_WITH_FACTS = new Set(['response', 'notify']);

/**
 * The body facts of a page of timeline rows, by row hash: the `response` and `notify` rows'
 * envelopes are read in one store query (Store.getEntriesByHashes), so that the UI can say
 * "acknowledged" or "answered" and offer the acknowledgement the sender asked for, without a
 * query per row or a second round trip per envelope. Rows without facts are absent.
 */
export async function timelineFacts(
  store: Store,
  rows: readonly { hash: string; kind: string }[],
): Promise<Map<string, BodyFacts>> {
  const hashes: Uint8Array[] = [];
  for (const r of rows) {
    const h = KINDS_WITH_FACTS.has(r.kind) ? fromHex(r.hash) : undefined;
    if (h) hashes.push(h);
  }
  const facts = new Map<string, BodyFacts>();
  if (hashes.length === 0) return facts;
  for (const entry of await store.getEntriesByHashes(hashes)) {
    const f = factsOf(entry.kind, entry.bytes);
    if (f.status !== undefined || f.ack_requested) facts.set(toHex(entry.hash), f);
  }
  return facts;
}

function factsOf(kind: string, bytes: Uint8Array): BodyFacts {
  const body = parseEnvelope(bytes, { maxBytes: Number.MAX_SAFE_INTEGER }).envelope.body as Record<
    string,
    unknown
  >;
  if (kind === 'response') return typeof body.status === 'string' ? { status: body.status } : {};
  const template = body.template as Record<string, unknown> | undefined;
  return template?.acknowledgement_requested === true ? { ack_requested: true } : {};
}
