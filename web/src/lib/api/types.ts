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
  verification: { signature: VerificationWord; inclusion: VerificationWord; receipt: 'received' | 'pending' | 'overdue' | 'not-required'; receipt_at?: string };
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

export interface ThreatLevelRow {
  scope: 'channel' | 'party' | 'sector';
  key: string;
  label: string;
  computed: { level: number; score: number; explanation: string };
  published?: { level: number; party: string; at: string; rationale: string };
}

export interface ThreatLevels {
  levels: ThreatLevelRow[];
  history: { at: string; level: number }[];
}
