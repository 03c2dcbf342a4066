/**
 * Which object types each embedded relationship (`*_ref`, `*_refs`) may point at, per STIX 2.1 §3.5
 * (common properties), §4 (SDOs), §5 (SROs), §6 (SCOs). Only the id prefix is known here, so a custom
 * type passes wherever an SDO or SCO may appear: it may be one.
 */
import { kindOfType } from './object-kinds.js';
import { parseIdentifier } from './identifier.js';
import { describeValue, pointerToken, type IssueSink } from './stix-issue.types.js';

/** A target is a type name or a whole category. */
type Target = string | 'SDO' | 'SCO' | 'SRO';

const ANY_TYPE = '*';
const ADDRESS = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];

/** `type` → property → allowed targets. `*` applies to every type. */
const REF_RULES: Readonly<Record<string, Readonly<Record<string, readonly Target[]>>>> = {
  [ANY_TYPE]: { created_by_ref: ['identity'], object_marking_refs: ['marking-definition'] },
  relationship: { source_ref: ['SDO', 'SCO'], target_ref: ['SDO', 'SCO'] },
  sighting: {
    sighting_of_ref: ['SDO'],
    observed_data_refs: ['observed-data'],
    where_sighted_refs: ['identity', 'location'],
  },
  'observed-data': { object_refs: ['SCO', 'SRO'] },
  malware: { sample_refs: ['file', 'artifact'], operating_system_refs: ['software'] },
  'malware-analysis': {
    host_vm_ref: ['software'],
    operating_system_ref: ['software'],
    installed_software_refs: ['software'],
    analysis_sco_refs: ['SCO'],
    sample_ref: ['file', 'network-traffic', 'artifact'],
  },
  'email-addr': { belongs_to_ref: ['user-account'] },
  'email-message': {
    from_ref: ['email-addr'],
    sender_ref: ['email-addr'],
    to_refs: ['email-addr'],
    cc_refs: ['email-addr'],
    bcc_refs: ['email-addr'],
    raw_email_ref: ['artifact'],
  },
  file: { parent_directory_ref: ['directory'], contains_refs: ['SCO'], content_ref: ['artifact'] },
  directory: { contains_refs: ['file', 'directory'] },
  'domain-name': { resolves_to_refs: ['ipv4-addr', 'ipv6-addr', 'domain-name'] },
  'ipv4-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'ipv6-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'network-traffic': {
    src_ref: ADDRESS,
    dst_ref: ADDRESS,
    src_payload_ref: ['artifact'],
    dst_payload_ref: ['artifact'],
    encapsulates_refs: ['network-traffic'],
    encapsulated_by_ref: ['network-traffic'],
  },
  process: {
    opened_connection_refs: ['network-traffic'],
    creator_user_ref: ['user-account'],
    image_ref: ['file'],
    parent_ref: ['process'],
    child_refs: ['process'],
  },
  'windows-registry-key': { creator_user_ref: ['user-account'] },
};

function allowed(targetType: string, targets: readonly Target[]): boolean {
  const kind = kindOfType(targetType);
  for (const t of targets) {
    if (t === targetType) return true;
    if (t === 'SDO' && (kind === 'sdo' || kind === 'custom')) return true;
    if (t === 'SCO' && (kind === 'sco' || kind === 'custom')) return true;
    if (t === 'SRO' && kind === 'sro') return true;
  }
  return false;
}

// Own-property lookups only: type names such as 'constructor' are valid custom types.
function ownRule(type: string, prop: string): readonly Target[] | undefined {
  const byType = Object.hasOwn(REF_RULES, type) ? REF_RULES[type] : undefined;
  return byType !== undefined && Object.hasOwn(byType, prop) ? byType[prop] : undefined;
}

function rulesFor(type: string, prop: string): readonly Target[] | undefined {
  return ownRule(type, prop) ?? ownRule(ANY_TYPE, prop);
}

/**
 * Checks one reference value: its format, then its target type when a rule names one. A malformed
 * value in a custom property is only a warning: the spec reserves the suffix for identifiers, but
 * producers such as MITRE ATT&CK ship empty `x_mitre_*_ref` strings that other validators accept.
 */
function checkOneRef(
  sink: IssueSink,
  pointer: string,
  value: unknown,
  targets: readonly Target[] | undefined,
  custom = false,
): void {
  const id = parseIdentifier(value);
  if (id === undefined || !id.uuidValid) {
    if (custom)
      sink.warn(
        pointer,
        'STIX_CUSTOM_REF_FORMAT',
        `custom reference should be a STIX identifier, found ${describeValue(value)}`,
      );
    else sink.error(pointer, 'STIX_REF_FORMAT', `expected a STIX identifier, found ${describeValue(value)}`);
    return;
  }
  if (targets !== undefined && !allowed(id.type, targets)) {
    sink.error(
      pointer,
      'STIX_REF_TYPE',
      `${value as string} is a ${id.type}; expected ${targets.join(' or ')}`,
    );
  }
}

function checkRefProperty(
  sink: IssueSink,
  type: string,
  prop: string,
  value: unknown,
  custom: boolean,
): void {
  const targets = rulesFor(type, prop);
  const pointer = `/${pointerToken(prop)}`;
  if (!prop.endsWith('_refs')) {
    checkOneRef(sink, pointer, value, targets, custom);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkOneRef(sink, `${pointer}/${i}`, v, targets, custom));
  } else if (custom) {
    sink.warn(pointer, 'STIX_CUSTOM_REF_FORMAT', `custom ${prop} should be a list of identifiers`);
  } else {
    sink.error(pointer, 'STIX_REF_FORMAT', `${prop} must be a list of identifiers`);
  }
}

/**
 * Checks every top-level `*_ref`/`*_refs` property (STIX 2.1 §3.1: the suffixes are reserved for
 * identifiers) and the refs nested in granular markings and email-message MIME parts. `defined` holds
 * the property names the type's schema defines; the others are custom.
 */
export function checkRefs(
  sink: IssueSink,
  type: string,
  obj: Readonly<Record<string, unknown>>,
  defined: ReadonlySet<string>,
): void {
  for (const prop of Object.keys(obj)) {
    if (prop.endsWith('_ref') || prop.endsWith('_refs'))
      checkRefProperty(sink, type, prop, obj[prop], !defined.has(prop));
  }
  const granular = obj['granular_markings'];
  if (Array.isArray(granular)) {
    granular.forEach((g, i) => {
      if (isRecord(g) && 'marking_ref' in g) {
        checkOneRef(sink, `/granular_markings/${i}/marking_ref`, g['marking_ref'], ['marking-definition']);
      }
    });
  }
  const parts = type === 'email-message' ? obj['body_multipart'] : undefined;
  if (Array.isArray(parts)) {
    parts.forEach((p, i) => {
      if (isRecord(p) && 'body_raw_ref' in p) {
        checkOneRef(sink, `/body_multipart/${i}/body_raw_ref`, p['body_raw_ref'], ['artifact', 'file']);
      }
    });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
