/**
 * Turns untrusted STIX objects into what the object store takes: each is validated in full
 * (OASIS schema, MUST rules, patterns) and either prepared or reported with its first errors.
 * Shared by TAXII POST, channel collections and `parley import stix`.
 */
import { validateStixObject, type StixIssue } from '../../core/stix/index.js';
import type { NewStixObject } from '../../store/objects.types.js';
import { formatVersion, versionKey } from './taxii-time.js';

export interface PreparedObject {
  readonly index: number;
  readonly object: NewStixObject;
}

export interface RejectedObject {
  readonly index: number;
  /** The object's id when it has a string one, else `objects[<index>]`. */
  readonly id: string;
  readonly version?: string | undefined;
  readonly message: string;
  /** Error-severity issues only, at most ten. */
  readonly issues: readonly StixIssue[];
}

export interface IngestBatch {
  readonly prepared: PreparedObject[];
  readonly rejected: RejectedObject[];
}

const MAX_ISSUES_PER_OBJECT = 10;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Validates each object; never throws. */
export function prepareObjects(list: readonly unknown[]): IngestBatch {
  const prepared: PreparedObject[] = [];
  const rejected: RejectedObject[] = [];
  list.forEach((obj, index) => {
    const rec =
      typeof obj === 'object' && obj !== null && !Array.isArray(obj)
        ? (obj as Record<string, unknown>)
        : undefined;
    const id = str(rec?.['id']);
    const stamp = str(rec?.['modified']) ?? str(rec?.['created']);
    const errors = validateStixObject(obj).filter((i) => i.severity === 'error');
    if (errors.length > 0 || rec === undefined) {
      const shown = errors.slice(0, MAX_ISSUES_PER_OBJECT);
      const first = shown[0];
      rejected.push({
        index,
        id: id ?? `objects[${index}]`,
        version: stamp,
        message: first
          ? `${first.code} at ${first.pointer || '/'}: ${first.message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`
          : 'not a STIX object',
        issues: shown,
      });
      return;
    }
    const key = stamp === undefined ? undefined : versionKey(stamp);
    prepared.push({
      index,
      object: {
        id: id!,
        type: String(rec['type']),
        specVersion: str(rec['spec_version']) ?? '2.1',
        version: key,
        revoked: rec['revoked'] === true,
        body: JSON.stringify(rec),
      },
    });
  });
  return { prepared, rejected };
}

export { formatVersion };
