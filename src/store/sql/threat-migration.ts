/**
 * Migration 5: the threat level and critical-infrastructure projection (designations, their acks and
 * objections, scored incidents, published assessments). Both engines share the DDL except the
 * incident row counter (SQLite rowid alias vs PostgreSQL identity), which orders the bulk scan that
 * rebuilds the aggregate at start. Times are RFC 3339 text, except `at_ms` (epoch ms) which the
 * aggregate reads as a number.
 */
function ddl(rowId: string, real: string): string {
  return `
CREATE TABLE threat_designations (
  channel       TEXT NOT NULL,
  party         TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  taxonomy      TEXT NOT NULL,
  body          TEXT NOT NULL,
  envelope_hash TEXT NOT NULL UNIQUE,
  created       TEXT NOT NULL,
  PRIMARY KEY (channel, party, version)
);

CREATE TABLE threat_designation_responses (
  envelope_hash TEXT PRIMARY KEY,
  channel       TEXT NOT NULL,
  party         TEXT NOT NULL,
  version       INTEGER NOT NULL,
  responder     TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('ack', 'objection')),
  reasons       TEXT NOT NULL,
  created       TEXT NOT NULL
);
CREATE INDEX threat_designation_responses_by_party ON threat_designation_responses (channel, party, version);

CREATE TABLE threat_incidents (
  n             ${rowId},
  envelope_hash TEXT NOT NULL,
  incident_id   TEXT NOT NULL,
  channel       TEXT NOT NULL,
  author        TEXT NOT NULL,
  party         TEXT NOT NULL,
  at_ms         BIGINT NOT NULL,
  original      ${real} NOT NULL,
  score         ${real} NOT NULL CHECK (score >= 0 AND score <= 100),
  level         INTEGER NOT NULL,
  sectors       TEXT NOT NULL,
  designated    TEXT NOT NULL,
  name          TEXT NOT NULL,
  detail        TEXT NOT NULL,
  UNIQUE (envelope_hash, incident_id)
);
CREATE INDEX threat_incidents_by_channel ON threat_incidents (channel, n);
CREATE INDEX threat_incidents_by_incident ON threat_incidents (channel, incident_id);

CREATE TABLE threat_assessments (
  envelope_hash TEXT PRIMARY KEY,
  channel       TEXT NOT NULL,
  party         TEXT NOT NULL,
  scope_kind    TEXT NOT NULL CHECK (scope_kind IN ('channel', 'party', 'sector')),
  scope_id      TEXT NOT NULL,
  level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
  score         ${real},
  rationale     TEXT NOT NULL,
  created       TEXT NOT NULL
);
CREATE INDEX threat_assessments_by_channel ON threat_assessments (channel, created);
`;
}

export const THREAT_MIGRATION = {
  version: 5,
  name: 'threat',
  sql: {
    sqlite: ddl('INTEGER PRIMARY KEY', 'REAL'),
    postgres: ddl('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'DOUBLE PRECISION'),
  },
} as const;
