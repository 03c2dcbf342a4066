/**
 * The STIX object store on PostgreSQL. addObjects locks the collection row (FOR UPDATE) so that
 * date_added stays strictly increasing per collection across every process sharing the database,
 * and commit order equals date_added order: a reader paging by date_added never skips a row that
 * commits later with a smaller date_added.
 */
import type pg from 'pg';
import { collectionNotFound } from '../objects-error.js';
import { objectFilterSql, planAddObjects, requireLimit } from '../objects-plan.js';
import {
  collectionFromRow,
  objectColumns,
  objectFromRow,
  rightFromRow,
  statesFromRows,
  userFromRow,
  type CollectionRow,
  type MarkRow,
  type ObjectRow,
  type RightRow,
  type UserRow,
} from '../objects-rows.js';
import type {
  AddOutcome,
  CollectionRecord,
  NewStixObject,
  ObjectPage,
  ObjectQuery,
  ObjectStore,
  StatusRecord,
  TaxiiRight,
  TaxiiUserRecord,
  VersionMatch,
} from '../objects.types.js';
import { isConnectionError, mapPgError } from './pg-connection.js';

type Client = pg.Pool | pg.PoolClient;

export class PgObjectStore implements ObjectStore {
  readonly #pool: pg.Pool;
  readonly #url: string;
  /** The quoted schema name, e.g. `"public"`. */
  readonly #q: string;

