/**
 * Projects the envelopes the threat feature cares about into the threat store. Idempotent: every
 * write is first-write-wins by envelope hash (or by channel, party and version for designations), so
 * a replay after a restart changes nothing. Returns what changed so that the service can update its
 * in-memory aggregate, index cache and alarms.
 */
import { parseDesignation, type TaxonomyRegistry } from '../../core/ci/index.js';
import type { ParsedEnvelope } from '../../core/envelope/index.js';
import type { IncidentScoreRecord, ThreatStore } from '../../store/threat.types.js';
import type { Logger } from '../ports.js';
import type { DesignationBook } from './designation-book.js';
import { scoreNotification, type ScoringSetup } from './score-notification.js';

export const THREAT_KINDS: ReadonlySet<string> = new Set([
  'notify',
  'designation',
  'designation-ack',
  'designation-objection',
  'assessment',
]);

export type Projected =
  | { readonly kind: 'none' }
  | { readonly kind: 'designations'; readonly channel: string }
  | {
      readonly kind: 'incidents';
      readonly records: readonly IncidentScoreRecord[];
      readonly fresh: readonly boolean[];
    };

const NONE: Projected = { kind: 'none' };

export interface ProjectorDeps {
  readonly store: ThreatStore;
  readonly book: DesignationBook;
  readonly setup: ScoringSetup;
  readonly registry: TaxonomyRegistry;
  readonly logger: Logger;
}

export async function projectThreat(deps: ProjectorDeps, p: ParsedEnvelope): Promise<Projected> {
  const e = p.envelope;
  const b = e.body as Record<string, unknown>;
  switch (e.kind) {
    case 'designation': {
      let d;
      try {
        // An unknown taxonomy (a party's own) is kept, checked for shape only.
        const known = typeof b.taxonomy === 'string' && deps.registry.taxonomies.has(b.taxonomy);
        d = parseDesignation(b, known ? deps.registry : undefined);
      } catch (err) {
        deps.logger.warn(
          { channel: e.channel, author: e.author, seq: e.seq, err: (err as Error).message },
          'designation ignored: invalid',
        );
        return NONE;
      }
      if (d.party !== e.author) {
        deps.logger.warn(
          { channel: e.channel, author: e.author, seq: e.seq },
          'designation ignored: a party designates only for itself',
        );
        return NONE;
      }
      await deps.store.putDesignation({
        channel: e.channel,
        party: d.party,
        version: d.version,
        taxonomy: d.taxonomy,
        body: JSON.stringify(d),
        envelopeHash: p.hashHex,
        created: e.created,
      });
      deps.book.invalidate(e.channel);
      return { kind: 'designations', channel: e.channel };
    }
    case 'designation-ack':
    case 'designation-objection': {
      if (typeof b.party !== 'string' || b.party === e.author || typeof b.version !== 'number') return NONE;
      await deps.store.putDesignationResponse({
        channel: e.channel,
        party: b.party,
        version: b.version,
        responder: e.author,
        kind: e.kind === 'designation-ack' ? 'ack' : 'objection',
        reasons: Array.isArray(b.reasons) ? b.reasons.filter((r): r is string => typeof r === 'string') : [],
        envelopeHash: p.hashHex,
        created: e.created,
      });
      deps.book.invalidate(e.channel);
      return { kind: 'designations', channel: e.channel };
    }
    case 'assessment': {
      const scope = b.scope as { kind?: unknown; id?: unknown } | undefined;
      if (
        typeof b.level !== 'number' ||
        (scope?.kind !== 'channel' && scope?.kind !== 'party' && scope?.kind !== 'sector') ||
        typeof scope.id !== 'string'
      )
        return NONE;
      await deps.store.putAssessment({
        envelopeHash: p.hashHex,
        channel: e.channel,
        party: e.author,
        scopeKind: scope.kind,
        scopeId: scope.id,
        level: b.level,
        score: typeof b.score === 'number' ? b.score : undefined,
        rationale: typeof b.rationale === 'string' ? b.rationale : '',
        created: e.created,
      });
      return NONE;
    }
    case 'notify': {
      const existing = await deps.store.getIncidentScores(p.hashHex);
      if (existing.length > 0)
        return { kind: 'incidents', records: existing, fresh: existing.map(() => false) };
      const { index } = await deps.book.of(e.channel);
      const { records, problems } = scoreNotification(deps.setup, index, e, p.hashHex);
      for (const problem of problems)
        deps.logger.warn(
          { channel: e.channel, author: e.author, seq: e.seq, problem },
          'incident not scored',
        );
      const fresh: boolean[] = [];
      for (const r of records) fresh.push(await deps.store.putIncidentScore(r));
      return { kind: 'incidents', records, fresh };
    }
    default:
      return NONE;
  }
}
