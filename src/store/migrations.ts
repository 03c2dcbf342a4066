/**
 * The schema's history, shared by both engines. A migration is numbered, never edited once
 * released, and applied at open inside one transaction together with its `schema_migrations` row.
 * Where the engines' SQL differs (BLOB vs BYTEA, INTEGER vs BIGINT/BOOLEAN), a migration carries
 * one text per engine; otherwise a single text serves both.
 */
import type { StoreEngine } from './store.types.js';
import { DIALOGUE_MIGRATION_SQL } from './sql/dialogue-migration.js';
import { USERS_MIGRATION } from './sql/users-migration.js';
import { TIMELINE_MIGRATION } from './sql/timeline-migration.js';
import { OBJECTS_MIGRATION } from './objects-migration.js';
import { THREAT_MIGRATION } from './sql/threat-migration.js';
import { KEY_ROTATIONS_MIGRATION } from './sql/key-rotations-migration.js';
import { THREAT_SCAN_MIGRATION } from './sql/threat-scan-migration.js';
import { RESPONSES_MIGRATION } from './sql/responses-migration.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string | Readonly<Record<StoreEngine, string>>;
}

/** The SQL a migration runs on one engine. */
export function migrationSql(m: Migration, engine: StoreEngine): string {
  return typeof m.sql === 'string' ? m.sql : m.sql[engine];
}

// Hashes are SHA-256 (32 bytes) everywhere; the CHECKs stop a truncated hash from ever reaching a
// Merkle computation. Timestamps are the RFC 3339 text the caller signed or read from its clock,
// kept as TEXT so that they round-trip byte for byte. merkle_nodes holds perfect-subtree roots only
// (level 0 = leaf hashes), so a proof is O(log n) point lookups and an append O(log n) inserts.
const V1_SQLITE = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE parties (
  id         TEXT PRIMARY KEY,
  public_key BLOB NOT NULL,
  name       TEXT NOT NULL,
  identity   TEXT NOT NULL,
  is_home    INTEGER NOT NULL CHECK (is_home IN (0, 1))
);

CREATE TABLE logs (
  log_id    INTEGER PRIMARY KEY,
  channel   TEXT NOT NULL,
  author    TEXT NOT NULL,
  size      INTEGER NOT NULL CHECK (size >= 0),
  root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
  frontier  BLOB NOT NULL CHECK (length(frontier) % 32 = 0),
  UNIQUE (channel, author)
);

CREATE TABLE entries (
  log_id    INTEGER NOT NULL REFERENCES logs (log_id),
  seq       INTEGER NOT NULL CHECK (seq >= 0),
  hash      BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  kind      TEXT NOT NULL,
  created   TEXT NOT NULL,
  bytes     BLOB NOT NULL,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (log_id, seq)
);

CREATE TABLE merkle_nodes (
  log_id INTEGER NOT NULL REFERENCES logs (log_id),
  level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx    INTEGER NOT NULL CHECK (idx >= 0),
  hash   BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (log_id, level, idx)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
  log_id     INTEGER NOT NULL REFERENCES logs (log_id),
  size       INTEGER NOT NULL CHECK (size >= 0),
  root_hash  BLOB NOT NULL CHECK (length(root_hash) = 32),
  note       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (log_id, size)
);
`;

const V1_POSTGRES = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE parties (
  id         TEXT PRIMARY KEY,
  public_key BYTEA NOT NULL,
  name       TEXT NOT NULL,
  identity   TEXT NOT NULL,
  is_home    BOOLEAN NOT NULL
);

CREATE TABLE logs (
  log_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel   TEXT NOT NULL,
  author    TEXT NOT NULL,
  size      BIGINT NOT NULL CHECK (size >= 0),
  root_hash BYTEA NOT NULL CHECK (octet_length(root_hash) = 32),
  frontier  BYTEA NOT NULL CHECK (octet_length(frontier) % 32 = 0),
  CONSTRAINT logs_channel_author_key UNIQUE (channel, author)
);

CREATE TABLE entries (
  log_id    BIGINT NOT NULL REFERENCES logs (log_id),
  seq       BIGINT NOT NULL CHECK (seq >= 0),
  hash      BYTEA NOT NULL CHECK (octet_length(hash) = 32),
  kind      TEXT NOT NULL,
  created   TEXT NOT NULL,
  bytes     BYTEA NOT NULL,
  stored_at TEXT NOT NULL,
  CONSTRAINT entries_pkey PRIMARY KEY (log_id, seq),
  CONSTRAINT entries_hash_key UNIQUE (hash)
);

CREATE TABLE merkle_nodes (
  log_id BIGINT NOT NULL REFERENCES logs (log_id),
  level  SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx    BIGINT NOT NULL CHECK (idx >= 0),
  hash   BYTEA NOT NULL CHECK (octet_length(hash) = 32),
  CONSTRAINT merkle_nodes_pkey PRIMARY KEY (log_id, level, idx)
);

CREATE TABLE checkpoints (
  log_id     BIGINT NOT NULL REFERENCES logs (log_id),
  size       BIGINT NOT NULL CHECK (size >= 0),
  root_hash  BYTEA NOT NULL CHECK (octet_length(root_hash) = 32),
  note       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (log_id, size)
);
`;

/** Every migration this build knows, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: { sqlite: V1_SQLITE, postgres: V1_POSTGRES } },
  OBJECTS_MIGRATION,
  { version: 3, name: 'dialogue', sql: DIALOGUE_MIGRATION_SQL },
  USERS_MIGRATION,
  THREAT_MIGRATION,
  TIMELINE_MIGRATION,
  KEY_ROTATIONS_MIGRATION,
  THREAT_SCAN_MIGRATION,
  RESPONSES_MIGRATION,
];

/** The schema version this build expects after migrating. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
