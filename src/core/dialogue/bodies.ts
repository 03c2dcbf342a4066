import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ValidationError } from '../errors.js';
import type { EnvelopeKind } from '../envelope/index.js';
import type { JsonObject } from '../jcs/index.js';
import {
  BODY_SCHEMAS,
  POC_TEMPLATE_KINDS,
  RECEIVED_TEMPLATE_BODY_SCHEMAS,
  type PocTemplateKind,
  type SchemaKind,
  type TlpName,
} from './body-schemas.js';
import { unknownTemplateFields } from './poc-template.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: SchemaKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    v = ajv.compile(BODY_SCHEMAS[kind]);
    compiled.set(kind, v);
  }
  return v;
}

/**
 * Checks an envelope body against its kind's schema. Throws ValidationError ENVELOPE_INVALID
 * naming the first failing field by JSON pointer (for a missing or unknown property, the
 * pointer of that property) and, for an enum, the allowed values.
 */
export function checkBody(kind: EnvelopeKind, body: JsonObject): void {
  if (!(kind in BODY_SCHEMAS)) return;
  const problem = problemOf(validatorFor(kind as SchemaKind), kind, body);
  if (problem) throw problem;
}

/** What checkReceivedBody found in a peer's body. */
export interface ReceivedBodyCheck {
  /**
   * Fields of the body's POC template that this node's field list lacks, kept in the signed body
   * and to be shown as unknown (at most MAX_REPORTED_UNKNOWN_FIELDS names). Empty for other kinds.
   */
  readonly unknownTemplateFields: readonly string[];
  /** ENVELOPE_INVALID, as checkBody would throw it, when the body does not conform otherwise. */
  readonly problem: ValidationError | undefined;
}

const isTemplateKind = (kind: string): kind is PocTemplateKind =>
  (POC_TEMPLATE_KINDS as readonly string[]).includes(kind);
const receivedValidators = new Map<PocTemplateKind, ValidateFunction>();

/**
 * Checks a body received from a peer. As checkBody, except that a POC template may carry fields
 * this node's field list does not have: a peer on older or newer software signed them, and
 * refusing a signed envelope would stop that author's log here for good (envelopes apply in
 * order). Those fields are reported, never dropped; their values are not looked at. Never throws.
 */
export function checkReceivedBody(kind: EnvelopeKind, body: JsonObject): ReceivedBodyCheck {
  if (!isTemplateKind(kind)) {
    const problem =
      kind in BODY_SCHEMAS ? problemOf(validatorFor(kind as SchemaKind), kind, body) : undefined;
    return { unknownTemplateFields: [], problem };
  }
  let v = receivedValidators.get(kind);
  if (!v) {
    v = ajv.compile(RECEIVED_TEMPLATE_BODY_SCHEMAS[kind]);
    receivedValidators.set(kind, v);
  }
  return { unknownTemplateFields: unknownTemplateFields(body.template), problem: problemOf(v, kind, body) };
}

function problemOf(v: ValidateFunction, kind: string, body: JsonObject): ValidationError | undefined {
  if (v(body)) return undefined;
  const { pointer, message } = describe(v.errors?.[0]);
  return new ValidationError('ENVELOPE_INVALID', `${kind} body ${pointer} ${message}`, {
    details: { kind, pointer },
  });
}

function describe(e: ErrorObject | undefined): { pointer: string; message: string } {
  const at = e?.instancePath ?? '';
  const p = (e?.params ?? {}) as {
    missingProperty?: string;
    additionalProperty?: string;
    allowedValues?: unknown[];
  };
  if (e?.keyword === 'required' && p.missingProperty)
    return { pointer: `${at}/${p.missingProperty}`, message: 'is required' };
  if (e?.keyword === 'additionalProperties' && p.additionalProperty)
    return { pointer: `${at}/${p.additionalProperty}`, message: 'is not a field of this object' };
  if (e?.keyword === 'enum' && p.allowedValues)
    return {
      pointer: at || '/',
      message: `must be one of ${p.allowedValues.map((x) => JSON.stringify(x)).join(', ')}`,
    };
  return { pointer: at || '/', message: e?.message ?? 'is invalid' };
}

export interface ChannelPolicy {
  readonly receipt_deadline_s: number;
  readonly response_time_s: number;
  readonly ci_receipt_deadline_s?: number;
  readonly tlp_ceiling: TlpName;
}

export interface ChannelMember {
  readonly party: string;
  readonly public_key: string;
  readonly endpoint: string;
  readonly name: string;
}

export interface InviteBody {
  readonly name: string;
  readonly purpose?: string;
  readonly policy: ChannelPolicy;
  readonly members: readonly ChannelMember[];
}

export interface ReceiptBody {
  readonly acks: readonly string[];
  readonly log: { readonly author: string; readonly size: number; readonly root_hash: string };
  readonly checkpoint?: string;
}

export interface RequestBody {
  readonly request_type: 'information' | 'assistance' | 'mitigation';
  readonly subject: string;
  readonly text: string;
}

export interface ResponseBody {
  readonly status: 'answered' | 'partial' | 'declined' | 'acknowledged';
  readonly text: string;
}

export interface StatementBody {
  readonly title: string;
  readonly text: string;
  readonly lang: string;
  readonly signers?: readonly string[];
}

export interface StatementSignBody {
  readonly statement: string;
  readonly signature: string;
}

/** Sensible defaults for a new channel: receipts within 1 h, answers within 72 h, AMBER ceiling. */
export const DEFAULT_CHANNEL_POLICY: ChannelPolicy = {
  receipt_deadline_s: 3600,
  response_time_s: 72 * 3600,
  ci_receipt_deadline_s: 900,
  tlp_ceiling: 'TLP:AMBER',
};

/** Kinds a receiver acknowledges with a receipt. Receipts themselves are not receipted. */
export function needsReceipt(kind: EnvelopeKind): boolean {
  return kind !== 'receipt';
}
