/**
 * Plans an `addObjects` batch the same way on both engines: which versions are new, the
 * date_added each gets, and how the first/last marks of each id move. The engines fetch the
 * current state of the ids involved, call `planAddObjects`, then write what it says.
 */
import type { AddOutcome, NewStixObject, ObjectQuery, VersionMatch } from './objects.types.js';

/** The stored state of one id in one collection, as far as a batch needs it. */
export interface IdState {
  first?: { readonly version: string; readonly seq: number } | undefined;
  last?: { readonly version: string; readonly seq: number } | undefined;
  /** Versions known to be stored (at least those the batch asks about). */
  readonly stored: Set<string>;
}

export interface PlannedRow {
  readonly addedUs: number;
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly specVersion: string;
  isFirst: boolean;
  isLast: boolean;
  readonly revoked: boolean;
  readonly body: string;
  /** Index in the input. */
  readonly index: number;
}

export interface AddPlan {
  readonly rows: PlannedRow[];
  /** Stored rows that lose their first mark / last mark. */
  readonly clearFirst: number[];
  readonly clearLast: number[];
  /** The collection's new last date_added. */
  readonly lastAddedUs: number;
  /** Outcomes in input order; `seq` of added rows is filled in by the engine after insert. */
  readonly outcomes: (AddOutcome | undefined)[];
}

/** The date_added time for objects with neither `modified` nor `created`. */
export function addedVersionKey(addedUs: number): string {
  const ms = Math.floor(addedUs / 1000);
  const us = addedUs - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(us).padStart(3, '0')}000Z`;
}

/**
 * Requires `states` to hold an entry for every id in `objects` (empty when the id is new).
 * Mutates `states` to reflect the batch.
 */
export function planAddObjects(
  objects: readonly NewStixObject[],
  states: Map<string, IdState>,
  lastAddedUs: number,
  nowUs: number,
): AddPlan {
  if (!Number.isSafeInteger(nowUs) || nowUs < 0)
    throw new RangeError(`nowUs must be a safe integer >= 0, got ${nowUs}`);
  let added = Math.max(lastAddedUs, nowUs - 1);
  const rows: PlannedRow[] = [];
  const outcomes: (AddOutcome | undefined)[] = [];
  // Rows of this batch by id, to fix their marks after the whole batch is seen.
  const batchRows = new Map<string, PlannedRow[]>();
  const clearFirst = new Set<number>();
  const clearLast = new Set<number>();
  const finalFirst = new Map<string, string>();
  const finalLast = new Map<string, string>();
  objects.forEach((o, index) => {
    const state = states.get(o.id)!;
    const addedUs = added + 1;
    const version = o.version ?? addedVersionKey(addedUs);
    if (state.stored.has(version)) {
      outcomes.push({ kind: 'duplicate', version });
      return;
    }
    added = addedUs;
    state.stored.add(version);
    const row: PlannedRow = {
      addedUs,
      id: o.id,
      type: o.type,
      version,
      specVersion: o.specVersion,
      isFirst: false,
      isLast: false,
      revoked: o.revoked,
      body: o.body,
      index,
    };
    rows.push(row);
    outcomes.push({ kind: 'added', version, addedUs, seq: 0 });
    let list = batchRows.get(o.id);
    if (!list) batchRows.set(o.id, (list = []));
    list.push(row);
    const first = finalFirst.get(o.id) ?? state.first?.version;
    const last = finalLast.get(o.id) ?? state.last?.version;
    if (first === undefined || version < first) finalFirst.set(o.id, version);
    if (last === undefined || version > last) finalLast.set(o.id, version);
  });
  for (const [id, list] of batchRows) {
    const state = states.get(id)!;
    const first = finalFirst.get(id);
    const last = finalLast.get(id);
    if (first !== undefined && state.first && state.first.version !== first) clearFirst.add(state.first.seq);
    if (last !== undefined && state.last && state.last.version !== last) clearLast.add(state.last.seq);
    for (const r of list) {
      r.isFirst = r.version === (first ?? state.first?.version);
      r.isLast = r.version === (last ?? state.last?.version);
    }
  }
  return { rows, clearFirst: [...clearFirst], clearLast: [...clearLast], lastAddedUs: added, outcomes };
}

/** Placeholder style of an engine: `?` (SQLite) or `$n` (PostgreSQL). */
export type Placeholders = (value: unknown) => string;

export interface BuiltQuery {
  readonly where: string;
  readonly params: unknown[];
}

/** WHERE clauses for the version selection; empty when every version matches. */
function versionClause(v: VersionMatch | undefined, ph: Placeholders): string {
  const m = v ?? { last: true };
  if (m.all) return '';
  const parts: string[] = [];
  if (m.first) parts.push('o.is_first = 1');
  if (m.last) parts.push('o.is_last = 1');
  if (m.at && m.at.length > 0) parts.push(`o.version IN (${m.at.map(ph).join(', ')})`);
  if (parts.length === 0) return ' AND 1 = 0';
  return ` AND (${parts.join(' OR ')})`;
}

/**
 * The WHERE clause of a page query after `o.coll_key = <key>`, shared by both engines.
 * `ph` appends a value to the parameter list and returns its placeholder.
 */
export function objectFilterSql(q: Omit<ObjectQuery, 'limit' | 'bodies'>, ph: Placeholders): string {
  let sql = '';
  const lower = Math.max(q.addedAfterUs ?? -1, q.after ? q.after.addedUs - 1 : -1);
  if (lower >= 0) sql += ` AND o.added_us > ${ph(lower)}`;
  if (q.after) sql += ` AND (o.added_us > ${ph(q.after.addedUs)} OR o.seq > ${ph(q.after.seq)})`;
  if (q.ids && q.ids.length > 0) sql += ` AND o.id IN (${q.ids.map(ph).join(', ')})`;
  if (q.types && q.types.length > 0) sql += ` AND o.type IN (${q.types.map(ph).join(', ')})`;
  if (q.specVersions && q.specVersions.length > 0)
    sql += ` AND o.spec_version IN (${q.specVersions.map(ph).join(', ')})`;
  if (q.excludeRevoked) sql += ' AND o.revoked = 0';
  sql += versionClause(q.versions, ph);
  return sql;
}

/** Throws RangeError unless 1 ≤ limit ≤ 2^31. */
export function requireLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 2 ** 31)
    throw new RangeError(`limit must be an integer in [1, 2^31], got ${limit}`);
}