  constructor(pool: pg.Pool, url: string, quotedSchema: string) {
    this.#pool = pool;
    this.#url = url;
    this.#q = quotedSchema;
  }

  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[], client?: Client): Promise<R[]> {
    try {
      return (await (client ?? this.#pool).query<R>(text, values)).rows;
    } catch (e) {
      throw mapPgError(e, this.#url);
    }
  }

  async #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw mapPgError(e, this.#url);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      if (isConnectionError(e) || isConnectionError((e as { cause?: unknown }).cause)) broken = e as Error;
      else await client.query('ROLLBACK').catch((r: unknown) => (broken = r as Error));
      throw mapPgError(e, this.#url);
    } finally {
      client.release(broken);
    }
  }

  async #collectionRow(idOrAlias: string, client?: Client, lock = false): Promise<CollectionRow> {
    const q = this.#q;
    const sql = lock
      ? `SELECT * FROM ${q}.taxii_collections WHERE coll_key = (SELECT coll_key FROM ${q}.taxii_collections WHERE id = $1 OR alias = $1 ORDER BY id = $1 DESC LIMIT 1) FOR UPDATE`
      : `SELECT * FROM ${q}.taxii_collections WHERE id = $1 OR alias = $1 ORDER BY id = $1 DESC LIMIT 1`;
    const row = (await this.#query<CollectionRow>(sql, [idOrAlias], client))[0];
    if (!row) throw collectionNotFound(idOrAlias);
    return row;
  }

  async putCollection(c: CollectionRecord): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#q}.taxii_collections (id, alias, title, description, kind, channel, media_types, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET alias = excluded.alias, title = excluded.title, description = excluded.description,
         media_types = excluded.media_types`,
      [
        c.id,
        c.alias ?? null,
        c.title,
        c.description ?? null,
        c.kind,
        c.channel ?? null,
        JSON.stringify(c.mediaTypes),
        c.createdAt,
      ],
    );
  }

  async getCollection(idOrAlias: string): Promise<CollectionRecord | undefined> {
    const rows = await this.#query<CollectionRow>(
      `SELECT * FROM ${this.#q}.taxii_collections WHERE id = $1 OR alias = $1 ORDER BY id = $1 DESC LIMIT 1`,
      [idOrAlias],
    );
    return rows[0] && collectionFromRow(rows[0]);
  }

  async getChannelCollection(channel: string): Promise<CollectionRecord | undefined> {
    const rows = await this.#query<CollectionRow>(
      `SELECT * FROM ${this.#q}.taxii_collections WHERE channel = $1`,
      [channel],
    );
    return rows[0] && collectionFromRow(rows[0]);
  }

  async listCollections(): Promise<CollectionRecord[]> {
    return (
      await this.#query<CollectionRow>(
        `SELECT * FROM ${this.#q}.taxii_collections ORDER BY created_at, id`,
        [],
      )
    ).map(collectionFromRow);
  }

  addObjects(collectionId: string, objects: readonly NewStixObject[], nowUs: number): Promise<AddOutcome[]> {
    const q = this.#q;
    return this.#tx(async (c) => {
      const coll = await this.#collectionRow(collectionId, c, true);
      const ids = [...new Set(objects.map((o) => o.id))];
      const exact = objects.filter((o) => o.version !== undefined);
      const marks = await this.#query<MarkRow>(
        `SELECT id, version, seq, is_first, is_last FROM ${q}.stix_objects
         WHERE coll_key = $1 AND id = ANY($2::text[]) AND (is_first = 1 OR is_last = 1)
         UNION ALL
         SELECT o.id, o.version, o.seq, 0, 0 FROM ${q}.stix_objects o
         JOIN unnest($3::text[], $4::text[]) AS w(id, version) ON o.id = w.id AND o.version = w.version
         WHERE o.coll_key = $1`,
        [coll.coll_key, ids, exact.map((o) => o.id), exact.map((o) => o.version)],
        c,
      );
      const plan = planAddObjects(objects, statesFromRows(ids, marks), coll.last_added_us, nowUs);
      if (plan.clearFirst.length > 0)
        await this.#query(
          `UPDATE ${q}.stix_objects SET is_first = 0 WHERE seq = ANY($1::bigint[])`,
          [plan.clearFirst],
          c,
        );
      if (plan.clearLast.length > 0)
        await this.#query(
          `UPDATE ${q}.stix_objects SET is_last = 0 WHERE seq = ANY($1::bigint[])`,
          [plan.clearLast],
          c,
        );
      if (plan.rows.length === 0) return plan.outcomes as AddOutcome[];
      const r = plan.rows;
      const inserted = await this.#query<{ seq: number }>(
        `INSERT INTO ${q}.stix_objects (coll_key, added_us, id, type, version, spec_version, is_first, is_last, revoked, body)
         SELECT $1::bigint, u.added_us, u.id, u.type, u.version, u.spec_version, u.is_first, u.is_last, u.revoked, u.body
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::smallint[], $9::smallint[], $10::text[])
           WITH ORDINALITY AS u(added_us, id, type, version, spec_version, is_first, is_last, revoked, body, ord)
         ORDER BY u.ord
         RETURNING seq`,
        [
          coll.coll_key,
          r.map((x) => x.addedUs),
          r.map((x) => x.id),
          r.map((x) => x.type),
          r.map((x) => x.version),
          r.map((x) => x.specVersion),
          r.map((x) => (x.isFirst ? 1 : 0)),
          r.map((x) => (x.isLast ? 1 : 0)),
          r.map((x) => (x.revoked ? 1 : 0)),
          r.map((x) => x.body),
        ],
        c,
      );
      // RETURNING follows insertion order, which follows the ORDER BY; seqs are ascending.
      const seqs = inserted.map((x) => x.seq).sort((a, b) => a - b);
      r.forEach((row, i) => {
        const out = plan.outcomes[row.index];
        if (out?.kind === 'added') plan.outcomes[row.index] = { ...out, seq: seqs[i]! };
      });
      await this.#query(
        `UPDATE ${q}.taxii_collections SET last_added_us = $1 WHERE coll_key = $2`,
        [plan.lastAddedUs, coll.coll_key],
        c,
      );
      return plan.outcomes as AddOutcome[];
    });
  }

  async queryObjects(collectionId: string, query: ObjectQuery): Promise<ObjectPage> {
    requireLimit(query.limit);
    const coll = await this.#collectionRow(collectionId);
    const params: unknown[] = [coll.coll_key];
    const where = objectFilterSql(query, (v) => {
      params.push(v);
      return `$${params.length}`;
    });
    params.push(query.limit + 1);
    const rows = await this.#query<ObjectRow>(
      `SELECT ${objectColumns(query.bodies)} FROM ${this.#q}.stix_objects o WHERE o.coll_key = $1${where} ORDER BY o.added_us LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > query.limit;
    if (more) rows.pop();
    return { objects: rows.map(objectFromRow), more };
  }

  deleteObject(
    collectionId: string,
    id: string,
    versions?: VersionMatch,
    specVersions?: readonly string[],
  ): Promise<number> {
    const q = this.#q;
    return this.#tx(async (c) => {
      const coll = await this.#collectionRow(collectionId, c, true);
      const params: unknown[] = [coll.coll_key];
      const where = objectFilterSql({ ids: [id], versions: versions ?? { all: true }, specVersions }, (v) => {
        params.push(v);
        return `$${params.length}`;
      });
      const deleted = await this.#query<{ seq: number }>(
        `DELETE FROM ${q}.stix_objects o WHERE o.coll_key = $1${where} RETURNING seq`,
        params,
        c,
      );
      if (deleted.length > 0) {
        await this.#query(
          `UPDATE ${q}.stix_objects SET is_first = 0, is_last = 0 WHERE coll_key = $1 AND id = $2`,
          [coll.coll_key, id],
          c,
        );
        for (const [col, dir] of [
          ['is_first', 'ASC'],
          ['is_last', 'DESC'],
        ] as const) {
          await this.#query(
            `UPDATE ${q}.stix_objects SET ${col} = 1 WHERE seq = (SELECT seq FROM ${q}.stix_objects WHERE coll_key = $1 AND id = $2 ORDER BY version ${dir} LIMIT 1)`,
            [coll.coll_key, id],
            c,
          );
        }
      }
      return deleted.length;
    });
  }

  async countObjects(collectionId: string): Promise<number> {
    const coll = await this.#collectionRow(collectionId);
    const rows = await this.#query<{ n: number }>(
      `SELECT count(*)::bigint AS n FROM ${this.#q}.stix_objects WHERE coll_key = $1`,
      [coll.coll_key],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async putStatus(s: StatusRecord): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#q}.taxii_status (id, body, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
      [s.id, s.body, s.createdAt],
    );
  }

  async getStatus(id: string): Promise<StatusRecord | undefined> {
    const r = (
      await this.#query<{ id: string; body: string; created_at: string }>(
        `SELECT * FROM ${this.#q}.taxii_status WHERE id = $1`,
        [id],
      )
    )[0];
    return r && { id: r.id, body: r.body, createdAt: r.created_at };
  }

  async putTaxiiUser(u: TaxiiUserRecord): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#q}.taxii_users (name, password_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET password_hash = coalesce(excluded.password_hash, taxii_users.password_hash)`,
      [u.name, u.passwordHash ?? null, u.createdAt],
    );
  }

  async getTaxiiUser(name: string): Promise<TaxiiUserRecord | undefined> {
    const r = (await this.#query<UserRow>(`SELECT * FROM ${this.#q}.taxii_users WHERE name = $1`, [name]))[0];
    return r && userFromRow(r);
  }

  async listTaxiiUsers(): Promise<TaxiiUserRecord[]> {
    return (await this.#query<UserRow>(`SELECT * FROM ${this.#q}.taxii_users ORDER BY name`, [])).map(
      userFromRow,
    );
  }

  deleteTaxiiUser(name: string): Promise<boolean> {
    const q = this.#q;
    return this.#tx(async (c) => {
      await this.#query(`DELETE FROM ${q}.taxii_tokens WHERE name = $1`, [name], c);
      await this.#query(`DELETE FROM ${q}.taxii_rights WHERE name = $1`, [name], c);
      return (
        (await this.#query(`DELETE FROM ${q}.taxii_users WHERE name = $1 RETURNING name`, [name], c)).length >
        0
      );
    });
  }

  async putTaxiiToken(tokenHash: string, user: string, label: string, createdAt: string): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#q}.taxii_tokens (token_hash, name, label, created_at) VALUES ($1, $2, $3, $4)`,
      [tokenHash, user, label, createdAt],
    );
  }

  async getTaxiiTokenUser(tokenHash: string): Promise<string | undefined> {
    return (
      await this.#query<{ name: string }>(`SELECT name FROM ${this.#q}.taxii_tokens WHERE token_hash = $1`, [
        tokenHash,
      ])
    )[0]?.name;
  }

  async setTaxiiRight(r: TaxiiRight): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#q}.taxii_rights (name, collection, can_read, can_write) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name, collection) DO UPDATE SET can_read = excluded.can_read, can_write = excluded.can_write`,
      [r.user, r.collection, r.canRead ? 1 : 0, r.canWrite ? 1 : 0],
    );
  }

  async listTaxiiRights(user: string): Promise<TaxiiRight[]> {
    return (
      await this.#query<RightRow>(
        `SELECT * FROM ${this.#q}.taxii_rights WHERE name = $1 ORDER BY collection`,
        [user],
      )
    ).map(rightFromRow);
  }
}
