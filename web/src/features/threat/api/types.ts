/**
 * Shapes of the scoring routes (GET /api/v1/threat/model, POST /api/v1/threat/score,
 * GET /api/v1/threat/notifications/{hash}; see /openapi.json). Kept with the feature rather than
 * in lib/api/types.ts so that pages built in parallel do not edit one file.
 */
export interface ScoreOption {
  id: string;
  name: string;
  value: number;
}

export interface ModelCategory {
  id: string;
  name: string;
  weight: number;
  options: ScoreOption[];
  /** Facts a missing answer is derived from (sectors, kill_chain_phases, …). */
  derived_from: string[];
  fallback: { option: string | null; reason: string };
}

export interface ScoreModelView {
  id: string;
  version: string;
  name: string;
  provenance: { published: boolean; notional: boolean; source: string; note: string };
  bands: { lowerBounds: number[]; published: boolean; basis: string };
  categories: ModelCategory[];
  /** STIX industry-sector-ov values (what a victim identity's `sectors` may hold). */
  victim_sectors: { id: string; name: string }[];
}

export interface CategoryScore {
  category: string;
  name: string;
  weight: number;
  options: string[];
  option: string | null;
  optionName: string | null;
  value: number | null;
  min: number;
  max: number;
  contribution: number;
  basis: 'supplied' | 'derived' | 'fallback';
  derived: boolean;
  excluded: boolean;
  /** The node's reason in English; older nodes send only this. */
  reason?: string;
  /** The same as a code (derived-from-fact, no-victim-sector, …) and its parameters, to word here. */
  reasonCode?: string;
  reasonParams?: Record<string, string>;
}

export interface IncidentScoreView {
  model: { id: string; version: string; provenance: ScoreModelView['provenance'] };
  score: number;
  level: number;
  levelName: string;
  weightedSum: number;
  minSum: number;
  maxSum: number;
  categories: CategoryScore[];
  modelMismatch?: { sender: string; receiver: string };
  senderClaim?: { score?: number; level?: number };
}

export type ScoreInputs = Record<string, string>;
export interface ScoreFacts {
  sectors?: string[];
  kill_chain_phases?: string[];
  threat_actor_types?: string[];
  attack_techniques?: string[];
}

/** A designation entry matched (docs/critical-infrastructure.md). */
export interface DesignationMatchView {
  kind: string;
  party: string;
  version: number;
  taxonomy: string;
  sector: string;
  assetId?: string;
  assetName?: string;
  entry: string;
  confidence: string;
  via?: string;
}

export interface ScoredIncident {
  envelopeHash: string;
  incidentId: string;
  channel: string;
  author: string;
  party: string;
  at: number;
  original: number;
  score: number;
  level: number;
  sectors: string[];
  designated: string[];
  name: string;
  detail?: {
    score?: IncidentScoreView;
    observables?: { observable: unknown; entries: string[] }[];
    escalation?: {
      original: number;
      score: number;
      level: number;
      escalated: boolean;
      applied: DesignationMatchView[];
      ignored: DesignationMatchView[];
      rule: string;
    };
  };
}

export type StixObject = { type: string; id: string; [k: string]: unknown };

export interface NotificationView {
  envelopeHash: string;
  channel: string;
  author: string;
  kind: string;
  created: string;
  template?: Record<string, unknown>;
  objects: StixObject[];
  incidents: ScoredIncident[];
}
