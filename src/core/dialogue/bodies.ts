import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ValidationError } from '../errors.js';
import type { EnvelopeKind } from '../envelope/index.js';
import type { JsonObject } from '../jcs/index.js';
import { BODY_SCHEMAS, type SchemaKind, type TlpName } from './body-schemas.js';

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
  const v = validatorFor(kind as SchemaKind);
  if (!v(body)) {
    const e = v.errors?.[0];
    const { pointer, message } = describe(e);
    throw new ValidationError('ENVELOPE_INVALID', `${kind} body ${pointer} ${message}`, {
      details: { kind, pointer },
    });
  }
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
