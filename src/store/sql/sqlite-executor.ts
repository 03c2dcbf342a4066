import type Database from 'better-sqlite3';
import type { SqlCall, SqlExecutor, SqlRow, SqlValue, TxBody } from './sql-executor.js';

/**
 * An SqlExecutor over one better-sqlite3 connection. Statements are synchronous underneath;
 * a transaction body runs to completion inside `db.transaction`, with no await in between.
 */
export function sqliteExecutor(db: Database.Database): SqlExecutor {
  // A raw statement is a statement of its own (.raw() changes the statement), hence its own key.
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string, raw = false): Database.Statement => {
    const key = raw ? `raw\0${sql}` : sql;
    let s = cache.get(key);
    if (!s) {
      s = raw ? db.prepare(sql).raw(true) : db.prepare(sql);
      cache.set(key, s);
    }
    return s;
  };
  const bind = (params: readonly SqlValue[] = []): unknown[] =>
    params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p));
  const exec = (c: SqlCall): unknown =>
    c.mode === 'all' ? prep(c.sql).all(...bind(c.params)) : prep(c.sql).run(...bind(c.params)).changes;

  return {
    dialect: 'sqlite',
    async all<T extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      return prep(sql).all(...bind(params)) as T[];
    },
    async allRaw(sql: string, params?: readonly SqlValue[]): Promise<unknown[][]> {
      return prep(sql, true).all(...bind(params)) as unknown[][];
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      return prep(sql).run(...bind(params)).changes;
    },
    async tx<T>(body: TxBody<T>): Promise<T> {
      const runIt = db.transaction((): T => {
        const gen = body();
        let step = gen.next();
        while (!step.done) step = gen.next(exec(step.value));
        return step.value;
      });
      return runIt.immediate();
    },
  };
}
