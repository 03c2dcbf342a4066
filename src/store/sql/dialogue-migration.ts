/**
 * Migration 3: the dialogue's tables (channels, members, delivery, tracked items, receipts,
 * evidence, alarms, out-of-order envelopes, projection cursors). Written once with two column
 * types that differ: bytes (BLOB / BYTEA) and 64-bit integers (INTEGER / BIGINT).
 */
function ddl(bytes: string, int: string, serial: string): string {
  return `
CREATE TABLE channels (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  inviter     TEXT NOT NULL,
  invite_hash TEXT NOT NULL,
  policy      TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('invited', 'active', 'left')),
  created_at  TEXT NOT NULL
);

CREATE TABLE channel_members (
  channel     TEXT NOT NULL,
  party       TEXT NOT NULL,
  name        TEXT NOT NULL,
  endpoint    TEXT NOT NULL,
  public_key  ${bytes} NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('invited', 'accepted', 'left')),
  accepted_at TEXT,
  PRIMARY KEY (channel, party)
);
CREATE INDEX channel_members_party ON channel_members (party);

CREATE TABLE deliveries (
  channel         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  acked_seq       ${int} NOT NULL,
  attempts        ${int} NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  last_success_at TEXT,
  PRIMARY KEY (channel, recipient)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at);

CREATE TABLE tracked_items (
  hash          TEXT PRIMARY KEY,
  channel       TEXT NOT NULL,
  author        TEXT NOT NULL,
  seq           ${int} NOT NULL,
  kind          TEXT NOT NULL,
  created       TEXT NOT NULL,
  receipt_due   TEXT NOT NULL,
  respond_by    TEXT,
  responded_at  TEXT,
  response_hash TEXT,
  overdue_at    TEXT,
  summary       TEXT NOT NULL
);
CREATE INDEX tracked_items_channel ON tracked_items (channel, created);
CREATE INDEX tracked_items_open ON tracked_items (overdue_at, receipt_due);

CREATE TABLE receipts (
  item_hash    TEXT NOT NULL,
  party        TEXT NOT NULL,
  receipt_hash TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (item_hash, party)
);

CREATE TABLE evidence (
  id          ${serial},
  kind        TEXT NOT NULL,
  channel     TEXT NOT NULL,
  author      TEXT NOT NULL,
  seq         ${int},
  first       ${bytes} NOT NULL,
  second      ${bytes},
  detail      TEXT NOT NULL,
  detected_at TEXT NOT NULL
);
CREATE INDEX evidence_channel ON evidence (channel);

CREATE TABLE alarms (
  id                ${serial},
  kind              TEXT NOT NULL,
  severity          TEXT NOT NULL,
  channel           TEXT,
  subject           TEXT NOT NULL,
  message           TEXT NOT NULL,
  raised_at         TEXT NOT NULL,
  escalations       ${int} NOT NULL DEFAULT 0,
  last_escalated_at TEXT,
  resolved_at       TEXT,
  UNIQUE (kind, subject)
);

CREATE TABLE pending_envelopes (
  channel TEXT NOT NULL,
  author  TEXT NOT NULL,
  seq     ${int} NOT NULL,
  bytes   ${bytes} NOT NULL,
  PRIMARY KEY (channel, author, seq)
);

CREATE TABLE log_views (
  channel      TEXT NOT NULL,
  author       TEXT NOT NULL,
  size         ${int} NOT NULL,
  root_hash    TEXT NOT NULL,
  reporter     TEXT NOT NULL,
  receipt_hash TEXT NOT NULL,
  checked      ${int} NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, author, size, reporter)
);
CREATE INDEX log_views_unchecked ON log_views (channel, author, checked, size);

CREATE TABLE projections (
  channel TEXT NOT NULL,
  author  TEXT NOT NULL,
  seq     ${int} NOT NULL,
  PRIMARY KEY (channel, author)
);
`;
}

export const DIALOGUE_MIGRATION_SQL = {
  sqlite: ddl('BLOB', 'INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
  postgres: ddl('BYTEA', 'BIGINT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
} as const;
