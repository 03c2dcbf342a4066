/**
 * Migration 2: the STIX object store and TAXII 2.1 (collections, object versions, status
 * resources, users, tokens, rights). Shared by both engines; listed in migrations.ts.
 *
 * Paging is keyset on (coll_key, added_us): date_added is strictly increasing per collection
 * (UNIQUE enforces it), so a page boundary is one integer and survives restarts and other
 * processes. is_first / is_last mark each id's earliest and latest version in the collection so
 * that match[version]=first|last, the TAXII default, is an indexed filter and not a GROUP BY.
 * Flags are small integers on both engines so that one SQL text serves both.
 */
const objectsTables = (autoKey: string, int: string) => `
CREATE TABLE taxii_collections (
  coll_key      ${autoKey},
  id            TEXT NOT NULL UNIQUE,
  alias         TEXT UNIQUE,
  title         TEXT NOT NULL,
  description   TEXT,
  kind          TEXT NOT NULL CHECK (kind IN ('plain', 'channel', 'outbox')),
  channel       TEXT UNIQUE,
  media_types   TEXT NOT NULL,
  last_added_us ${int} NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

CREATE TABLE stix_objects (
  seq          ${autoKey},
  coll_key     ${int} NOT NULL REFERENCES taxii_collections (coll_key),
  added_us     ${int} NOT NULL,
  id           TEXT NOT NULL,
  type         TEXT NOT NULL,
  version      TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  is_first     SMALLINT NOT NULL CHECK (is_first IN (0, 1)),
  is_last      SMALLINT NOT NULL CHECK (is_last IN (0, 1)),
  revoked      SMALLINT NOT NULL CHECK (revoked IN (0, 1)),
  body         TEXT NOT NULL,
  CONSTRAINT stix_objects_added_key UNIQUE (coll_key, added_us),
  CONSTRAINT stix_objects_version_key UNIQUE (coll_key, id, version)
);
CREATE INDEX stix_objects_type_idx ON stix_objects (coll_key, type, added_us);

CREATE TABLE taxii_status (
  id         TEXT PRIMARY KEY,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE taxii_users (
  name          TEXT PRIMARY KEY,
  password_hash TEXT,
  created_at    TEXT NOT NULL
);

CREATE TABLE taxii_tokens (
  token_hash TEXT PRIMARY KEY,
  name       TEXT NOT NULL REFERENCES taxii_users (name) ON DELETE CASCADE,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE taxii_rights (
  name       TEXT NOT NULL,
  collection TEXT NOT NULL,
  can_read   SMALLINT NOT NULL CHECK (can_read IN (0, 1)),
  can_write  SMALLINT NOT NULL CHECK (can_write IN (0, 1)),
  PRIMARY KEY (name, collection)
);
`;

/** Shaped as a `Migration` (not typed as one, to keep migrations.ts → here one-way). */
export const OBJECTS_MIGRATION = {
  version: 2,
  name: 'stix objects and taxii',
  sql: {
    sqlite: objectsTables('INTEGER PRIMARY KEY', 'INTEGER'),
    postgres: objectsTables('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT'),
  },
} as const;
