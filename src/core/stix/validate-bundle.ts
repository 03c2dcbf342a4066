/**
 * Validates a STIX 2.1 bundle (§8) object by object. common/bundle.json is never used: its oneOf
 * rejects valid bundles (see schemas/SOURCE.md).
 */
import { checkId } from './core-checks.js';
import {
  describeValue,
  IssueSink,
  pointerToken,
  type StixIssue,
  type StixObject,
} from './stix-issue.types.js';
import { validateStixObject } from './validate-object.js';

/** The outcome of validating a bundle. */
export interface BundleValidation {
  /** The bundle's objects that have no error-severity issue, in bundle order. */
  readonly objects: StixObject[];
  /** Every issue; pointers are relative to the bundle (`/objects/3/created`). */
  readonly issues: StixIssue[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** STIX 2.1 bundles have no spec_version; "2.0" marks a STIX 2.0 bundle. */
function checkBundleEnvelope(sink: IssueSink, bundle: Record<string, unknown>): void {
  if (bundle['type'] !== 'bundle')
    sink.error('/type', 'STIX_BUNDLE', `type is ${describeValue(bundle['type'])}, expected 'bundle'`);
  checkId(sink, 'bundle', bundle['id']);
  const v = bundle['spec_version'];
  if (v === '2.1')
    sink.warn('/spec_version', 'STIX_SPEC_VERSION', 'a STIX 2.1 bundle has no spec_version property');
  else if (v !== undefined)
    sink.error(
      '/spec_version',
      'STIX_SPEC_VERSION',
      `bundle spec_version is ${describeValue(v)}: not a STIX 2.1 bundle`,
    );
  const objects = bundle['objects'];
  if (objects !== undefined && !Array.isArray(objects))
    sink.error('/objects', 'STIX_BUNDLE', 'objects must be a list');
  else if (Array.isArray(objects) && objects.length === 0)
    sink.error('/objects', 'STIX_BUNDLE', 'objects, when present, must not be empty');
}

/** An object version is its id and, for versioned objects, its modified time (§3.6). */
function versionKey(obj: unknown): string | undefined {
  if (!isRecord(obj) || typeof obj['id'] !== 'string') return undefined;
  const modified = obj['modified'];
  return typeof modified === 'string' ? `${obj['id']} ${modified}` : obj['id'];
}

/**
 * Validates a bundle and each object in it. Never throws.
 * @see STIX 2.1 §8 (Bundle)
 */
export function validateBundle(bundle: unknown): BundleValidation {
  if (!isRecord(bundle)) {
    return { objects: [], issues: validateStixObject(bundle) };
  }
  const sink = new IssueSink(typeof bundle['id'] === 'string' ? bundle['id'] : null);
  checkBundleEnvelope(sink, bundle);
  const list = Array.isArray(bundle['objects']) ? (bundle['objects'] as unknown[]) : [];
  const issues = sink.issues;
  const objects: StixObject[] = [];
  const seen = new Set<string>();
  list.forEach((obj, i) => {
    const base = `/objects/${pointerToken(i)}`;
    const found = validateStixObject(obj);
    for (const issue of found) issues.push({ ...issue, pointer: base + issue.pointer });
    const key = versionKey(obj);
    if (key !== undefined && seen.has(key)) {
      issues.push({
        objectId: (obj as Record<string, unknown>)['id'] as string,
        pointer: base,
        code: 'STIX_DUPLICATE_OBJECT',
        severity: 'warning',
        message: `${key} appears more than once in the bundle`,
      });
    }
    if (key !== undefined) seen.add(key);
    if (!found.some((x) => x.severity === 'error')) objects.push(obj as StixObject);
  });
  return { objects, issues };
}
