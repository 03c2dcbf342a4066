/**
 * What the threat-level and critical-infrastructure features keep beside the logs: a projection of
 * `designation`, `designation-ack`, `designation-objection`, `notify` and `assessment` envelopes,
 * rebuilt idempotently from the logs (every write is first-write-wins by envelope hash).
 */
import type { PackedStrings } from '../core/score/index.js';

/** One version of a party's designation, as sent in a channel. */
export interface DesignationRecord {
  readonly channel: string;
  /** The designating party (the envelope's author). */
  readonly party: string;
  readonly version: number;
  readonly taxonomy: string;
  /** The canonical designation (parseDesignation's output) as JSON text. */
  readonly body: string;
  /** Leaf hash (hex) of the designation envelope. */
  readonly envelopeHash: string;
  /** The envelope's signed `created` time. */
  readonly created: string;
}

export const DESIGNATION_RESPONSES = ['ack', 'objection'] as const;
export type DesignationResponseKind = (typeof DESIGNATION_RESPONSES)[number];

/** Another member's acknowledgement of, or signed objection to, one designation version. */
export interface DesignationResponseRecord {
  readonly channel: string;
  /** The designating party. */
  readonly party: string;
  readonly version: number;
  /** The member who answered. */
  readonly responder: string;
  readonly kind: DesignationResponseKind;
  /** Objection reasons (empty for an ack). */
  readonly reasons: readonly string[];
  readonly envelopeHash: string;
  readonly created: string;
}

/** One scored incident of a `notify` envelope, with what the aggregate needs as plain columns. */
export interface IncidentScoreRecord {
  readonly envelopeHash: string;
  readonly incidentId: string;
  readonly channel: string;
  /** The notifying party. */
  readonly author: string;
  /** The party the incident concerns (whose infrastructure matched, else the notifier). */
  readonly party: string;
  /** Epoch ms the incident counts from (the envelope's signed `created`). */
  readonly at: number;
  /** NCISS score before escalation. */
  readonly original: number;
  /** Score after escalation, 0–100. */
  readonly score: number;
  readonly level: number;
  /** Victim sectors (STIX industry-sector-ov). */
  readonly sectors: readonly string[];
  /** Designation entries matched and applied (human-readable keys); non-empty = flagged. */
  readonly designated: readonly string[];
  /** The full explanation (score categories, matches, escalation) as JSON text. */
  readonly detail: string;
  readonly name: string;
}

/** A party's published threat level (`assessment` envelope). */
export interface AssessmentRecord {
  readonly envelopeHash: string;
  readonly channel: string;
  readonly party: string;
  readonly scopeKind: 'channel' | 'party' | 'sector';
  readonly scopeId: string;
  readonly level: number;
  readonly score: number | undefined;
  readonly rationale: string;
  readonly created: string;
}

/**
 * What the aggregate needs of `length` scored incidents, as columns (core/score
 * AggregateIncidentColumns), so that a scan hands them to the aggregate as they are, without a string
 * or an object per incident: incident i's id is `id.text.slice(id.start[i], id.end[i])`, and so on.
 * The id is `<channel>|<incident id>`, since an incident counts once per channel however many
 * envelopes repeat it.
 */
export interface IncidentScoreColumns {
  readonly length: number;
  readonly id: PackedStrings;
  readonly channel: PackedStrings;
  readonly party: PackedStrings;
  readonly at: readonly number[];
  readonly score: readonly number[];
  /** Equal lists may be one shared frozen array. */
  readonly sectors: readonly (readonly string[])[];
  readonly designated: readonly (readonly string[])[];
}

export interface ThreatStore {
  /** Stores a designation version; false when (channel, party, version) was already stored. */
  putDesignation(d: DesignationRecord): Promise<boolean>;
  listDesignations(filter: { channel?: string; party?: string }): Promise<DesignationRecord[]>;

  /** Stores an ack or objection; false when the same envelope was already stored. */
  putDesignationResponse(r: DesignationResponseRecord): Promise<boolean>;
  listDesignationResponses(filter: {
    channel?: string;
    party?: string;
  }): Promise<DesignationResponseRecord[]>;
  /**
   * A number that changes whenever a designation, ack or objection of the channel is stored (rows are
   * only ever added), so that a process can tell whether another one changed what it caches.
   */
  designationStamp(channel: string): Promise<number>;

  /** Stores a scored incident; false when (envelopeHash, incidentId) was already stored. */
  putIncidentScore(s: IncidentScoreRecord): Promise<boolean>;
  getIncidentScores(envelopeHash: string): Promise<IncidentScoreRecord[]>;
  /** The first stored score of an incident in a channel (the one the aggregate counts). */
  findIncidentScore(channel: string, incidentId: string): Promise<IncidentScoreRecord | undefined>;
  /**
   * Scored incidents in storage order after position `cursor` (0 = from the start), at most `limit`
   * (fewer where positions have gaps), with only what the aggregate reads, so that recomputing a million
   * of them stays cheap. The result's `cursor` is the last incident's position, or past the gap scanned
   * when there was none; `done` says nothing was stored after it when the page was read.
   */
  scanIncidentScores(
    cursor: number,
    limit: number,
  ): Promise<{ columns: IncidentScoreColumns; cursor: number; done: boolean }>;
  /** Newest first, with detail. */
  listIncidentScores(filter: {
    channel?: string;
    flagged?: boolean;
    limit: number;
  }): Promise<IncidentScoreRecord[]>;
  countIncidentScores(): Promise<number>;

  putAssessment(a: AssessmentRecord): Promise<boolean>;
  /** Newest first. */
  listAssessments(filter: { channel?: string; party?: string; limit: number }): Promise<AssessmentRecord[]>;
}
