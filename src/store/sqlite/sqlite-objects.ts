/** The STIX object store on SQLite (better-sqlite3): synchronous statements, one transaction per method. */
import type Database from 'better-sqlite3';
import { collectionNotFound } from '../objects-error.js';
import { objectFilterSql, planAddObjects, requireLimit } from '../objects-plan.js';
import {
  collectionFromRow,
  objectColumns,
  objectFromRaw,
  rightFromRow,
  statesFromRows,
  userFromRow,
  type CollectionRow,
  type MarkRow,
  type RawObjectRow,
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
import { mapSqliteError } from './sqlite-errors.js';

function prepare(db: Database.Database) {
  return {
    putCollection:
      db.prepare(`INSERT INTO taxii_collections (id, alias, title, description, kind, channel, media_types, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET alias = excluded.alias, title = excluded.title, description = excluded.description,
        media_types = excluded.media_types`),
    getCollection: db.prepare(
      'SELECT * FROM taxii_collections WHERE id = ? OR alias = ? ORDER BY id = ? DESC LIMIT 1',
    ),
    getChannelCollection: db.prepare('SELECT * FROM taxii_collections WHERE channel = ?'),
    listCollections: db.prepare('SELECT * FROM taxii_collections ORDER BY created_at, id'),
    setLastAdded: db.prepare('UPDATE taxii_collections SET last_added_us = ? WHERE coll_key = ?'),
    marks: db.prepare(
      'SELECT id, version, seq, is_first, is_last FROM stix_objects WHERE coll_key = ? AND id = ? AND (is_first = 1 OR is_last = 1)',
    ),
    exact: db.prepare(
      'SELECT id, version, seq, 0 AS is_first, 0 AS is_last FROM stix_objects WHERE coll_key = ? AND id = ? AND version = ?',
    ),
    insert:
      db.prepare(`INSERT INTO stix_objects (coll_key, added_us, id, type, version, spec_version, is_first, is_last, revoked, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    clearFirst: db.prepare('UPDATE stix_objects SET is_first = 0 WHERE seq = ?'),
    clearLast: db.prepare('UPDATE stix_objects SET is_last = 0 WHERE seq = ?'),
    unmark: db.prepare('UPDATE stix_objects SET is_first = 0, is_last = 0 WHERE coll_key = ? AND id = ?'),
    markFirst: db.prepare(`UPDATE stix_objects SET is_first = 1 WHERE seq =
      (SELECT seq FROM stix_objects WHERE coll_key = ? AND id = ? ORDER BY version ASC LIMIT 1)`),
    markLast: db.prepare(`UPDATE stix_objects SET is_last = 1 WHERE seq =
      (SELECT seq FROM stix_objects WHERE coll_key = ? AND id = ? ORDER BY version DESC LIMIT 1)`),
    count: db.prepare('SELECT count(*) FROM stix_objects WHERE coll_key = ?').pluck(),
    putStatus: db.prepare(
      'INSERT INTO taxii_status (id, body, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
    ),
    getStatus: db.prepare('SELECT id, body, created_at FROM taxii_status WHERE id = ?'),
    putUser: db.prepare(`INSERT INTO taxii_users (name, password_hash, created_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET password_hash = coalesce(excluded.password_hash, taxii_users.password_hash)`),
    getUser: db.prepare('SELECT * FROM taxii_users WHERE name = ?'),
    listUsers: db.prepare('SELECT * FROM taxii_users ORDER BY name'),
    deleteUser: db.prepare('DELETE FROM taxii_users WHERE name = ?'),
    deleteTokens: db.prepare('DELETE FROM taxii_tokens WHERE name = ?'),
    deleteRights: db.prepare('DELETE FROM taxii_rights WHERE name = ?'),
    putToken: db.prepare(
      'INSERT INTO taxii_tokens (token_hash, name, label, created_at) VALUES (?, ?, ?, ?)',
    ),
    getTokenUser: db.prepare('SELECT name FROM taxii_tokens WHERE token_hash = ?').pluck(),
    setRight: db.prepare(`INSERT INTO taxii_rights (name, collection, can_read, can_write) VALUES (?, ?, ?, ?)
      ON CONFLICT (name, collection) DO UPDATE SET can_read = excluded.can_read, can_write = excluded.can_write`),
    listRights: db.prepare('SELECT * FROM taxii_rights WHERE name = ? ORDER BY collection'),
  };
}

type Statements = ReturnType<typeof prepare>;

export class SqliteObjectStore implements ObjectStore {
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #s: Statements;
  readonly #queries = new Map<string, Database.Statement>();
  readonly #add: (collectionId: string, objects: readonly NewStixObject[], nowUs: number) => AddOutcome[];
  readonly #delete: (
    collectionId: string,
    id: string,
    versions: VersionMatch | undefined,
    specVersions: readonly string[] | undefined,
  ) => number;

  constructor(db: Database.Database, path: string) {
    this.#db = db;
    this.#path = path;
    this.#s = prepare(db);
    const add = db.transaction(this.#addInTx.bind(this));
    this.#add = (c, o, n) => add.immediate(c, o, n);
    const del = db.transaction(this.#deleteInTx.bind(this));
    this.#delete = (c, id, v, sv) => del.immediate(c, id, v, sv);
  }

  async #run<T>(fn: () => T): Promise<T> {
    try {
      return fn();
    } catch (e) {
      throw mapSqliteError(e, this.#path);
    }
  }

  #collectionRow(idOrAlias: string): CollectionRow {
    const row = this.#s.getCollection.get(idOrAlias, idOrAlias, idOrAlias) as CollectionRow | undefined;
    if (!row) throw collectionNotFound(idOrAlias);
    return row;
  }

  /** Prepared statements for page queries, cached by SQL text (the shapes are few). */
  #prepared(sql: string): Database.Statement {
    let st = this.#queries.get(sql);
    if (!st) {
      st = this.#db.prepare(sql);
      if (this.#queries.size > 256) this.#queries.clear();
      this.#queries.set(sql, st);
    }
    return st;
  }

  putCollection(c: CollectionRecord): Promise<void> {
    return this.#run(() => {
      this.#s.putCollection.run(
        c.id,
        c.alias ?? null,
        c.title,
        c.description ?? null,
        c.kind,
        c.channel ?? null,
        JSON.stringify(c.mediaTypes),
        c.createdAt,
      );
    });
  }

  getCollection(idOrAlias: string): Promise<CollectionRecord | undefined> {
    return this.#run(() => {
      const row = this.#s.getCollection.get(idOrAlias, idOrAlias, idOrAlias) as CollectionRow | undefined;
      return row && collectionFromRow(row);
    });
  }

  getChannelCollection(channel: string): Promise<CollectionRecord | undefined> {
    return this.#run(() => {
      const row = this.#s.getChannelCollection.get(channel) as CollectionRow | undefined;
      return row && collectionFromRow(row);
    });
  }

  listCollections(): Promise<CollectionRecord[]> {
    return this.#run(() => (this.#s.listCollections.all() as CollectionRow[]).map(collectionFromRow));
  }

  addObjects(collectionId: string, objects: readonly NewStixObject[], nowUs: number): Promise<AddOutcome[]> {
    return this.#run(() => this.#add(collectionId, objects, nowUs));
  }

  #addInTx(collectionId: string, objects: readonly NewStixObject[], nowUs: number): AddOutcome[] {
    const s = this.#s;
    const coll = this.#collectionRow(collectionId);
    const rows: MarkRow[] = [];
    const seen = new Set<string>();
    // Ids with no stored version (most of a bulk load) need no exact-version lookup.
    const known = new Set<string>();
    for (const o of objects) {
      if (!seen.has(o.id)) {
        seen.add(o.id);
        const marks = s.marks.all(coll.coll_key, o.id) as MarkRow[];
        if (marks.length > 0) known.add(o.id);
        rows.push(...marks);
      }
      if (o.version !== undefined && known.has(o.id)) {
        const hit = s.exact.get(coll.coll_key, o.id, o.version) as MarkRow | undefined;
        if (hit) rows.push(hit);
      }
    }
    const plan = planAddObjects(objects, statesFromRows(seen, rows), coll.last_added_us, nowUs);
    for (const seq of plan.clearFirst) s.clearFirst.run(seq);
    for (const seq of plan.clearLast) s.clearLast.run(seq);
    for (const r of plan.rows) {
      const res = s.insert.run(
        coll.coll_key,
        r.addedUs,
        r.id,
        r.type,
        r.version,
        r.specVersion,
        r.isFirst ? 1 : 0,
        r.isLast ? 1 : 0,
        r.revoked ? 1 : 0,
        r.body,
      );
      const out = plan.outcomes[r.index];
      if (out?.kind === 'added') plan.outcomes[r.index] = { ...out, seq: Number(res.lastInsertRowid) };
    }
    if (plan.rows.length > 0) s.setLastAdded.run(plan.lastAddedUs, coll.coll_key);
    return plan.outcomes as AddOutcome[];
  }

  queryObjects(collectionId: string, q: ObjectQuery): Promise<ObjectPage> {
    return this.#run(() => {
      requireLimit(q.limit);
      const coll = this.#collectionRow(collectionId);
      const params: unknown[] = [coll.coll_key];
      const where = objectFilterSql(q, (v) => {
        params.push(v);
        return '?';
      });
      params.push(q.limit + 1);
      const sql = `SELECT ${objectColumns(q.bodies)} FROM stix_objects o WHERE o.coll_key = ?${where} ORDER BY o.added_us LIMIT ?`;
      const rows = this.#prepared(sql)
        .raw(true)
        .all(...params) as RawObjectRow[];
      const more = rows.length > q.limit;
      if (more) rows.pop();
      return { objects: rows.map(objectFromRaw), more };
    });
  }

  deleteObject(
    collectionId: string,
    id: string,
    versions?: VersionMatch,
    specVersions?: readonly string[],
  ): Promise<number> {
    return this.#run(() => this.#delete(collectionId, id, versions, specVersions));
  }

  #deleteInTx(
    collectionId: string,
    id: string,
    versions: VersionMatch | undefined,
    specVersions: readonly string[] | undefined,
  ): number {
    const coll = this.#collectionRow(collectionId);
    const params: unknown[] = [coll.coll_key];
    const where = objectFilterSql({ ids: [id], versions: versions ?? { all: true }, specVersions }, (v) => {
      params.push(v);
      return '?';
    });
    const n = this.#db
      .prepare(`DELETE FROM stix_objects AS o WHERE o.coll_key = ?${where}`)
      .run(...params).changes;
    if (n > 0) {
      this.#s.unmark.run(coll.coll_key, id);
      this.#s.markFirst.run(coll.coll_key, id);
      this.#s.markLast.run(coll.coll_key, id);
    }
    return n;
  }

  countObjects(collectionId: string): Promise<number> {
    return this.#run(() => Number(this.#s.count.get(this.#collectionRow(collectionId).coll_key)));
  }

  putStatus(st: StatusRecord): Promise<void> {
    return this.#run(() => void this.#s.putStatus.run(st.id, st.body, st.createdAt));
  }

  getStatus(id: string): Promise<StatusRecord | undefined> {
    return this.#run(() => {
      const r = this.#s.getStatus.get(id) as { id: string; body: string; created_at: string } | undefined;
      return r && { id: r.id, body: r.body, createdAt: r.created_at };
    });
  }

  putTaxiiUser(u: TaxiiUserRecord): Promise<void> {
    return this.#run(() => void this.#s.putUser.run(u.name, u.passwordHash ?? null, u.createdAt));
  }

  getTaxiiUser(name: string): Promise<TaxiiUserRecord | undefined> {
    return this.#run(() => {
      const r = this.#s.getUser.get(name) as UserRow | undefined;
      return r && userFromRow(r);
    });
  }

  listTaxiiUsers(): Promise<TaxiiUserRecord[]> {
    return this.#run(() => (this.#s.listUsers.all() as UserRow[]).map(userFromRow));
  }

  deleteTaxiiUser(name: string): Promise<boolean> {
    return this.#run(() =>
      this.#db
        .transaction(() => {
          this.#s.deleteTokens.run(name);
          this.#s.deleteRights.run(name);
          return this.#s.deleteUser.run(name).changes > 0;
        })
        .immediate(),
    );
  }

  putTaxiiToken(tokenHash: string, user: string, label: string, createdAt: string): Promise<void> {
    return this.#run(() => void this.#s.putToken.run(tokenHash, user, label, createdAt));
  }

  getTaxiiTokenUser(tokenHash: string): Promise<string | undefined> {
    return this.#run(() => this.#s.getTokenUser.get(tokenHash) as string | undefined);
  }

  setTaxiiRight(r: TaxiiRight): Promise<void> {
    return this.#run(
      () => void this.#s.setRight.run(r.user, r.collection, r.canRead ? 1 : 0, r.canWrite ? 1 : 0),
    );
  }

  listTaxiiRights(user: string): Promise<TaxiiRight[]> {
    return this.#run(() => (this.#s.listRights.all(user) as RightRow[]).map(rightFromRow));
  }
}
