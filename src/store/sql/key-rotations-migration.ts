/**
 * Migration 8: a partial index of the key-rotation entries of each log, so that an author's key
 * history (service/author-keys.ts) costs one index seek over a handful of rows instead of a
 * scan of a log that may hold millions of entries. Partial, so that the append path of every
 * other kind pays nothing for it. Queries must name the kind as this literal, not as a bound
 * parameter: both planners match a partial index only by its predicate's text.
 */
export const KEY_ROTATIONS_MIGRATION = {
  version: 8,
  name: 'key-rotations-index',
  sql: `CREATE INDEX entries_key_rotations ON entries (log_id, seq) WHERE kind = 'key-rotation';`,
} as const;
