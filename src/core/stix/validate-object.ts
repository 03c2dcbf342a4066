/**
 * Validates one STIX 2.1 object: the rules the OASIS schemas cannot express first, then the schema of
 * the object's own type (never bundle.json). A schema error at a place a specific rule already
 * reported is dropped, so each problem shows once, under its most precise code.
 */
import { ValidationError } from '../errors.js';
import { checkId, checkSpecVersion, checkTimeOrder, checkTimestamps } from './core-checks.js';
import { checkCustomProperties, checkTypeName } from './custom-names.js';
import { definedProperties } from './defined-properties.js';
import { checkExtensions } from './extensions.js';
import { kindOfType, schemaPathFor } from './object-kinds.js';
import { checkPatternHashes } from './pattern-hashes.js';
import { parsePattern } from './pattern.js';
import { checkRefs } from './ref-rules.js';
import { checkAgainstSchema } from './schema-validator.js';
import { IssueSink, type StixIssue } from './stix-issue.types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** STIX 2.1 §4.7: a `stix` pattern must parse; its hash literals must fit their algorithm. */
function checkIndicatorPattern(sink: IssueSink, obj: Readonly<Record<string, unknown>>): void {
  const pattern = obj['pattern'];
  if (obj['pattern_type'] !== 'stix' || typeof pattern !== 'string') return;
  try {
    for (const p of checkPatternHashes(parsePattern(pattern)))
      sink.error('/pattern', 'STIX_PATTERN', `pattern: ${p.message}`);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    sink.error('/pattern', 'STIX_PATTERN', e.message);
  }
}

function isCovered(pointer: string, reported: readonly StixIssue[]): boolean {
  return reported.some(
    (i) => i.severity === 'error' && (pointer === i.pointer || pointer.startsWith(`${i.pointer}/`)),
  );
}

/**
 * Validates one STIX 2.1 object (SDO, SRO, SCO, SMO or custom). Never throws; returns [] when the
 * object is valid. Pointers are relative to the object.
 * @see STIX 2.1 §3 (common properties), §9 (patterning), §11 (customisation)
 */
export function validateStixObject(obj: unknown): StixIssue[] {
  if (!isRecord(obj)) {
    const found = obj === null ? 'null' : Array.isArray(obj) ? 'an array' : typeof obj;
    return [
      {
        objectId: null,
        pointer: '',
        code: 'STIX_NOT_OBJECT',
        severity: 'error',
        message: `expected a JSON object, found ${found}`,
      },
    ];
  }
  const id = obj['id'];
  const sink = new IssueSink(typeof id === 'string' ? id : null);
  const type = obj['type'];
  if (!checkTypeName(sink, type, obj)) return sink.issues;
  if (type === 'bundle') {
    sink.error('/type', 'STIX_BUNDLE', 'a bundle is not a STIX object; validate it with validateBundle');
    return sink.issues;
  }
  checkId(sink, type, id);
  checkSpecVersion(sink, type, obj);
  checkTimeOrder(sink, type, obj, checkTimestamps(sink, type, obj));
  const schemaPath = schemaPathFor(type, obj)!;
  checkRefs(sink, type, obj, definedProperties(schemaPath));
  checkExtensions(sink, type, obj);
  checkCustomProperties(sink, obj, schemaPath, kindOfType(type) === 'custom');
  if (type === 'indicator') checkIndicatorPattern(sink, obj);
  const schemaErrors = checkAgainstSchema(schemaPath, obj);
  if (schemaErrors.length > 0) {
    const specific = sink.issues.slice();
    for (const e of schemaErrors)
      if (!isCovered(e.pointer, specific)) sink.error(e.pointer, 'STIX_SCHEMA', e.message);
  }
  return sink.issues;
}
