/**
 * The UI's incident report (POST /api/v1/channels/{id}/incidents, docs/ui.md): the POC template's
 * fields and an optional STIX 2.1 bundle, turned into the `notify` or `request` to send. The bundle
 * is checked before anything is signed: each observable's value must be what the designation
 * matcher reads (an address or a CIDR range without host bits, a domain, an absolute URL, an AS
 * number, an e-mail address, a file hash), then every object must be valid STIX 2.1. A refusal
 * names the JSON pointer of the offending value, relative to the request body.
 */
import { checkCidr, checkDomainName, urlHost } from '../../core/ci/index.js';
import { POC_TEMPLATE_FIELDS } from '../../core/dialogue/index.js';
import { ValidationError } from '../../core/errors.js';
import type { JsonObject } from '../../core/jcs/index.js';
import { validateBundle } from '../../core/stix/index.js';
import type { SendInput } from './dialogue-service.js';

const TEMPLATE_FIELDS = POC_TEMPLATE_FIELDS.map((f) => f.id);
const LOCAL_PART_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const HASH_HEX_LENGTH: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-512': 128,
};
const MAX_ASN = 4294967295;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with one observable: the property and why, or undefined when it is usable. */
function addressProblem(type: 'ipv4-addr' | 'ipv6-addr', value: string): string | undefined {
  const r = checkCidr(value);
  if (typeof r === 'string') return r;
  const want = type === 'ipv4-addr' ? 4 : 6;
  return r.version === want ? undefined : `"${value}" is an IPv${r.version} address, not IPv${want}`;
}

function urlProblem(value: string): string | undefined {
  try {
    new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  return urlHost(value) === undefined ? `"${value}" names no host` : undefined;
}

function emailProblem(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (at <= 0 || local.length > 64 || !LOCAL_PART_RE.test(local))
    return `"${value}" is not an e-mail address (local-part@domain)`;
  const d = checkDomainName(value.slice(at + 1));
  return typeof d === 'string' ? `"${value}": ${d}` : undefined;
}

function hashesProblem(hashes: unknown): { prop: string; why: string } | undefined {
  if (!isObj(hashes)) return undefined;
  for (const [alg, v] of Object.entries(hashes)) {
    const len = HASH_HEX_LENGTH[alg];
    if (len !== undefined && (typeof v !== 'string' || !new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(v)))
      return { prop: `hashes/${alg}`, why: `a ${alg} hash is ${len} hexadecimal digits` };
  }
  return undefined;
}

/** The observable's value as the matcher reads it; undefined when usable or not an observable. */
export function observableProblem(o: Obj): { prop: string; why: string } | undefined {
  const v = o.value;
  const str = (check: (s: string) => string | undefined) => {
    const why = typeof v === 'string' ? check(v) : 'expected a string';
    return why === undefined ? undefined : { prop: 'value', why };
  };
  switch (o.type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return str((s) => addressProblem(o.type as 'ipv4-addr' | 'ipv6-addr', s));
    case 'domain-name':
      return str((s) => {
        const d = checkDomainName(s);
        return typeof d === 'string' ? d : undefined;
      });
    case 'url':
      return str(urlProblem);
    case 'email-addr':
      return str(emailProblem);
    case 'autonomous-system':
      return Number.isSafeInteger(o.number) && (o.number as number) >= 0 && (o.number as number) <= MAX_ASN
        ? undefined
        : { prop: 'number', why: `expected an AS number 0-${MAX_ASN}` };
    case 'file':
      return hashesProblem(o.hashes);
    default:
      return undefined;
  }
}

/**
 * Checks a report's bundle. Throws ValidationError OBSERVABLE_INVALID (an observable the matcher
 * cannot read) or STIX_INVALID (a STIX 2.1 error), each with `details.pointer` from the request
 * body (`/bundle/objects/3/value`); STIX warnings pass.
 */
export function checkReportBundle(bundle: unknown): void {
  const objects = isObj(bundle) && Array.isArray(bundle.objects) ? bundle.objects : [];
  objects.forEach((o, i) => {
    const p = isObj(o) ? observableProblem(o) : undefined;
    if (p === undefined) return;
    const pointer = `/bundle/objects/${i}/${p.prop}`;
    throw new ValidationError('OBSERVABLE_INVALID', `${pointer}: ${p.why} (${String(o.type)})`, {
      details: { pointer },
    });
  });
  const errors = validateBundle(bundle).issues.filter((x) => x.severity === 'error');
  const first = errors[0];
  if (first === undefined) return;
  const pointer = `/bundle${first.pointer}`;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new ValidationError('STIX_INVALID', `${pointer}: ${first.message} [${first.code}]${more}`, {
    details: { pointer, problems: errors.map((x) => `/bundle${x.pointer}: ${x.message}`) },
  });
}

/**
 * The envelope to send for a report: a `request` when it asks for information or assistance, else a
 * `notify`. Throws as checkReportBundle; the template itself is checked when the envelope is made.
 */
export function incidentReportInput(b: Readonly<Record<string, unknown>>): SendInput {
  const template: JsonObject = {};
  for (const k of TEMPLATE_FIELDS) if (b[k] !== undefined) template[k] = b[k] as JsonObject[string];
  // The report form's name for a notification; the template's own value is `notification`.
  if (template.communication_type === 'incident_notification') template.communication_type = 'notification';
  const bundle = b.bundle as JsonObject | undefined;
  if (bundle !== undefined) checkReportBundle(bundle);
  if (!String(b.communication_type).startsWith('request_'))
    return { kind: 'notify', body: { template, ...(bundle ? { bundle } : {}) } };
  return {
    kind: 'request',
    body: {
      request_type: b.communication_type === 'request_for_information' ? 'information' : 'assistance',
      subject: String(b.incident_description).slice(0, 200),
      text: String(b.requested_action ?? b.incident_description),
      template,
      ...(bundle ? { bundle } : {}),
    },
    ...(typeof b.response_deadline === 'string'
      ? { respondBy: new Date(b.response_deadline).toISOString() }
      : {}),
  };
}
