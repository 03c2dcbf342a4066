/**
 * The start-up scan of scored incidents, as columns. Reading a million rows one value at a time costs
 * more in the driver than in the database (better-sqlite3 builds every row and every value through
 * V8's API; pg parses every row), so each page comes back as ONE row: the ids (`<channel>|<incident
 * id>`), parties, sector lists and designation lists each joined into one text by the database, times
 * and scores as one JSON array (SQLite) or as text and a bytea of IEEE doubles (PostgreSQL, exact
 * whatever `extra_float_digits` says). JavaScript finds the separators and hands the texts on with
 * offsets (PackedStrings): no string per incident, and the channel is the part of the id before `|`.
 *
 * A value holding the separator U+001E (which no id, sector or designation key is expected to hold)
 * would give a text more pieces than rows, and a channel holding `|` would end early; both are
 * detected, and such a page is read again row by row, so the result is the same either way.
 */
import { detachedCopy, SliceMap, type PackedStrings } from '../../core/score/index.js';
import type { IncidentScoreColumns } from '../threat.types.js';
import { asNumber, type SqlExecutor } from './sql-executor.js';

const SEP = '\x1e';
const PIPE = '|';
const NONE: readonly string[] = Object.freeze([]);

// A page is (cursor, cursor + limit] in storage positions: SQLite's rowids have no gaps, so that is
// `limit` rows; PostgreSQL's identity can have gaps, which only makes some pages shorter. SQLite is
// told to read the covering index threat_incidents_scan (migration 9), in position order, and never
// the table, whose rows carry the long `detail`; the id and instr expressions are spelt as in the
// index, so that SQLite reads them from it instead of computing them.
/** Exported for the test that SQLite reads only the covering index. */
export const SQLITE_PAGE = `SELECT count(*), max(n), max(instr(channel, '|')),
  group_concat(channel || '|' || incident_id, char(30)), group_concat(party, char(30)),
  json_group_array(at_ms), json_group_array(score),
  group_concat(sectors, char(30)), group_concat(designated, char(30)),
  (SELECT max(n) FROM threat_incidents)
FROM threat_incidents INDEXED BY threat_incidents_scan WHERE n > ? AND n <= ?`;

const PG_PAGE = `SELECT count(*), max(n), max(strpos(channel, '|')),
  string_agg(channel || '|' || incident_id, chr(30) ORDER BY n), string_agg(party, chr(30) ORDER BY n),
  string_agg(at_ms::text, ',' ORDER BY n), string_agg(float8send(score), ''::bytea ORDER BY n),
  string_agg(sectors, chr(30) ORDER BY n), string_agg(designated, chr(30) ORDER BY n),
  (SELECT max(n) FROM threat_incidents)
FROM threat_incidents WHERE n > ? AND n <= ?`;

const ROWS_PAGE = `SELECT channel || '|' || incident_id, channel, party, at_ms, score, sectors, designated
FROM threat_incidents WHERE n > ? AND n <= ? ORDER BY n`;

const NO_OFFSETS = new Int32Array(0);
const NO_STRINGS: PackedStrings = Object.freeze({ text: '', start: NO_OFFSETS, end: NO_OFFSETS });
const EMPTY: IncidentScoreColumns = Object.freeze({
  length: 0,
  id: NO_STRINGS,
  channel: NO_STRINGS,
  party: NO_STRINGS,
  at: NONE as readonly never[],
  score: NONE as readonly never[],
  sectors: NONE as readonly never[],
  designated: NONE as readonly never[],
});

/** Most distinct sector lists kept split (beyond it, a list is split per incident). */
const MAX_LISTS = 10_000;

/**
 * Sector lists repeat (a few per sector taxonomy), so each distinct text is split once and the frozen
 * array shared; designation lists are mostly empty and share one frozen empty array.
 */
export class ListCache {
  private readonly lists = new SliceMap<readonly string[]>();

  shared(text: string, start: number, end: number): readonly string[] {
    if (start === end) return NONE;
    let l = this.lists.getSlice(text, start, end);
    if (l === undefined) {
      const key = detachedCopy(text.slice(start, end));
      l = Object.freeze(key.split('\n'));
      if (this.lists.size < MAX_LISTS) this.lists.add(key, l);
    }
    return l;
  }

  static own(text: string, start: number, end: number): readonly string[] {
    return start === end ? NONE : text.slice(start, end).split('\n');
  }
}

