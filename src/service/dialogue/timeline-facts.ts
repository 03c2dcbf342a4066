import { parseEnvelope } from '../../core/envelope/index.js';
import type { Store } from '../../store/index.js';

/** What a timeline row needs from its envelope's body and that the stored summary leaves out. */
export interface BodyFacts {
  /** A response's status (answered, partial, declined, acknowledged). */
  status?: string;
  /** A notify whose POC template asks the receiver to acknowledge it. */
  ack_requested?: boolean;
}

/**
 * Reads the body of a `response` or `notify` row (one stored entry each, only for the rows of
 * the page being served), so that the UI can say "acknowledged" or "answered" and offer the
 * acknowledgement the sender asked for, without a second round trip per envelope.
 */
export async function bodyFacts(
  store: Store,
  row: { channel: string; author: string; seq: number; kind: string },
): Promise<BodyFacts> {
  if (row.kind !== 'response' && row.kind !== 'notify') return {};
  const [entry] = await store.getEntries({ channel: row.channel, author: row.author }, row.seq, 1);
  if (!entry) return {};
  const body = parseEnvelope(entry.bytes).envelope.body as Record<string, unknown>;
  if (row.kind === 'response') return typeof body.status === 'string' ? { status: body.status } : {};
  const template = body.template as Record<string, unknown> | undefined;
  return template?.acknowledgement_requested === true ? { ack_requested: true } : {};
}
