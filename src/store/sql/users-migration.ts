/**
 * Migration 4: local UI accounts, sessions, login throttling and the audit trail. Both engines
 * share the DDL except the audit id (SQLite rowid alias vs PostgreSQL identity column).
 * Timestamps are RFC 3339 text from the node's clock (`toISOString`), so they order as text.
 */
function ddl(auditId: string): string {
  return `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);

CREATE TABLE user_sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  csrf         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE TABLE login_failures (
  key          TEXT PRIMARY KEY,
  count        INTEGER NOT NULL CHECK (count >= 0),
  window_start TEXT NOT NULL
);

CREATE TABLE audit_log (
  id      ${auditId},
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
`;
}

export const USERS_MIGRATION = {
  version: 4,
  name: 'users',
  sql: {
    sqlite: ddl('INTEGER PRIMARY KEY'),
    postgres: ddl('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
  },
} as const;
