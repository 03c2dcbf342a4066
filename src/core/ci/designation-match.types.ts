/** What a match against designated infrastructure reports: enough to name the entry in an alarm. */
import type { MappingConfidence } from './confidence.js';

export const MATCH_KINDS = ['ipv4', 'ipv6', 'domain', 'asn', 'sector'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface DesignationMatch {
  readonly kind: MatchKind;
  readonly party: string;
  readonly version: number;
  readonly taxonomy: string;
  /** The sector of the asset, or the designated sector itself for a sector match. */
  readonly sector: string;
  /** Absent for a whole-sector match. */
  readonly assetId?: string;
  readonly assetName?: string;
  /** The designated entry that matched: a canonical CIDR, a domain, "AS64500", or a sector id. */
  readonly entry: string;
  /** "exact" for observables; the crosswalk's confidence for sector matches. */
  readonly confidence: MappingConfidence;
  /** For a sector match: the incident's sector that led here (in its own taxonomy). */
  readonly via?: string;
}
