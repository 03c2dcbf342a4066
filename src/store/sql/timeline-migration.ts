/**
 * Migration 7: the channel timeline — one row per envelope (receipts aside) in arrival order,
 * so that the UI pages through 100,000 envelopes with an index seek, not a scan of every log.
 */
function ddl(int: string, serial: string): string {
  return `
CREATE TABLE timeline (
  id      ${serial},
  channel TEXT NOT NULL,
  hash    TEXT NOT NULL UNIQUE,
  author  TEXT NOT NULL,
  seq     ${int} NOT NULL,
  kind    TEXT NOT NULL,
  created TEXT NOT NULL,
  summary TEXT NOT NULL,
  ref     TEXT
);
CREATE INDEX timeline_channel ON timeline (channel, id);
`;
}

export const TIMELINE_MIGRATION = {
  version: 7,
  name: 'timeline',
  sql: {
    sqlite: ddl('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: ddl('BIGINT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
  },
} as const;
