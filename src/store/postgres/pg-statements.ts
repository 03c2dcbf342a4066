/**
 * The SQL the PostgreSQL store runs, schema-qualified once at open. Names make node-postgres
 * prepare each statement once per connection; a pool belongs to one store, hence one schema.
 */
export function pgStatements(q: string) {
  const entryCols = 'l.channel, l.author, e.seq, e.hash, e.kind, e.created, e.bytes, e.stored_at';
  const checkpointCols = 'l.channel, l.author, c.size, c.root_hash, c.note, c.created_at';
  const logId = `(SELECT log_id FROM ${q}.logs WHERE channel = $1 AND author = $2)`;
  return {
    getMeta: `SELECT value FROM ${q}.meta WHERE key = $1`,
    setMeta: `INSERT INTO ${q}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    putParty: `INSERT INTO ${q}.parties (id, public_key, name, identity, is_home) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key, name = excluded.name,
        identity = excluded.identity, is_home = excluded.is_home`,
    getParty: `SELECT * FROM ${q}.parties WHERE id = $1`,
    listParties: `SELECT * FROM ${q}.parties ORDER BY id`,

    lockLog: `SELECT * FROM ${q}.logs WHERE channel = $1 AND author = $2 FOR UPDATE`,
    // DO NOTHING waits for a concurrent creator to commit; the caller then locks the row it made.
    ensureLog: `INSERT INTO ${q}.logs (channel, author, size, root_hash, frontier) VALUES ($1, $2, 0, $3, '\\x')
      ON CONFLICT (channel, author) DO NOTHING`,
    // One round trip writes the entries, their nodes and the new head.
    writeAppend: `WITH e AS (
        INSERT INTO ${q}.entries (log_id, seq, hash, kind, created, bytes, stored_at)
        SELECT $1::bigint, u.seq, u.hash, u.kind, u.created, u.bytes, $7::text
        FROM unnest($2::bigint[], $3::bytea[], $4::text[], $5::text[], $6::bytea[]) AS u(seq, hash, kind, created, bytes)
      ), n AS (
        INSERT INTO ${q}.merkle_nodes (log_id, level, idx, hash)
        SELECT $1::bigint, u.level, u.idx, u.hash
        FROM unnest($8::smallint[], $9::bigint[], $10::bytea[]) AS u(level, idx, hash)
      )
      UPDATE ${q}.logs SET size = $11, root_hash = $12, frontier = $13 WHERE log_id = $1::bigint`,
    getLogHead: `SELECT * FROM ${q}.logs WHERE channel = $1 AND author = $2 AND size > 0`,
    listLogs: `SELECT * FROM ${q}.logs WHERE size > 0 ORDER BY channel, author`,

    getEntries: `SELECT ${entryCols} FROM ${q}.logs l JOIN ${q}.entries e ON e.log_id = l.log_id
      WHERE l.channel = $1 AND l.author = $2 AND e.seq >= $3 AND e.seq < $4 ORDER BY e.seq`,
    getEntryByHash: `SELECT ${entryCols} FROM ${q}.entries e JOIN ${q}.logs l ON l.log_id = e.log_id WHERE e.hash = $1`,
    getEntriesByHashes: `SELECT ${entryCols} FROM ${q}.entries e JOIN ${q}.logs l ON l.log_id = e.log_id
      WHERE e.hash = ANY($1::bytea[])`,
    // The kind is a literal so that the partial index entries_key_rotations (migration 8) serves it.
    listKeyRotations: `SELECT ${entryCols} FROM ${q}.logs l JOIN ${q}.entries e ON e.log_id = l.log_id
      WHERE l.channel = $1 AND l.author = $2 AND e.kind = 'key-rotation' AND e.seq < $3 ORDER BY e.seq`,
    // LEFT JOIN keeps a row per id asked, so a missing node shows as NULL at its position.
    getNodes: `SELECT n.hash FROM unnest($3::smallint[], $4::bigint[]) WITH ORDINALITY AS want(level, idx, ord)
      LEFT JOIN ${q}.merkle_nodes n ON n.log_id = ${logId} AND n.level = want.level AND n.idx = want.idx
      ORDER BY want.ord`,

    putCheckpoint: `INSERT INTO ${q}.checkpoints (log_id, size, root_hash, note, created_at)
      VALUES (${logId}, $3, $4, $5, $6) ON CONFLICT (log_id, size) DO NOTHING`,
    getCheckpoint: `SELECT ${checkpointCols} FROM ${q}.logs l JOIN ${q}.checkpoints c ON c.log_id = l.log_id
      WHERE l.channel = $1 AND l.author = $2 AND c.size = $3`,
    latestCheckpoint: `SELECT ${checkpointCols} FROM ${q}.logs l JOIN ${q}.checkpoints c ON c.log_id = l.log_id
      WHERE l.channel = $1 AND l.author = $2 ORDER BY c.size DESC LIMIT 1`,
    // LIMIT NULL is PostgreSQL for "no limit".
    listCheckpoints: `SELECT ${checkpointCols} FROM ${q}.logs l JOIN ${q}.checkpoints c ON c.log_id = l.log_id
      WHERE l.channel = $1 AND l.author = $2 ORDER BY c.size DESC LIMIT $3`,
    listMigrations: `SELECT version, name, applied_at FROM ${q}.schema_migrations ORDER BY version`,
  } as const;
}

export type PgStatementName = keyof ReturnType<typeof pgStatements>;
