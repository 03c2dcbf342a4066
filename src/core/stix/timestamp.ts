/**
 * STIX 2.1 timestamps (§3.2 "timestamp"): RFC 3339 `YYYY-MM-DDTHH:mm:ss[.s+]Z`, always UTC with a
 * literal 'Z', a decimal point only when digits follow. `created` and `modified` must be precise to
 * the millisecond (§3.2, §3.6), so they need at least three fractional digits.
 *
 * The OASIS schema's regex accepts 2023-02-31 and a leap second at any minute; these checks do not.
 */
const STIX_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Properties whose value is a timestamp in the objects STIX 2.1 defines (SDOs, SROs, SCOs). */
export const STIX_TIMESTAMP_PROPERTIES: ReadonlySet<string> = new Set([
  'created',
  'modified',
  'first_seen',
  'last_seen',
  'valid_from',
  'valid_until',
  'published',
  'first_observed',
  'last_observed',
  'start_time',
  'stop_time',
  'analysis_started',
  'analysis_ended',
  'submitted',
  'ctime',
  'mtime',
  'atime',
  'date',
  'start',
  'end',
  'created_time',
  'modified_time',
  'account_created',
  'account_expires',
  'credential_last_changed',
  'account_first_login',
  'account_last_login',
  'validity_not_before',
  'validity_not_after',
]);

/** Properties that STIX requires at millisecond precision. */
export const MILLISECOND_PROPERTIES: ReadonlySet<string> = new Set(['created', 'modified']);

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Why `value` is not a STIX timestamp, or undefined when it is one.
 * `minFraction` is the number of fractional-second digits required (3 for created/modified).
 */
export function checkTimestamp(value: unknown, minFraction = 0): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  const m = STIX_TIMESTAMP.exec(value);
  if (m === null) {
    if (/[+-]\d{2}:?\d{2}$/.test(value) || /[tz]/.test(value.slice(10))) {
      return `'${value.slice(0, 60)}' is not in UTC with an upper-case 'T' and 'Z'`;
    }
    return `'${value.slice(0, 60)}' is not an RFC 3339 timestamp of the form YYYY-MM-DDTHH:mm:ss[.s+]Z`;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const fraction = m[7] ?? '';
  if (month < 1 || month > 12) return `'${value.slice(0, 60)}' has month ${month}`;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > maxDay) return `'${value.slice(0, 60)}' has day ${day}, month ${month} has ${maxDay}`;
  if (hour > 23 || minute > 59) return `'${value.slice(0, 60)}' has time ${m[4]}:${m[5]}`;
  // A UTC leap second can only be 23:59:60 (RFC 3339 §5.7).
  if (second > 60 || (second === 60 && (hour !== 23 || minute !== 59)))
    return `'${value.slice(0, 60)}' has second ${second}`;
  if (fraction.length < minFraction) return `'${value.slice(0, 60)}' must be precise to the millisecond`;
  return undefined;
}

/**
 * Orders two valid STIX timestamps without loss of precision (Date drops digits after the
 * millisecond, and 1 ms apart is a real case between versions). Negative when a < b.
 * Precondition: both pass checkTimestamp.
 */
export function compareTimestamps(a: string, b: string): number {
  const ha = a.slice(0, 19);
  const hb = b.slice(0, 19);
  if (ha !== hb) return ha < hb ? -1 : 1;
  const fa = a.length > 20 ? a.slice(20, -1) : '';
  const fb = b.length > 20 ? b.slice(20, -1) : '';
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
