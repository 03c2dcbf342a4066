/**
 * The object types STIX 2.1 defines, by category (STIX 2.1 §4–§8), and where each one's OASIS schema
 * lives under schemas/. Anything else is a custom object (STIX 2.1 §11.2).
 */
export const STIX_SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;
export const STIX_SRO_TYPES = ['relationship', 'sighting'] as const;
export const STIX_SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;
export const STIX_SMO_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

export type StixObjectKind = 'sdo' | 'sro' | 'sco' | 'smo' | 'bundle' | 'custom';

const KIND_BY_TYPE: ReadonlyMap<string, StixObjectKind> = new Map<string, StixObjectKind>([
  ...STIX_SDO_TYPES.map((t) => [t, 'sdo'] as const),
  ...STIX_SRO_TYPES.map((t) => [t, 'sro'] as const),
  ...STIX_SCO_TYPES.map((t) => [t, 'sco'] as const),
  ...STIX_SMO_TYPES.map((t) => [t, 'smo'] as const),
  ['bundle', 'bundle'],
]);

/** The category of a type name; 'custom' for any type STIX 2.1 does not define. */
export function kindOfType(type: string): StixObjectKind {
  return KIND_BY_TYPE.get(type) ?? 'custom';
}

const SCHEMA_DIR: Readonly<Record<StixObjectKind, string | undefined>> = {
  sdo: 'sdos',
  sro: 'sros',
  sco: 'observables',
  smo: 'common',
  bundle: undefined,
  custom: undefined,
};

/**
 * Path under schemas/ of the schema that checks an object. Custom objects get the common core their
 * shape implies: a `new-sco` extension or no `created` means a custom observable (SCOs carry no
 * `created`/`modified`), otherwise an SDO-like core.
 */
export function schemaPathFor(type: string, obj: Readonly<Record<string, unknown>>): string | undefined {
  const kind = kindOfType(type);
  const dir = SCHEMA_DIR[kind];
  if (dir !== undefined) return `${dir}/${type}.json`;
  if (kind === 'bundle') return undefined;
  return isCustomObservable(obj) ? 'common/cyber-observable-core.json' : 'common/core.json';
}

/** Whether a custom object behaves as an SCO (§11.2: by its new-sco extension, else by shape). */
export function isCustomObservable(obj: Readonly<Record<string, unknown>>): boolean {
  const declared = declaredExtensionTypes(obj);
  if (declared.has('new-sco')) return true;
  if (declared.has('new-sdo') || declared.has('new-sro')) return false;
  return !('created' in obj) && !('modified' in obj);
}

/** The extension_type values declared by the object's `extensions` entries (§7.3). */
export function declaredExtensionTypes(obj: Readonly<Record<string, unknown>>): Set<unknown> {
  const out = new Set<unknown>();
  const ext = obj['extensions'];
  if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) return out;
  for (const value of Object.values(ext)) {
    if (typeof value === 'object' && value !== null)
      out.add((value as Record<string, unknown>)['extension_type']);
  }
  return out;
}

/** Whether an object of this type and shape is an SCO, for which spec_version may be absent. */
export function isObservable(type: string, obj: Readonly<Record<string, unknown>>): boolean {
  const kind = kindOfType(type);
  return kind === 'sco' || (kind === 'custom' && isCustomObservable(obj));
}
