/** Types of the overall threat level aggregate (see aggregator.ts and docs/threat-level.md). */
import type { LevelBands, ThreatLevel, ThreatLevelNumber } from './levels.js';
import type { PackedStrings } from './packed-strings.js';

export const SCOPE_KINDS = ['channel', 'party', 'sector'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface ThreatScope {
  readonly kind: ScopeKind;
  readonly id: string;
}

/** One scored incident as the aggregate sees it. Times are epoch milliseconds. */
export interface AggregateIncident {
  readonly id: string;
  /** When the incident counts from (the notification's `created`, or the incident's first sighting). */
  readonly at: number;
  /** 0–100, after any designated-infrastructure escalation. */
  readonly score: number;
  readonly channel?: string;
  /** The party the incident concerns (the victim's), not necessarily the sender. */
  readonly party?: string;
  /** Sector ids in one taxonomy chosen by the node (STIX industry-sector-ov is the natural pivot). */
  readonly sectors?: readonly string[];
  /** Designation entries the incident matched; non-empty means it affects designated infrastructure. */
  readonly designated?: readonly string[];
}

/**
 * `length` incidents as columns: incident i has the id `id.text.slice(id.start[i], id.end[i])`, the
 * time `at[i]`, and so on; every incident has a channel and a party. What a store scan hands to
 * `ThreatLevelAggregator.addColumns`, without a string or an object per incident. Channel and id may
 * be slices of one text (`<channel>|<incident id>`).
 */
export interface AggregateIncidentColumns {
  readonly length: number;
  readonly id: PackedStrings;
  readonly channel: PackedStrings;
  readonly party: PackedStrings;
  readonly at: ArrayLike<number>;
  readonly score: ArrayLike<number>;
  readonly sectors: readonly (readonly string[] | undefined)[];
  readonly designated: readonly (readonly string[] | undefined)[];
}

export interface CorrelationConfig {
  /** Largest share of the headroom (100 − peak) that correlation can add; in [0, 1]. */
  readonly maxShare: number;
  /** Decayed score mass at which the boost reaches 1 − 1/e of maxShare; > 0. */
  readonly scale: number;
  /** Extra weight of an incident on designated infrastructure in the correlated mass; ≥ 0. */
  readonly designatedWeight: number;
}

export interface AggregateConfig {
  /** Time for an incident's contribution to halve; > 0 ms. */
  readonly halfLifeMs: number;
  readonly correlation: CorrelationConfig;
  readonly bands: LevelBands;
}

export interface LevelReading {
  readonly scope: ThreatScope;
  readonly at: number;
  readonly score: number;
  readonly level: ThreatLevelNumber;
  readonly levelName: ThreatLevel;
  /** The sector cell that sets the level ('' = incidents without a sector); null when empty. */
  readonly sector: string | null;
  readonly peak: number;
  readonly boost: number;
}

export interface IncidentContribution {
  readonly id: string;
  readonly at: number;
  readonly ageMs: number;
  readonly score: number;
  /** 2^(−age/halfLife). */
  readonly decay: number;
  readonly decayedScore: number;
  readonly weight: number;
  readonly designated: readonly string[];
  readonly role: 'peak' | 'correlation';
  /** Points of the scope score this incident accounts for; they sum to the score. */
  readonly contribution: number;
}

export interface SectorReading {
  readonly sector: string;
  readonly score: number;
  readonly peak: number;
  readonly boost: number;
  readonly excess: number;
  readonly incidents: number;
}

export interface LevelExplanation extends LevelReading {
  readonly halfLifeMs: number;
  readonly correlation: CorrelationConfig & { readonly rule: string };
  readonly bands: LevelBands;
  readonly sectors: readonly SectorReading[];
  /** Incidents of the driving sector, largest contribution first. */
  readonly incidents: readonly IncidentContribution[];
  /** How many incidents of the driving sector were left out of `incidents` by the limit. */
  readonly omitted: number;
}

export interface HistoryPoint {
  /** End of the bucket; the level is read at this instant. */
  readonly t: number;
  readonly score: number;
  readonly level: ThreatLevelNumber;
  /** Incidents that arrived in this bucket. */
  readonly added: number;
}
