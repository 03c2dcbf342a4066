/**
 * TAXII 2.1 §3.4 URL query parameters → a store query. Values may repeat or be comma-separated
 * (`match[type]=indicator,malware`); every malformed value throws TAXII_FILTER_INVALID.
 */
import type { ObjectQuery, VersionMatch } from '../../store/objects.types.js';
import { decodeCursor } from './taxii-cursor.js';
import { TaxiiError } from './taxii-error.js';
import { requireTimestamp, timestampToUs, versionKey } from './taxii-time.js';

export const DEFAULT_PAGE_LIMIT = 1000;
export const MAX_PAGE_LIMIT = 10_000;
const MAX_FILTER_VALUES = 1000;
const TYPE_RE = /^[a-z0-9][a-z0-9-]{0,249}$/;
const ID_RE =
  /^[a-z0-9][a-z0-9-]{0,249}--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SPEC_VERSION_RE = /^\d\.\d$/;

/** Raw query parameters as the HTTP layer parsed them. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

function invalid(parameter: string, message: string): TaxiiError {
  return new TaxiiError('TAXII_FILTER_INVALID', `${parameter}: ${message}`, { details: { parameter } });
}

function values(q: RawQuery, name: string): string[] | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  const list = (typeof v === 'string' ? [v] : v).flatMap((s) => s.split(',')).map((s) => s.trim());
  if (list.length > MAX_FILTER_VALUES) throw invalid(name, `at most ${MAX_FILTER_VALUES} values`);
  if (list.some((s) => s === '')) throw invalid(name, 'empty value');
  return list;
}

function single(q: RawQuery, name: string): string | undefined {
  const v = values(q, name);
  if (v === undefined) return undefined;
  if (v.length !== 1) throw invalid(name, 'give one value');
  return v[0];
}

function matching(q: RawQuery, name: string, re: RegExp, what: string): string[] | undefined {
  const v = values(q, name);
  for (const x of v ?? [])
    if (!re.test(x)) throw invalid(name, `${JSON.stringify(x.slice(0, 80))} is not ${what}`);
  return v;
}

/** match[version]: first, last, all, or timestamps; default last (§3.4.2). */
export function parseVersionMatch(q: RawQuery, fallback: VersionMatch = { last: true }): VersionMatch {
  const v = values(q, 'match[version]');
  if (v === undefined) return fallback;
  const at: string[] = [];
  let first = false;
  let last = false;
  let all = false;
  for (const x of v) {
    if (x === 'first') first = true;
    else if (x === 'last') last = true;
    else if (x === 'all') all = true;
    else at.push(versionKey(requireTimestamp(x, 'match[version]'))!);
  }
  return { first, last, all, at };
}

export function parseLimit(q: RawQuery): number {
  const s = single(q, 'limit');
  if (s === undefined) return DEFAULT_PAGE_LIMIT;
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1)
    throw invalid('limit', `must be a positive integer, got ${JSON.stringify(s.slice(0, 20))}`);
  return Math.min(Number(s), MAX_PAGE_LIMIT);
}

export interface ParsedFilters extends ObjectQuery {
  readonly limit: number;
}

export interface FilterOptions {
  /** Which match[...] parameters the endpoint accepts (§5: each endpoint lists its own). */
  readonly allow: readonly ('id' | 'type' | 'version' | 'spec_version')[];
  readonly bodies: boolean;
  /** For object-by-id and versions: the id from the path. */
  readonly id?: string;
  readonly defaultVersions?: VersionMatch;
}

const KNOWN = new Set([
  'added_after',
  'limit',
  'next',
  'match[id]',
  'match[type]',
  'match[version]',
  'match[spec_version]',
]);

export function parseFilters(q: RawQuery, opts: FilterOptions): ParsedFilters {
  for (const key of Object.keys(q)) {
    if (!KNOWN.has(key)) throw invalid(key, 'unknown query parameter');
    const m = /^match\[(.+)\]$/.exec(key);
    if (m && !(opts.allow as readonly string[]).includes(m[1]!))
      throw invalid(key, 'not supported on this endpoint');
  }
  const addedAfter = single(q, 'added_after');
  const next = single(q, 'next');
  return {
    addedAfterUs:
      addedAfter === undefined ? undefined : timestampToUs(requireTimestamp(addedAfter, 'added_after')),
    after: next === undefined ? undefined : decodeCursor(next),
    ids: opts.id !== undefined ? [opts.id] : matching(q, 'match[id]', ID_RE, 'a STIX id'),
    types: matching(q, 'match[type]', TYPE_RE, 'a STIX type'),
    specVersions: matching(q, 'match[spec_version]', SPEC_VERSION_RE, 'a STIX spec version'),
    versions: opts.allow.includes('version')
      ? parseVersionMatch(q, opts.defaultVersions)
      : (opts.defaultVersions ?? { all: true }),
    limit: parseLimit(q),
    bodies: opts.bodies,
  };
}

/** Whether a path segment is a STIX id at all (a path id that is not one names no object: 404). */
export function isStixId(id: string): boolean {
  return ID_RE.test(id);
}
