/**
 * The least that a sub-store needs from a database: run a statement, read rows, and run a
 * function in one transaction. SQLite and PostgreSQL each provide one, so that a sub-store is
 * written once in the SQL both dialects share (`?` placeholders, ON CONFLICT upserts) and tested
 * on both.
 */
export type SqlValue = string | number | null | Uint8Array;
export type SqlRow = Record<string, unknown>;

/** One statement inside a transaction body: yielded, executed by the driver, answered. */
export interface SqlCall {
  readonly mode: 'all' | 'run';
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/**
 * A transaction body is a generator that yields statements and receives their results (rows
 * for `all`, a change count for `run`). SQLite drives it synchronously inside one
 * better-sqlite3 transaction, so no other caller's statement can slip in between (an async body
 * would let one); PostgreSQL drives it with awaits on one pooled client.
 */
export type TxBody<T> = () => Generator<SqlCall, T, unknown>;

export const sql = {
  all: (text: string, params: readonly SqlValue[] = []): SqlCall => ({ mode: 'all', sql: text, params }),
  run: (text: string, params: readonly SqlValue[] = []): SqlCall => ({ mode: 'run', sql: text, params }),
};

export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /**
   * Rows as arrays of column values in SELECT order: no object per row, for scans of millions of
   * rows (the threat level's start-up rebuild) where building objects is most of the cost.
   */
  allRaw(sql: string, params?: readonly SqlValue[]): Promise<unknown[][]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs the body in one transaction; all or nothing. */
  tx<T>(body: TxBody<T>): Promise<T>;
}

/** Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL (no `?` may appear inside literals). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new TypeError(`expected an integer column, got ${typeof v}`);
}

export function asNullableNumber(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : asNumber(v);
}

export function asBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  throw new TypeError(`expected a bytes column, got ${typeof v}`);
}

export function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new TypeError(`expected a text column, got ${typeof v}`);
}

export function asOptString(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : asString(v);
}
