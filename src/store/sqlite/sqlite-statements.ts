import type { Database, Statement } from 'better-sqlite3';

/**
 * Every statement the SQLite store runs, prepared once per connection: preparing costs more than
 * running a point query, and appends must stay well above 20k/s.
 */
export function prepareStatements(db: Database) {
  const entryCols = `l.channel, l.author, e.seq, e.hash, e.kind, e.created, e.bytes, e.stored_at`;
  const checkpointCols = `l.channel, l.author, c.size, c.root_hash, c.note, c.created_at`;
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    getMeta: p('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: p(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    putParty: p(
      `INSERT INTO parties (id, public_key, name, identity, is_home) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key, name = excluded.name,
         identity = excluded.identity, is_home = excluded.is_home`,
    ),
    getParty: p('SELECT * FROM parties WHERE id = ?'),
    listParties: p('SELECT * FROM parties ORDER BY id'),

    selectLog: p('SELECT * FROM logs WHERE channel = ? AND author = ?'),
    selectLogId: p('SELECT log_id FROM logs WHERE channel = ? AND author = ?').pluck(),
    // A log row can exist with size 0 when only a checkpoint was stored for it.
    ensureLog: p(
      `INSERT INTO logs (channel, author, size, root_hash, frontier) VALUES (?, ?, 0, ?, x'')
       ON CONFLICT (channel, author) DO NOTHING`,
    ),
    updateLog: p('UPDATE logs SET size = ?, root_hash = ?, frontier = ? WHERE log_id = ?'),
    getLogHead: p('SELECT * FROM logs WHERE channel = ? AND author = ? AND size > 0'),
    listLogs: p('SELECT * FROM logs WHERE size > 0 ORDER BY channel, author'),

    insertEntry: p(
      'INSERT INTO entries (log_id, seq, hash, kind, created, bytes, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertNode: p('INSERT INTO merkle_nodes (log_id, level, idx, hash) VALUES (?, ?, ?, ?)'),
    getEntries: p(
      `SELECT ${entryCols} FROM logs l JOIN entries e ON e.log_id = l.log_id
       WHERE l.channel = ? AND l.author = ? AND e.seq >= ? AND e.seq < ? ORDER BY e.seq`,
    ),
    getEntryByHash: p(
      `SELECT ${entryCols} FROM entries e JOIN logs l ON l.log_id = e.log_id WHERE e.hash = ?`,
    ),
    // One statement for any number of hashes, passed as a JSON array of hex; served by the
    // unique index on entries.hash (one search per hash).
    getEntriesByHashes: p(
      `SELECT ${entryCols} FROM entries e JOIN logs l ON l.log_id = e.log_id
       WHERE e.hash IN (SELECT unhex(value) FROM json_each(?))`,
    ),
    // The kind is a literal so that the partial index entries_key_rotations (migration 8) serves it.
    listKeyRotations: p(
      `SELECT ${entryCols} FROM logs l JOIN entries e ON e.log_id = l.log_id
       WHERE l.channel = ? AND l.author = ? AND e.kind = 'key-rotation' AND e.seq < ? ORDER BY e.seq`,
    ),
    getNode: p('SELECT hash FROM merkle_nodes WHERE log_id = ? AND level = ? AND idx = ?').pluck(),

    putCheckpoint: p(
      `INSERT INTO checkpoints (log_id, size, root_hash, note, created_at)
       VALUES ((SELECT log_id FROM logs WHERE channel = ? AND author = ?), ?, ?, ?, ?)
       ON CONFLICT (log_id, size) DO NOTHING`,
    ),
    getCheckpoint: p(
      `SELECT ${checkpointCols} FROM logs l JOIN checkpoints c ON c.log_id = l.log_id
       WHERE l.channel = ? AND l.author = ? AND c.size = ?`,
    ),
    latestCheckpoint: p(
      `SELECT ${checkpointCols} FROM logs l JOIN checkpoints c ON c.log_id = l.log_id
       WHERE l.channel = ? AND l.author = ? ORDER BY c.size DESC LIMIT 1`,
    ),
    // LIMIT -1 is SQLite for "no limit".
    listCheckpoints: p(
      `SELECT ${checkpointCols} FROM logs l JOIN checkpoints c ON c.log_id = l.log_id
       WHERE l.channel = ? AND l.author = ? ORDER BY c.size DESC LIMIT ?`,
    ),
    listMigrations: p('SELECT version, name, applied_at FROM schema_migrations ORDER BY version'),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