/** Offsets of the `count` SEP-separated values of `text`, or undefined when there are more or fewer. */
function offsets(text: string, count: number): PackedStrings | undefined {
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const sep = text.indexOf(SEP, pos);
    if (sep < 0 !== (i === count - 1)) return undefined;
    start[i] = pos;
    end[i] = sep < 0 ? text.length : sep;
    pos = end[i]! + 1;
  }
  return { text, start, end };
}

/** The channel of each `<channel>|<incident id>`: the part before the first `|`. */
function channelsOf(ids: PackedStrings): PackedStrings {
  const end = new Int32Array(ids.start.length);
  for (let i = 0; i < end.length; i++) end[i] = ids.text.indexOf(PIPE, ids.start[i]);
  return { text: ids.text, start: ids.start, end };
}

/** Joins `values` with SEP and returns them packed; offsets come from the lengths, so a value may hold SEP. */
function pack(values: readonly string[]): PackedStrings {
  const start = new Int32Array(values.length);
  const end = new Int32Array(values.length);
  let pos = 0;
  values.forEach((v, i) => {
    start[i] = pos;
    end[i] = pos + v.length;
    pos = end[i]! + 1;
  });
  return { text: values.join(SEP), start, end };
}

function doublesFromBytes(v: unknown, count: number): number[] | undefined {
  const b = v as Uint8Array;
  if (b.byteLength !== count * 8) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8);
  return out;
}

function numbers(v: unknown, count: number, json: boolean): number[] | undefined {
  const out = json ? (JSON.parse(v as string) as number[]) : (v as string).split(',').map(Number);
  return out.length === count ? out : undefined;
}

/** One page row of SQLITE_PAGE or PG_PAGE as columns, or undefined when it has to be read row by row. */
function decodePage(
  r: readonly unknown[],
  count: number,
  pg: boolean,
  cache: ListCache,
): IncidentScoreColumns | undefined {
  if (asNumber(r[2]) !== 0) return undefined;
  const id = offsets(r[3] as string, count);
  const party = offsets(r[4] as string, count);
  const at = numbers(r[5], count, !pg);
  const score = pg ? doublesFromBytes(r[6], count) : numbers(r[6], count, true);
  const sectorTexts = offsets(r[7] as string, count);
  const designatedTexts = offsets(r[8] as string, count);
  if (!id || !party || !at || !score || !sectorTexts || !designatedTexts) return undefined;
  const sectors = new Array<readonly string[]>(count);
  const designated = new Array<readonly string[]>(count);
  for (let i = 0; i < count; i++) {
    sectors[i] = cache.shared(sectorTexts.text, sectorTexts.start[i]!, sectorTexts.end[i]!);
    designated[i] = ListCache.own(designatedTexts.text, designatedTexts.start[i]!, designatedTexts.end[i]!);
  }
  return { length: count, id, channel: channelsOf(id), party, at, score, sectors, designated };
}

/** The same page read one row at a time (pages whose joined texts did not come apart cleanly). */
async function readRows(
  q: SqlExecutor,
  lo: number,
  hi: number,
  cache: ListCache,
): Promise<IncidentScoreColumns> {
  const raw = await q.allRaw(ROWS_PAGE, [lo, hi]);
  const col = (k: number) => raw.map((r) => r[k] as string);
  // Ids and channels packed in separate texts: here a channel may hold `|` or SEP.
  return {
    length: raw.length,
    id: pack(col(0)),
    channel: pack(col(1)),
    party: pack(col(2)),
    at: raw.map((r) => asNumber(r[3])),
    score: raw.map((r) => (typeof r[4] === 'number' ? r[4] : Number(r[4]))),
    sectors: raw.map((r) => cache.shared(r[5] as string, 0, (r[5] as string).length)),
    designated: raw.map((r) => ListCache.own(r[6] as string, 0, (r[6] as string).length)),
  };
}

/** See ThreatStore.scanIncidentScores. `cache` may be shared by the pages of one scan. */
export async function scanIncidentPage(
  q: SqlExecutor,
  cursor: number,
  limit: number,
  cache: ListCache = new ListCache(),
): Promise<{ columns: IncidentScoreColumns; cursor: number; done: boolean }> {
  const pg = q.dialect === 'postgres';
  const hi = cursor + limit;
  const [r] = await q.allRaw(pg ? PG_PAGE : SQLITE_PAGE, [cursor, hi]);
  const count = asNumber(r![0]);
  const last = r![9] === null ? 0 : asNumber(r![9]);
  const done = last <= hi;
  if (count === 0) return { columns: EMPTY, cursor: done ? cursor : hi, done };
  const columns = decodePage(r!, count, pg, cache) ?? (await readRows(q, cursor, hi, cache));
  return { columns, cursor: asNumber(r![1]), done };
}
