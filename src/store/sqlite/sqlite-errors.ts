import { StoreError } from '../store-error.js';

/** better-sqlite3's SqliteError carries the extended result code as a string. */
function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNAVAILABLE = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_PERM',
];
const CORRUPT = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

/** True when the error is a UNIQUE or PRIMARY KEY violation on the given `table.column` list. */
export function isUniqueViolation(e: unknown, columns: string): boolean {
  const code = sqliteCode(e);
  return (
    (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') &&
    e instanceof Error &&
    e.message.endsWith(`constraint failed: ${columns}`)
  );
}

/**
 * Turns driver errors the caller can act on into StoreErrors; anything else (a bug, a broken
 * constraint we did not expect) is rethrown as is so that it is not mistaken for an outage.
 */
export function mapSqliteError(e: unknown, path: string): unknown {
  if (e instanceof StoreError) return e;
  const code = sqliteCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  if (code !== undefined && CORRUPT.some((c) => code.startsWith(c))) {
    return new StoreError('STORE_CORRUPT', `sqlite database ${path} is damaged: ${msg}`, {
      cause: e,
      details: { path, code },
    });
  }
  if (code !== undefined && UNAVAILABLE.some((c) => code.startsWith(c))) {
    return new StoreError('STORE_UNAVAILABLE', `sqlite database ${path} is unavailable: ${msg}`, {
      cause: e,
      details: { path, code },
    });
  }
  // better-sqlite3 throws a TypeError (no code) for a missing folder and for use after close.
  if (e instanceof TypeError && /directory does not exist|not open/.test(msg)) {
    return new StoreError('STORE_UNAVAILABLE', `sqlite database ${path} is unavailable: ${msg}`, {
      cause: e,
      details: { path },
    });
  }
  return e;
}
