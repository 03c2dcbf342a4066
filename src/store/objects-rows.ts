/** Row types of the object store's tables and their mappers, shared by both engines. */
import type {
  CollectionKind,
  CollectionRecord,
  StoredObject,
  TaxiiRight,
  TaxiiUserRecord,
} from './objects.types.js';
import type { IdState } from './objects-plan.js';

export interface CollectionRow {
  readonly coll_key: number;
  readonly id: string;
  readonly alias: string | null;
  readonly title: string;
  readonly description: string | null;
  readonly kind: string;
  readonly channel: string | null;
  readonly media_types: string;
  readonly last_added_us: number;
  readonly created_at: string;
}

export interface ObjectRow {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly spec_version: string;
  readonly added_us: number;
  readonly revoked: number;
  readonly body?: string;
}

export interface MarkRow {
  readonly id: string;
  readonly version: string;
  readonly seq: number;
  readonly is_first: number;
  readonly is_last: number;
}

export interface UserRow {
  readonly name: string;
  readonly password_hash: string | null;
  readonly created_at: string;
}

export interface RightRow {
  readonly name: string;
  readonly collection: string;
  readonly can_read: number;
  readonly can_write: number;
}

export function collectionFromRow(r: CollectionRow): CollectionRecord {
  return {
    id: r.id,
    title: r.title,
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.alias !== null ? { alias: r.alias } : {}),
    kind: r.kind as CollectionKind,
    ...(r.channel !== null ? { channel: r.channel } : {}),
    mediaTypes: JSON.parse(r.media_types) as string[],
    createdAt: r.created_at,
  };
}

export function objectFromRow(r: ObjectRow): StoredObject {
  const o: StoredObject = {
    seq: r.seq,
    id: r.id,
    type: r.type,
    specVersion: r.spec_version,
    version: r.version,
    addedUs: r.added_us,
    revoked: r.revoked === 1,
  };
  return r.body === undefined ? o : { ...o, body: r.body };
}

export function userFromRow(r: UserRow): TaxiiUserRecord {
  return {
    name: r.name,
    ...(r.password_hash !== null ? { passwordHash: r.password_hash } : {}),
    createdAt: r.created_at,
  };
}

export function rightFromRow(r: RightRow): TaxiiRight {
  return { user: r.name, collection: r.collection, canRead: r.can_read === 1, canWrite: r.can_write === 1 };
}

/** Folds mark rows (and rows found by exact version) into per-id states; every id gets one. */
export function statesFromRows(ids: Iterable<string>, rows: readonly MarkRow[]): Map<string, IdState> {
  const states = new Map<string, IdState>();
  for (const id of ids) if (!states.has(id)) states.set(id, { stored: new Set() });
  for (const r of rows) {
    const s = states.get(r.id);
    if (!s) continue;
    s.stored.add(r.version);
    if (r.is_first === 1) s.first = { version: r.version, seq: r.seq };
    if (r.is_last === 1) s.last = { version: r.version, seq: r.seq };
  }
  return states;
}

/** A page row in raw (array) form, in the order of `objectColumns`: cheaper than a row object. */
export type RawObjectRow = [number, string, string, string, string, number, number, string?];

export function objectFromRaw(r: RawObjectRow): StoredObject {
  return {
    seq: r[0],
    id: r[1],
    type: r[2],
    version: r[3],
    specVersion: r[4],
    addedUs: r[5],
    revoked: r[6] === 1,
    body: r[7],
  };
}

/** The SELECT list of a page query. */
export function objectColumns(bodies: boolean): string {
  return `o.seq, o.id, o.type, o.version, o.spec_version, o.added_us, o.revoked${bodies ? ', o.body' : ''}`;
}
