/**
 * The JSON shapes of the node's API as the UI uses them, snake_case as on the wire. The first
 * group exists today (/openapi.json describes it); the second is what the dialogue and
 * threat-level routes are expected to return (docs/ui.md lists them for their authors). A page
 * whose route is not there yet shows "not available yet" rather than invented data.
 */
export type UserRole = 'viewer' | 'analyst' | 'admin';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  created_at: string;
  disabled: boolean;
}

export interface Session {
  user: User;
  csrf_token: string;
  expires_at: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail?: string;
}

export interface Identity {
  party_id: string;
  name: string;
  public_key: string;
  note_verifier_key: string;
  identity: Record<string, unknown>;
}

export interface LogHead {
  channel: string;
  author: string;
  size: number;
  root_hash: string;
}

export interface Checkpoint {
  size: number;
  root_hash: string;
  note: string;
  created_at: string;
}

/** GET /v1/logs/{channel}/{author}/entries: envelopes as canonical JSON text. */
export interface EntriesPage {
  entries: { seq: number; hash?: string; envelope?: string; stored_at?: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

// ---- expected from the dialogue and threat-level work (docs/ui.md) ----

export type VerificationWord = 'verified' | 'failed' | 'pending';

export interface ChannelSummary {
  id: string;
  name: string;
  state: 'invited' | 'active' | 'left';
  created_at: string;
  members: { party: string; name: string; state: 'invited' | 'accepted' | 'left' }[];
  open_items: number;
  overdue_items: number;
}

export interface TimelineEnvelope {
  hash: string;
  seq: number;
  author: string;
  author_name: string;
  kind: string;
  created: string;
  summary: string;
  respond_by?: string;
  /** The envelope this one refers to (the request or notify a response answers). */
  ref?: string;
  /** A response's status: answered, partial, declined, acknowledged. */
  status?: string;
  /** A notify whose sender asked for an acknowledgement. */
  ack_requested?: boolean;
  /** When a response referring to this envelope was first seen. */
  responded_at?: string;
  verification: {
    signature: VerificationWord;
    inclusion: VerificationWord;
    receipt: 'received' | 'pending' | 'overdue' | 'not-required';
    receipt_at?: string;
  };
}

export interface OpenItem {
  hash: string;
  channel: string;
  channel_name: string;
  author: string;
  kind: string;
  created: string;
  summary: string;
  receipt_due: string;
  respond_by?: string;
  overdue_at?: string;
}

export interface Alarm {
  id: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  channel?: string;
  subject: string;
  message: string;
  raised_at: string;
  resolved_at?: string;
}

/** GET /api/v1/threat/levels → { levels: ThreatLevelView[], model, halfLifeMs } (docs/threat-level.md). */
export interface ThreatLevelView {
  scope: { kind: 'channel' | 'party' | 'sector'; id: string };
  /** epoch ms */
  at: number;
  score: number;
  level: number;
  levelName: string;
  /** the sector cell that sets the level */
  sector: string | null;
  peak: number;
  /** added by correlation */
  boost: number;
  name?: string;
  published: {
    party: string;
    channel: string;
    level: number;
    score?: number;
    rationale: string;
    created: string;
    envelopeHash: string;
  }[];
}

export interface ThreatLevels {
  levels: ThreatLevelView[];
  model: { id?: string; version?: string | number; provenance?: unknown };
  halfLifeMs: number;
}

/** GET /api/v1/threat/levels/{kind}/{id}/history → { points } */
export interface ThreatHistory {
  points: { t: number; score: number; level: number; added: number }[];
}

/** GET /api/v1/designations → { designations: DesignationVersion[] } */
export interface DesignationVersion {
  channel: string;
  party: string;
  version: number;
  envelopeHash: string;
  created: string;
  designation: Record<string, unknown>;
  acks: { responder: string; at: string; envelopeHash: string }[];
  objections: { responder: string; at: string; reasons: string[]; envelopeHash: string }[];
  current?: boolean;
  honoured?: boolean;
}

export interface Contact {
  party: string;
  name: string;
  endpoint: string;
  channels: string[];
  home: boolean;
}

export interface CommunicationCheck {
  channel: string;
  party: string;
  pings: number;
  answered: number;
  median_ms?: number;
  last_ms?: number;
}

export interface Peer {
  channel: string;
  party: string;
  acked_seq: number;
  attempts: number;
  next_attempt_at: string;
  last_error?: string;
  last_success_at?: string;
}

export interface Evidence {
  id: number;
  kind: string;
  channel: string;
  author: string;
  seq?: number;
  detail: string;
  detected_at: string;
}

export interface VerifyReport {
  ok: boolean;
  logs: number;
  entries: number;
  checkpoints?: number;
  failures: { channel: string; author: string; code: string; message: string; at?: number }[];
}

/** GET /api/v1/threat/levels/{kind}/{id} → a level explained (docs/threat-level.md). */
export interface ThreatExplanation {
  level: number;
  score: number;
  sector: string | null;
  incidents: {
    id: string;
    score: number;
    decayedScore: number;
    contribution: number;
    role: 'peak' | 'correlation';
    designated: string[];
    ageMs: number;
  }[];
  names: { id: string; name?: string; envelopeHash?: string; author?: string }[];
  omitted?: number;
}

/** GET /api/v1/comparisons/{id} (docs/psi.md): parameters and progress, never an entry. */
export interface ComparisonStatus {
  id: string;
  channel: string;
  role?: 'initiator' | 'responder';
  initiator: string;
  responder: string;
  kind: 'persons' | 'indicators';
  mode: 'both' | 'one-sided' | 'cardinality';
  suite: string;
  state: 'offered' | 'awaiting-acceptance' | 'running' | 'complete' | 'refused' | 'aborted' | 'failed';
  initiatorSize: number;
  responderSize?: number;
  created: string;
  expires: string;
  offerHash: string;
  held: boolean;
  progress: { sent: number; received: number; total?: number };
  overlap?: number;
  peerOverlap?: number;
  reason?: string;
}

/** One of this side's own rows in the overlap. */
export interface ComparisonMatch {
  entry: number;
  label: string;
  status: 'match' | 'needs-review';
}

/** GET /api/v1/comparisons/{id}/result (analyst). */
export interface ComparisonResult {
  id: string;
  state: ComparisonStatus['state'];
  kind: string;
  mode: string;
  overlap?: number;
  matches?: ComparisonMatch[];
  review?: ComparisonMatch[];
  learnsNothing: boolean;
}

/** One sector read in another taxonomy (docs/critical-infrastructure.md). */
export interface SectorMapping {
  from: string;
  to: string;
  toName: string;
  /** The Russian name, when the taxonomy has one (187-FZ's own words, or a shipped translation). */
  toNameRu?: string;
  confidence: 'exact' | 'close' | 'partial' | 'uncertain';
  basis: string;
  concept?: string;
  viaParent?: string;
  note?: string;
}

export interface SectorTranslation {
  from: string;
  to: string;
  mappings: SectorMapping[];
  unmapped: string[];
  unknown: string[];
}

/** GET /api/v1/ci/crosswalk?to&channel&party → the designation, its sectors and each asset's sector. */
export interface CrosswalkAnswer {
  translation: SectorTranslation;
  designation?: DesignationVersion;
  assets?: { id: string; name: string; sector: string; translation: SectorTranslation }[];
}

/** An asset inside a designation body. */
export interface DesignationAsset {
  id: string;
  name: string;
  sector: string;
  domains?: string[];
  ip_ranges?: string[];
  as_numbers?: number[];
}

/** POST /api/v1/channels (admin): a signed invite to the peers' nodes. */
export interface ChannelInviteRequest {
  name: string;
  peers: string[];
  receipt_deadline_s?: number;
  response_time_s?: number;
  tlp_ceiling?: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
}
export interface ChannelInviteResult {
  channel: string;
  invite_hash: string;
}
/** POST /api/v1/channels/{id}/accept and …/leave (admin). */
export interface ChannelAcceptResult {
  channel: string;
  accept_hash: string;
}
export interface ChannelLeaveResult {
  channel: string;
  leave_hash: string;
}
