import type { Database } from 'better-sqlite3';
import { MIGRATIONS, migrationSql, type Migration } from '../migrations.js';
import { StoreError } from '../store-error.js';

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

/**
 * Brings the database to this build's schema. Runs in one IMMEDIATE transaction so that two
 * processes opening the same file serialise on the write lock (waiting up to busy_timeout)
 * instead of both applying a migration; the loser then finds nothing left to do.
 * Throws StoreError MIGRATION_FAILED; driver errors (SQLITE_BUSY…) propagate for the caller to map.
 */
export function migrateSqlite(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const run = db.transaction(() => {
    db.exec(CREATE_TABLE);
    const applied = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    );
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new StoreError(
        'MIGRATION_FAILED',
        `database has schema version ${Math.max(...unknown)}, newer than this build knows (${Math.max(0, ...known)})`,
        { details: { unknown } },
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      try {
        db.exec(migrationSql(m, 'sqlite'));
      } catch (e) {
        throw new StoreError(
          'MIGRATION_FAILED',
          `migration ${m.version} (${m.name}) failed on sqlite: ${String(e)}`,
          {
            cause: e,
            details: { version: m.version, name: m.name },
          },
        );
      }
      record.run(m.version, m.name);
    }
  });
  run.immediate();
}
