import type { ParsedEnvelope } from '../../core/envelope/index.js';
import type { Store } from '../../store/index.js';
import type { Clock } from '../ports.js';

/**
 * The `receivedAt` a feature passes to dueTimesOf for an envelope it projects: undefined for the
 * home party's own envelopes (the author counts from its signed `created`), else the time this
 * node stored the envelope. The stored time, not the clock, because features project the same
 * envelope again later — a replay after a crash, a rebuild at start, a process following the logs —
 * and a due time must not move with the moment of that later pass. `storedAt` saves the lookup
 * when the caller holds the entry; the clock is the last resort for an envelope that is not
 * stored at all (a feature fed directly), since ingest stores before it projects.
 */
export async function arrivalOf(
  store: Store,
  partyId: string,
  p: ParsedEnvelope,
  clock: Clock,
  storedAt?: string,
): Promise<Date | undefined> {
  if (p.envelope.author === partyId) return undefined;
  const at = storedAt ?? (await store.getEntryByHash(p.hash))?.storedAt;
  return at === undefined ? clock.now() : new Date(at);
}
