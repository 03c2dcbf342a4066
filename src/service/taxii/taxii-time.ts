/**
 * Timestamps as TAXII 2.1 uses them. date_added is kept as integer microseconds since the epoch
 * and written with six fractional digits; object versions are kept as fixed-width text with nine
 * fractional digits, which sorts in time order and makes `…48Z` and `…48.000Z` the same version.
 */
import { TaxiiError } from './taxii-error.js';

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

interface Parts {
  readonly seconds: string;
  readonly frac: string;
  readonly epochMs: number;
}

function parts(ts: string): Parts | undefined {
  const m = RFC3339_UTC.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, f] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  // Rejects 2021-02-30 and 24:00:00, which Date.UTC would roll over.
  if (
    Number.isNaN(ms) ||
    back.getUTCDate() !== Number(d) ||
    back.getUTCHours() !== Number(h) ||
    back.getUTCMonth() !== Number(mo) - 1
  )
    return undefined;
  if (Number(y) < 1970) return undefined;
  return { seconds: ts.slice(0, 19), frac: f ?? '', epochMs: ms };
}

/** The fixed-width version key of a STIX timestamp, or undefined when it is not RFC 3339 UTC. */
export function versionKey(ts: string): string | undefined {
  const p = parts(ts);
  return p && `${p.seconds}.${p.frac.padEnd(9, '0')}Z`;
}

/** A version key back to a timestamp: trailing zeros dropped, but at least milliseconds kept. */
export function formatVersion(key: string): string {
  const m = /^(.{19})\.(\d{9})Z$/.exec(key);
  if (!m) return key;
  let frac = m[2]!.replace(/0+$/, '');
  if (frac.length < 3) frac = frac.padEnd(3, '0');
  return `${m[1]}.${frac}Z`;
}

/** Microseconds since the epoch of an RFC 3339 UTC timestamp (sub-µs digits truncated), or undefined. */
export function timestampToUs(ts: string): number | undefined {
  const p = parts(ts);
  return p && p.epochMs * 1000 + Number(p.frac.slice(0, 6).padEnd(6, '0'));
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function formatUs(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(us - ms * 1000).padStart(3, '0')}Z`;
}

export function dateToUs(d: Date): number {
  return d.getTime() * 1000;
}

/** Parses a filter timestamp (`added_after`, `match[version]`), throwing TAXII_FILTER_INVALID. */
export function requireTimestamp(ts: string, what: string): string {
  if (versionKey(ts) === undefined) {
    throw new TaxiiError(
      'TAXII_FILTER_INVALID',
      `${what} must be an RFC 3339 UTC timestamp like 2026-01-02T03:04:05.678Z, got ${JSON.stringify(ts.slice(0, 60))}`,
      {
        details: { parameter: what },
      },
    );
  }
  return ts;
}
