/**
 * What the STIX validator reports. Codes are API: once published, never renamed or reused.
 * `error` marks a MUST of STIX 2.1 (or an OASIS schema failure); `warning` marks a SHOULD.
 */
export const STIX_ISSUE_CODES = [
  'STIX_NOT_OBJECT',
  'STIX_SCHEMA',
  'STIX_TYPE_NAME',
  'STIX_TYPE_NAME_PREFIX',
  'STIX_ID',
  'STIX_ID_PREFIX',
  'STIX_ID_UUID',
  'STIX_SPEC_VERSION',
  'STIX_TIMESTAMP',
  'STIX_MODIFIED_BEFORE_CREATED',
  'STIX_TIME_ORDER',
  'STIX_REF_FORMAT',
  'STIX_CUSTOM_REF_FORMAT',
  'STIX_REF_TYPE',
  'STIX_CUSTOM_PROPERTY',
  'STIX_CUSTOM_PROPERTY_PREFIX',
  'STIX_EXTENSION',
  'STIX_EXTENSION_LEGACY',
  'STIX_PATTERN',
  'STIX_BUNDLE',
  'STIX_DUPLICATE_OBJECT',
] as const;
export type StixIssueCode = (typeof STIX_ISSUE_CODES)[number];

export const STIX_ISSUE_SEVERITIES = ['error', 'warning'] as const;
export type StixIssueSeverity = (typeof STIX_ISSUE_SEVERITIES)[number];

/** One finding about one STIX object. */
export interface StixIssue {
  /** The object's `id` when it is a string, else null. */
  readonly objectId: string | null;
  /** RFC 6901 JSON pointer to the offending value, relative to what was validated. */
  readonly pointer: string;
  readonly code: StixIssueCode;
  readonly severity: StixIssueSeverity;
  readonly message: string;
}

/** A STIX object after the first shape check: a plain JSON object. */
export type StixObject = Readonly<Record<string, unknown>>;

/** RFC 6901 §3: escape one reference token. */
export function pointerToken(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** Collects issues for one object; keeps call sites to one line each. */
export class IssueSink {
  readonly issues: StixIssue[] = [];
  constructor(readonly objectId: string | null) {}

  error(pointer: string, code: StixIssueCode, message: string): void {
    this.issues.push({ objectId: this.objectId, pointer, code, severity: 'error', message });
  }

  warn(pointer: string, code: StixIssueCode, message: string): void {
    this.issues.push({ objectId: this.objectId, pointer, code, severity: 'warning', message });
  }
}

/** A short, safe rendering of an untrusted value for messages (no JSON.stringify: it throws on cycles). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
