/**
 * The common-property rules of STIX 2.1 that the OASIS schemas cannot express: the id's prefix and
 * UUID (§2.9), spec_version (§3.2), real timestamps (§3.2 timestamp) and their order (§3.2 modified,
 * and each object's "MUST be greater than" rules in §4–§6).
 */
import { parseIdentifier } from './identifier.js';
import { isObservable, kindOfType } from './object-kinds.js';
import { describeValue, type IssueSink } from './stix-issue.types.js';
import { STIX_TIMESTAMP_PROPERTIES, checkTimestamp, compareTimestamps } from './timestamp.js';

/** Checks that `id` is `<type>--<RFC 4122 UUID>`. */
export function checkId(sink: IssueSink, type: string, id: unknown, pointer = '/id'): void {
  if (id === undefined) {
    sink.error(pointer, 'STIX_ID', 'id is missing');
    return;
  }
  const parsed = parseIdentifier(id);
  if (parsed === undefined) {
    sink.error(pointer, 'STIX_ID', `id ${describeValue(id)} is not <type>--<uuid>`);
    return;
  }
  if (parsed.type !== type)
    sink.error(pointer, 'STIX_ID_PREFIX', `id prefix '${parsed.type}' does not match type '${type}'`);
  if (!parsed.uuidValid)
    sink.error(
      pointer,
      'STIX_ID_UUID',
      `id UUID ${parsed.uuid} is not an RFC 4122 UUID (version 1-5, variant 10xx)`,
    );
}

/**
 * STIX 2.1 §3.2: spec_version MUST be "2.1". When it is absent, the object is STIX 2.0 — except an
 * SCO, whose default is 2.1 — so a non-SCO without it is not a 2.1 object even inside a 2.1 bundle
 * (2.1 bundles carry no spec_version to inherit).
 */
export function checkSpecVersion(
  sink: IssueSink,
  type: string,
  obj: Readonly<Record<string, unknown>>,
): void {
  const v = obj['spec_version'];
  if (v === undefined) {
    if (!isObservable(type, obj))
      sink.error(
        '/spec_version',
        'STIX_SPEC_VERSION',
        `spec_version is missing, so this ${type} is STIX 2.0, not 2.1`,
      );
    return;
  }
  if (v !== '2.1')
    sink.error('/spec_version', 'STIX_SPEC_VERSION', `spec_version is ${describeValue(v)}, expected '2.1'`);
}

/**
 * Checks every timestamp property; returns the names of those that are not valid. For custom objects only created/modified are known to be
 * timestamps; their other properties may use these names for anything.
 */
export function checkTimestamps(
  sink: IssueSink,
  type: string,
  obj: Readonly<Record<string, unknown>>,
): ReadonlySet<string> {
  const custom = kindOfType(type) === 'custom';
  let invalid: Set<string> | undefined;
  for (const key of Object.keys(obj)) {
    if (!STIX_TIMESTAMP_PROPERTIES.has(key)) continue;
    const common = key === 'created' || key === 'modified';
    if (custom && !common) continue;
    // The millisecond rule belongs to the common properties (§3.2); marking definitions define their own created (§7.2.1).
    const millis = common && type !== 'marking-definition';
    const why = checkTimestamp(obj[key], millis ? 3 : 0);
    if (why !== undefined) {
      sink.error(`/${key}`, 'STIX_TIMESTAMP', `${key} ${why}`);
      (invalid ??= new Set()).add(key);
    }
  }
  return invalid ?? NONE;
}

const NONE: ReadonlySet<string> = new Set();

/** [earlier, later, strictly later?] pairs STIX 2.1 orders, by type ('*' = any type). */
const ORDERED_PAIRS: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ['*', 'first_seen', 'last_seen', false],
  ['observed-data', 'first_observed', 'last_observed', false],
  ['indicator', 'valid_from', 'valid_until', true],
  ['network-traffic', 'start', 'end', false],
  ['malware-analysis', 'analysis_started', 'analysis_ended', false],
];

/**
 * Checks modified >= created and the other orderings, where both sides are valid timestamps.
 * `invalid` is what checkTimestamps returned for the same object (it has checked every value).
 */
export function checkTimeOrder(
  sink: IssueSink,
  type: string,
  obj: Readonly<Record<string, unknown>>,
  invalid: ReadonlySet<string>,
): void {
  const validTimestamp = (key: string, v: unknown): v is string => typeof v === 'string' && !invalid.has(key);
  const created = obj['created'];
  const modified = obj['modified'];
  if (
    validTimestamp('created', created) &&
    validTimestamp('modified', modified) &&
    compareTimestamps(modified, created) < 0
  ) {
    sink.error(
      '/modified',
      'STIX_MODIFIED_BEFORE_CREATED',
      `modified ${modified} is before created ${created}`,
    );
  }
  if (kindOfType(type) === 'custom') return;
  for (const [forType, early, late, strict] of ORDERED_PAIRS) {
    if (forType !== '*' && forType !== type) continue;
    const a = obj[early];
    const b = obj[late];
    if (!validTimestamp(early, a) || !validTimestamp(late, b)) continue;
    const cmp = compareTimestamps(b, a);
    if (cmp < 0 || (strict && cmp === 0)) {
      sink.error(
        `/${late}`,
        'STIX_TIME_ORDER',
        `${late} ${b} must be ${strict ? 'later than' : 'at or after'} ${early} ${a}`,
      );
    }
  }
}
