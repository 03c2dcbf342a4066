import { ValidationError } from '../errors.js';
import type { JsonObject } from '../jcs/index.js';
import { ENVELOPE_KINDS, ENVELOPE_VERSION, type Envelope, type EnvelopeKind } from './envelope.types.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const CHANNEL_ID_RE = new RegExp(`^channel--${UUID}$`);
export const PARTY_ID_RE = new RegExp(`^identity--${UUID}$`);
export const HASH_HEX_RE = /^[0-9a-f]{64}$/;
const SIG_RE = /^[A-Za-z0-9+/]{86}==$/;
// RFC 3339 in UTC with an optional fraction; STIX-style, and what Date#toISOString writes.
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
export const MAX_REFS = 1024;

const KIND_SET: ReadonlySet<string> = new Set(ENVELOPE_KINDS);
const ALLOWED = new Set([
  'v',
  'channel',
  'author',
  'seq',
  'prev',
  'created',
  'kind',
  'refs',
  'respond_by',
  'body',
  'sig',
]);

/**
 * True for an RFC 3339 UTC timestamp naming a real instant (no 30 February, no hour 24). A leap
 * second (:60) is refused: RFC 3339 allows it, but JavaScript's Date cannot hold it, so deadlines
 * computed from it would be NaN after the envelope was stored; nodes never sign one (they write
 * Date#toISOString), so only a hand-made or hostile envelope carries it.
 */
export function isTimestamp(s: string): boolean {
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
  const back = new Date(t);
  return back.getUTCDate() === d && back.getUTCMonth() === mo! - 1 && h! < 24 && mi! < 60 && se! < 60;
}

function wrongType(field: string, want: string, got: unknown): never {
  const kind = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  throw new ValidationError('ENVELOPE_WRONG_TYPE', `envelope field ${field} must be ${want}, got ${kind}`, {
    details: { field },
  });
}

function invalid(field: string, why: string): never {
  throw new ValidationError('ENVELOPE_INVALID', `envelope field ${field} ${why}`, { details: { field } });
}

function str(o: Record<string, unknown>, field: string, re: RegExp, what: string): string {
  const v = o[field];
  if (typeof v !== 'string') wrongType(field, 'a string', v);
  if (!re.test(v)) invalid(field, `is not ${what}`);
  return v;
}

/**
 * Checks that a parsed JSON value has the envelope's shape (types, formats, no unknown members).
 * Throws ValidationError ENVELOPE_WRONG_TYPE (a member of the wrong JSON type) or
 * ENVELOPE_INVALID (missing, unknown or malformed member).
 */
export function checkEnvelopeShape(value: unknown): Envelope {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    wrongType('(root)', 'an object', value);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!ALLOWED.has(k)) invalid(k, 'is not an envelope member');
  if (typeof o.v !== 'number') wrongType('v', 'a number', o.v);
  if (o.v !== ENVELOPE_VERSION) invalid('v', `must be ${ENVELOPE_VERSION}, got ${String(o.v)}`);
  const channel = str(o, 'channel', CHANNEL_ID_RE, 'a channel--<uuid> id');
  const author = str(o, 'author', PARTY_ID_RE, 'an identity--<uuid> id');
  if (typeof o.seq !== 'number') wrongType('seq', 'a number', o.seq);
  const seq = o.seq;
  if (!Number.isSafeInteger(seq) || seq < 0) invalid('seq', `must be a safe integer >= 0, got ${seq}`);
  if (seq === 0 && o.prev !== undefined) invalid('prev', 'must be absent when seq is 0');
  if (seq > 0 && o.prev === undefined) invalid('prev', `is required when seq is ${seq}`);
  if (o.prev !== undefined) str(o, 'prev', HASH_HEX_RE, '64 lower-case hex digits');
  const created = str(o, 'created', /./, '');
  if (!isTimestamp(created)) invalid('created', 'is not an RFC 3339 UTC timestamp');
  if (typeof o.kind !== 'string') wrongType('kind', 'a string', o.kind);
  if (!KIND_SET.has(o.kind)) invalid('kind', `is not a known kind (${o.kind.slice(0, 40)})`);
  if (o.refs !== undefined) {
    if (!Array.isArray(o.refs)) wrongType('refs', 'an array', o.refs);
    if (o.refs.length > MAX_REFS) invalid('refs', `holds more than ${MAX_REFS} hashes`);
    for (const r of o.refs) {
      if (typeof r !== 'string') wrongType('refs[]', 'a string', r);
      if (!HASH_HEX_RE.test(r)) invalid('refs[]', 'holds a value that is not a lower-case hex hash');
    }
  }
  if (o.respond_by !== undefined) {
    if (typeof o.respond_by !== 'string') wrongType('respond_by', 'a string', o.respond_by);
    if (!isTimestamp(o.respond_by)) invalid('respond_by', 'is not an RFC 3339 UTC timestamp');
  }
  if (o.body === null || typeof o.body !== 'object' || Array.isArray(o.body))
    wrongType('body', 'an object', o.body);
  str(o, 'sig', SIG_RE, 'a base64 Ed25519 signature');
  return {
    ...(o as object),
    channel,
    author,
    seq,
    created,
    kind: o.kind as EnvelopeKind,
    body: o.body as JsonObject,
  } as Envelope;
}
