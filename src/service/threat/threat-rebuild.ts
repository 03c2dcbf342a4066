/**
 * Start-up: the aggregate is rebuilt from the stored incident scores in one keyset scan (no
 * re-scoring), and envelopes stored before this feature existed are projected once (backfill).
 */
import { parseEnvelope, type ParsedEnvelope } from '../../core/envelope/index.js';
import type {
  AggregateIncident,
  AggregateIncidentColumns,
  ThreatLevelAggregator,
} from '../../core/score/index.js';
import type { Store } from '../../store/index.js';
import type { IncidentScoreRecord, ThreatStore } from '../../store/threat.types.js';
import type { Logger } from '../ports.js';
import { THREAT_KINDS } from './threat-projector.js';

/** Aggregate incident ids: an incident counts once per channel, whatever the envelopes repeating it. */
export const aggregateId = (channel: string, incidentId: string): string => `${channel}|${incidentId}`;

/** A freshly scored incident as the aggregate sees it (a store scan hands the same fields as columns). */
export function toAggregate(r: IncidentScoreRecord): AggregateIncident {
  return {
    id: aggregateId(r.channel, r.incidentId),
    at: r.at,
    score: r.score,
    channel: r.channel,
    party: r.party,
    sectors: r.sectors,
    designated: r.designated,
  };
}

/** Incidents per scan page: large enough that per-query overhead vanishes, small enough to stay in cache. */
const SCAN_PAGE = 20_000;
const BACKFILL_META = 'threat.backfilled';
const ENTRY_PAGE = 500;

/**
 * Adds to `agg` every stored incident after `cursor` (0 = all), in storage order, and returns the new
 * cursor: the same aggregate, to the last bit of its sums, as adding each incident as it was stored.
 * At start this rebuilds the aggregate; later it picks up incidents another process (a CLI command, a
 * second node process over PostgreSQL) stored. Re-adding one the aggregate has is a no-op.
 */
export async function catchUpAggregate(
  store: ThreatStore,
  agg: ThreatLevelAggregator,
  cursor: number,
  pageSize = SCAN_PAGE,
): Promise<number> {
  for (;;) {
    const page = await store.scanIncidentScores(cursor, pageSize);
    // The store's columns are the aggregate's (id = channel|incident id): no object per incident.
    agg.addColumns(page.columns satisfies AggregateIncidentColumns);
    cursor = page.cursor;
    if (page.done) return cursor;
  }
}

/**
 * Projects every stored envelope of a threat kind once, for a database that held envelopes before the
 * threat projection existed. Marked done in meta; a re-run would be harmless (projection is idempotent).
 */
export async function backfillThreat(
  store: Store,
  apply: (p: ParsedEnvelope) => Promise<void>,
  logger: Logger,
): Promise<number> {
  if ((await store.getMeta(BACKFILL_META)) === '1') return 0;
  let n = 0;
  for (const log of await store.listLogs()) {
    for (let from = 0; from < log.size; from += ENTRY_PAGE) {
      for (const entry of await store.getEntries(log, from, ENTRY_PAGE)) {
        if (!THREAT_KINDS.has(entry.kind)) continue;
        await apply(parseEnvelope(entry.bytes));
        n++;
      }
    }
  }
  await store.setMeta(BACKFILL_META, '1');
  if (n > 0) logger.info({ envelopes: n }, 'threat projection backfilled from stored envelopes');
  return n;
}
