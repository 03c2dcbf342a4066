/**
 * The signature base of RFC 9421 §2.5: one line per covered component, `"<identifier>": <value>`,
 * then `"@signature-params": <inner list with parameters>` and no trailing newline.
 */
import { HttpSigError } from './httpsig-error.js';
import {
  derivedComponentValue,
  fieldComponentValue,
  isSupportedDerived,
  type HttpSigRequest,
} from './request.js';
import { serializeInnerList, type BareItem, type InnerList, type Item } from './structured-field.js';

/** The signature parameters of RFC 9421 §2.3 that Parley writes; times are whole seconds since the epoch. */
export interface SignatureParams {
  readonly created: number;
  readonly expires?: number;
  readonly keyid: string;
  readonly alg?: string;
  readonly nonce?: string;
  readonly tag?: string;
}

/** `alg` value for Ed25519 (RFC 9421 §3.3.6). */
export const HTTPSIG_ALG_ED25519 = 'ed25519';

const FIELD_NAME_RE = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

function str(value: string): BareItem {
  return { type: 'string', value };
}

function int(value: number, name: string): BareItem {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HttpSigError(
      'HTTPSIG_PARAM_MISSING',
      `${name} must be a non-negative integer number of seconds, got ${value}`,
    );
  }
  return { type: 'integer', value };
}

/**
 * Builds the covered-components inner list with its parameters, in the order Parley writes them:
 * created, expires, keyid, alg, nonce, tag (RFC 9421 leaves the order to the signer).
 * Throws HTTPSIG_PARAM_MISSING for a non-integer time; HTTPSIG_MALFORMED for a bad component name.
 */
export function signatureInputList(components: readonly string[], params: SignatureParams): InnerList {
  const items: Item[] = components.map((c) => ({ kind: 'item', value: str(c), params: [] }));
  const p: Array<[string, BareItem]> = [['created', int(params.created, 'created')]];
  if (params.expires !== undefined) p.push(['expires', int(params.expires, 'expires')]);
  p.push(['keyid', str(params.keyid)]);
  if (params.alg !== undefined) p.push(['alg', str(params.alg)]);
  if (params.nonce !== undefined) p.push(['nonce', str(params.nonce)]);
  if (params.tag !== undefined) p.push(['tag', str(params.tag)]);
  const list: InnerList = { kind: 'inner-list', items, params: p };
  coveredComponents(list);
  return list;
}

/**
 * The covered component names of a Signature-Input inner list, checked: each a string naming a
 * lower-case field or a supported derived component, without component parameters, none twice.
 * Throws HTTPSIG_MALFORMED or HTTPSIG_COMPONENT_UNSUPPORTED.
 */
export function coveredComponents(list: InnerList): string[] {
  const seen = new Set<string>();
  for (const item of list.items) {
    if (item.value.type !== 'string') {
      throw new HttpSigError(
        'HTTPSIG_MALFORMED',
        `covered component must be a string, got ${item.value.type}`,
      );
    }
    const name = item.value.value;
    if (item.params.length > 0) {
      // ;sf ;bs ;key ;req ;name change how a value is computed; Parley's federation never needs them.
      throw new HttpSigError(
        'HTTPSIG_COMPONENT_UNSUPPORTED',
        `component parameters on ${name} are not supported`,
        {
          details: { component: name },
        },
      );
    }
    if (name.startsWith('@')) {
      if (!isSupportedDerived(name)) {
        throw new HttpSigError(
          'HTTPSIG_COMPONENT_UNSUPPORTED',
          `derived component ${name} is not supported`,
          {
            details: { component: name },
          },
        );
      }
    } else if (!FIELD_NAME_RE.test(name)) {
      throw new HttpSigError(
        'HTTPSIG_MALFORMED',
        `component ${JSON.stringify(name)} is not a lower-case field name`,
      );
    }
    if (seen.has(name)) throw new HttpSigError('HTTPSIG_MALFORMED', `component ${name} is covered twice`);
    seen.add(name);
  }
  return [...seen];
}

/**
 * Computes the signature base for a covered-components list (RFC 9421 §2.5).
 * Throws HTTPSIG_COMPONENT_MISSING when a covered header is absent from the request,
 * HTTPSIG_COMPONENT_INVALID for a value that cannot be signed, and the codes of coveredComponents.
 */
export function signatureBaseFor(req: HttpSigRequest, list: InnerList): string {
  const lines: string[] = [];
  for (const name of coveredComponents(list)) {
    const value = isSupportedDerived(name)
      ? derivedComponentValue(req, name)
      : fieldComponentValue(req, name);
    if (value === undefined) {
      throw new HttpSigError('HTTPSIG_COMPONENT_MISSING', `covered header ${name} is not in the request`, {
        details: { component: name },
      });
    }
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(list)}`);
  return lines.join('\n');
}

/**
 * The signature base for `components` and `params` (RFC 9421 §2.5), as the signer computes it.
 * Preconditions: component names lower-case, times in whole seconds. Throws as signatureBaseFor.
 */
export function buildSignatureBase(
  req: HttpSigRequest,
  components: readonly string[],
  params: SignatureParams,
): string {
  return signatureBaseFor(req, signatureInputList(components, params));
}
