import type pg from 'pg';
import {
  toPgPlaceholders,
  type SqlExecutor,
  type SqlRow,
  type SqlValue,
  type TxBody,
} from './sql-executor.js';

function bind(params: readonly SqlValue[] = []): unknown[] {
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p));
}

/** An SqlExecutor over a pg Pool whose connections already have the right search_path. */
export function pgExecutor(pool: pg.Pool): SqlExecutor {
  const cache = new Map<string, string>();
  const text = (sql: string): string => {
    let t = cache.get(sql);
    if (t === undefined) {
      t = toPgPlaceholders(sql);
      cache.set(sql, t);
    }
    return t;
  };
  return {
    dialect: 'postgres',
    async all<T extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      return (await pool.query(text(sql), bind(params))).rows as T[];
    },
    async allRaw(sql: string, params?: readonly SqlValue[]): Promise<unknown[][]> {
      return (await pool.query({ text: text(sql), values: bind(params), rowMode: 'array' }))
        .rows as unknown[][];
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      return (await pool.query(text(sql), bind(params))).rowCount ?? 0;
    },
    async tx<T>(body: TxBody<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const gen = body();
        let step = gen.next();
        while (!step.done) {
          const c = step.value;
          const r = await client.query(text(c.sql), bind(c.params));
          step = gen.next(c.mode === 'all' ? r.rows : (r.rowCount ?? 0));
        }
        await client.query('COMMIT');
        return step.value;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}
