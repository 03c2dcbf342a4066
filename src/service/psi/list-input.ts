import { PsiError } from '../../core/errors.js';
import { buildPersonList, personMatches, type PersonRecord } from '../../core/names/index.js';
import { INDICATOR_TYPES, indicatorKey, type IndicatorType, type PsiListKind } from '../../core/psi/index.js';

/**
 * A user's list turned into comparison items: person records into name keys (core/names), and
 * indicators into their normalised `type:value` keys. Errors name the row, never its content:
 * these are PSI inputs, and messages end up in logs.
 */

export type ListFormat = 'csv' | 'json';

export interface ListMatch {
  /** Row of the user's own list (0-based, in input order). */
  readonly entry: number;
  /** The row as the user gave it (a name with its date of birth, or the normalised indicator). */
  readonly label: string;
  /** 'needs-review' when only loose name keys met (docs/psi.md, "Names"). */
  readonly status: 'match' | 'needs-review';
}

export interface PreparedList {
  readonly kind: PsiListKind;
  /** Rows in the user's list. */
  readonly entries: number;
  /** What enters the comparison (several keys per person; one per indicator). */
  readonly items: readonly Uint8Array[];
  /** Turns the matched item indices of a comparison into the user's own rows. */
  matchesOf(matchedItems: readonly number[]): ListMatch[];
}

/** Parses a list from CSV (with a header row) or JSON. Throws PSI_INPUT_INVALID. */
export function prepareList(kind: PsiListKind, text: string, format: ListFormat): PreparedList {
  const rows = format === 'json' ? jsonRows(text, kind) : csvRows(text, kind);
  return kind === 'persons' ? persons(rows) : indicators(rows);
}

/** The format of a file by its name or first character. */
export function guessFormat(name: string, text: string): ListFormat {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.csv$/i.test(name)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

type Row = Record<string, string>;

function bad(msg: string): PsiError {
  return new PsiError('PSI_INPUT_INVALID', msg);
}

function persons(rows: Row[]): PreparedList {
  const records: PersonRecord[] = rows.map((r, i) => {
    const rec: Record<string, string> = {};
    for (const k of ['name', 'surname', 'given', 'patronymic', 'dob', 'lang'] as const) {
      const v = r[k]?.trim();
      if (v) rec[k] = v;
    }
    if (!rec.name && !rec.surname && !rec.given)
      throw bad(`row ${i + 1}: a person needs name, or surname/given`);
    return rec as PersonRecord;
  });
  let list;
  try {
    list = buildPersonList(records);
  } catch (e) {
    throw bad(`a person record is invalid: ${(e as Error).message}`);
  }
  const label = (r: PersonRecord): string => {
    const name = r.name ?? [r.given, r.patronymic, r.surname].filter(Boolean).join(' ');
    return r.dob ? `${name}, ${r.dob}` : name;
  };
  return {
    kind: 'persons',
    entries: records.length,
    items: list.items,
    matchesOf: (matched) =>
      personMatches(list, matched).map((m) => ({
        entry: m.record,
        label: label(records[m.record]!),
        status: m.status,
      })),
  };
}

function indicators(rows: Row[]): PreparedList {
  const enc = new TextEncoder();
  const keys = rows.map((r, i) => {
    const value = r.value?.trim() ?? '';
    if (!value) throw bad(`row ${i + 1}: an indicator needs a value`);
    const type = r.type?.trim().toLowerCase() || undefined;
    if (type !== undefined && !(INDICATOR_TYPES as readonly string[]).includes(type))
      throw bad(`row ${i + 1}: unknown indicator type`);
    try {
      return indicatorKey(value, type as IndicatorType | undefined);
    } catch {
      throw bad(`row ${i + 1}: not a valid ${type ?? 'indicator'}`);
    }
  });
  return {
    kind: 'indicators',
    entries: keys.length,
    items: keys.map((k) => enc.encode(k)),
    matchesOf: (matched) =>
      [...new Set(matched)]
        .sort((a, b) => a - b)
        .map((i) => ({ entry: i, label: keys[i]!, status: 'match' as const })),
  };
}

function jsonRows(text: string, kind: PsiListKind): Row[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad('the list is not valid JSON');
  }
  if (v && typeof v === 'object' && !Array.isArray(v))
    v = (v as Record<string, unknown>)[kind] ?? (v as Record<string, unknown>).entries;
  if (!Array.isArray(v)) throw bad(`expected a JSON array (or an object with "${kind}")`);
  return v.map((x, i) => {
    if (typeof x === 'string') return kind === 'persons' ? { name: x } : { value: x };
    if (!x || typeof x !== 'object') throw bad(`entry ${i + 1} is neither a string nor an object`);
    const row: Row = {};
    for (const [k, val] of Object.entries(x as Record<string, unknown>)) {
      if (typeof val === 'string' || typeof val === 'number') row[k.toLowerCase()] = String(val);
    }
    return row;
  });
}

const HEADERS: Record<PsiListKind, readonly string[]> = {
  persons: ['name', 'surname', 'given', 'patronymic', 'dob', 'lang'],
  indicators: ['value', 'type'],
};

/**
 * RFC 4180 CSV. The first row is a header when it names a known column; otherwise the first
 * column is the name (persons) or the value (indicators), and a second one the dob or type.
 */
function csvRows(text: string, kind: PsiListKind): Row[] {
  const table = parseCsv(text.replace(/^\uFEFF/, ''));
  if (table.length === 0) return [];
  const first = table[0]!.map((h) => h.trim().toLowerCase());
  const hasHeader = first.some((h) => HEADERS[kind].includes(h));
  const cols = hasHeader ? first : kind === 'persons' ? ['name', 'dob', 'lang'] : ['value', 'type'];
  return table.slice(hasHeader ? 1 : 0).map((cells) => {
    const row: Row = {};
    cols.forEach((c, i) => {
      if (cells[i] !== undefined) row[c] = cells[i]!;
    });
    return row;
  });
}

/** Splits CSV text into rows of cells; quoted cells may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw bad('unterminated quote in the CSV');
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}
