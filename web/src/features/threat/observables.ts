/**
 * Observables of the report form: the rows a person types (type and value), checked as the node
 * checks them (src/service/dialogue/report-observables.ts) and turned into STIX 2.1 cyber-observable
 * objects with deterministic ids (stix-id.ts). Addresses, CIDR ranges, domains, URLs and AS numbers
 * are what a designation's assets hold, so those rows can match designated infrastructure; e-mail
 * addresses and file hashes travel as evidence only.
 */
import { scoId } from './stix-id';

export const OBSERVABLE_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'autonomous-system',
  'email-addr',
  'file-sha256',
] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** The types a designation can hold (src/core/ci/designation-index.ts matchObservable). */
export const MATCHABLE_TYPES: ReadonlySet<ObservableType> = new Set([
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'autonomous-system',
]);

export interface ObservableRow {
  /** React key, stable for the row's life. */
  readonly key: string;
  readonly type: ObservableType;
  readonly value: string;
}

/** Why a value was refused; each has a message in both languages (report.obs.problem.*). */
export type ObservableProblem =
  | 'empty'
  | 'ipv4'
  | 'ipv6'
  | 'prefix'
  | 'host-bits'
  | 'domain'
  | 'url'
  | 'asn'
  | 'email'
  | 'sha256'
  | 'duplicate';

export type ObservableCheck =
  | { readonly ok: true; readonly sco: Record<string, unknown> }
  | { readonly ok: false; readonly problem: ObservableProblem; readonly hint?: string };

const IPV4_RE =
  /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;
const LABEL_RE = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** The address as a 32- or 128-bit number, or undefined. IPv6 goes through the URL parser. */
function addressBits(text: string, v6: boolean): bigint | undefined {
  if (!v6) {
    if (!IPV4_RE.test(text)) return undefined;
    return text.split('.').reduce((n, p) => (n << 8n) | BigInt(p), 0n);
  }
  // No dotted IPv4 tail (::ffff:192.0.2.1): the OASIS ipv6-addr pattern does not admit one.
  if (!/^[0-9A-Fa-f:]+$/.test(text)) return undefined;
  let host: string;
  try {
    host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  // The parser's canonical form: groups of 1-4 hex digits, at most one "::".
  const [head, tail] = host.includes('::') ? host.split('::') : [host, undefined];
  const words = (s: string | undefined) => (s ? s.split(':') : []);
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((n, w) => (n << 16n) | BigInt(parseInt(w, 16)), 0n);
}

/** An address or a CIDR range (STIX ipv4-addr/ipv6-addr `value`); host bits set are refused. */
function checkAddress(type: 'ipv4-addr' | 'ipv6-addr', value: string): ObservableCheck {
  const v6 = type === 'ipv6-addr';
  const max = v6 ? 128 : 32;
  const [addr = '', prefixText, extra] = value.split('/');
  if (extra !== undefined) return { ok: false, problem: v6 ? 'ipv6' : 'ipv4' };
  const bits = addressBits(addr, v6);
  if (bits === undefined) return { ok: false, problem: v6 ? 'ipv6' : 'ipv4' };
  if (prefixText === undefined) return { ok: true, sco: sco(type, { value }) };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max)
    return { ok: false, problem: 'prefix', hint: String(max) };
  const host = (1n << BigInt(max - Number(prefixText))) - 1n;
  if ((bits & host) !== 0n) return { ok: false, problem: 'host-bits' };
  return { ok: true, sco: sco(type, { value }) };
}

/** Lower-case A-labels, as the node's designations hold them (src/core/ci/domain-name.ts). */
function domainOk(input: string): string | undefined {
  let d = input.endsWith('.') ? input.slice(0, -1) : input;
  if (/[^\x00-\x7f]/.test(d)) {
    try {
      d = new URL(`http://${d}/`).hostname;
    } catch {
      return undefined;
    }
  }
  d = d.toLowerCase();
  const labels = d.split('.');
  if (d.length > 253 || !labels.every((l) => LABEL_RE.test(l))) return undefined;
  return labels.every((l) => /^[0-9]+$/.test(l)) ? undefined : d;
}

function sco(type: string, props: Record<string, unknown>): Record<string, unknown> {
  return { type, spec_version: '2.1', id: scoId(type, props), ...props };
}

/** Checks one row's value and, when it is good, builds its STIX object (without markings). */
export function checkObservable(type: ObservableType, raw: string): ObservableCheck {
  const value = raw.trim();
  if (value === '') return { ok: false, problem: 'empty' };
  switch (type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return checkAddress(type, value);
    case 'domain-name':
      return domainOk(value) === undefined
        ? { ok: false, problem: 'domain' }
        : { ok: true, sco: sco(type, { value: value.toLowerCase() }) };
    case 'url': {
      let u: URL | undefined;
      try {
        u = new URL(value);
      } catch {
        u = undefined;
      }
      return u && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]/i.test(value) && u.hostname !== ''
        ? { ok: true, sco: sco(type, { value }) }
        : { ok: false, problem: 'url' };
    }
    case 'autonomous-system': {
      const m = /^(?:AS)?([0-9]{1,10})$/i.exec(value);
      const n = m ? Number(m[1]) : NaN;
      return Number.isInteger(n) && n <= 4294967295
        ? { ok: true, sco: sco(type, { number: n }) }
        : { ok: false, problem: 'asn' };
    }
    case 'email-addr': {
      const at = value.lastIndexOf('@');
      const local = value.slice(0, at);
      return at > 0 && local.length <= 64 && LOCAL_RE.test(local) && domainOk(value.slice(at + 1))
        ? { ok: true, sco: sco(type, { value }) }
        : { ok: false, problem: 'email' };
    }
    case 'file-sha256':
      return /^[0-9A-Fa-f]{64}$/.test(value)
        ? { ok: true, sco: sco('file', { hashes: { 'SHA-256': value.toLowerCase() } }) }
        : { ok: false, problem: 'sha256' };
  }
}

/**
 * Every row checked: the STIX objects of the good ones (a second row for the same object is refused
 * as a duplicate) and, by row key, the problem of each bad one. Empty rows are left out, unflagged.
 */
export function checkObservableRows(rows: readonly ObservableRow[]): {
  scos: Record<string, unknown>[];
  problems: Map<string, { problem: ObservableProblem; hint?: string }>;
} {
  const scos: Record<string, unknown>[] = [];
  const problems = new Map<string, { problem: ObservableProblem; hint?: string }>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.value.trim() === '') continue;
    const c = checkObservable(r.type, r.value);
    if (!c.ok) problems.set(r.key, { problem: c.problem, ...(c.hint ? { hint: c.hint } : {}) });
    else if (seen.has(c.sco.id as string)) problems.set(r.key, { problem: 'duplicate' });
    else {
      seen.add(c.sco.id as string);
      scos.push(c.sco);
    }
  }
  return { scos, problems };
}
