/**
 * Naming rules for custom content (STIX 2.1 §11.1 custom properties, §11.2 custom objects, §3.1):
 * names MUST be ASCII a–z, 0–9 and `_` (properties) or `-` (types), 3 to 250 characters; the `x_` and
 * `x-` prefixes are only SHOULD. Properties declared by a toplevel-property-extension, and the
 * properties of a custom object itself, are not expected to carry `x_`.
 */
import { definedProperties } from './defined-properties.js';
import { declaredExtensionTypes, kindOfType } from './object-kinds.js';
import { pointerToken, type IssueSink } from './stix-issue.types.js';

const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;
const TYPE_NAME = /^[a-z0-9-]{3,250}$/;
const NEW_OBJECT_EXTENSIONS: ReadonlySet<unknown> = new Set(['new-sdo', 'new-sco', 'new-sro']);

/** Checks a type name; returns false when it is unusable (not a valid name at all). */
export function checkTypeName(
  sink: IssueSink,
  type: unknown,
  obj: Readonly<Record<string, unknown>>,
): type is string {
  if (typeof type !== 'string') {
    sink.error('/type', 'STIX_TYPE_NAME', `type must be a string, found ${typeof type}`);
    return false;
  }
  if (!TYPE_NAME.test(type) || type.includes('--')) {
    sink.error(
      '/type',
      'STIX_TYPE_NAME',
      `type '${type.slice(0, 80)}' must be 3-250 of a-z, 0-9 and single hyphens`,
    );
    return false;
  }
  if (kindOfType(type) === 'custom' && !type.startsWith('x-')) {
    const declared = [...declaredExtensionTypes(obj)].some((t) => NEW_OBJECT_EXTENSIONS.has(t));
    if (!declared)
      sink.warn('/type', 'STIX_TYPE_NAME_PREFIX', `custom type '${type}' should start with 'x-'`);
  }
  return true;
}

/**
 * Checks the names of the properties the schema at `schemaPath` does not define.
 * `customObject` is true for objects of a type STIX does not define.
 */
export function checkCustomProperties(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  schemaPath: string,
  customObject: boolean,
): void {
  const defined = definedProperties(schemaPath);
  let prefixExpected: boolean | undefined;
  for (const name of Object.keys(obj)) {
    if (defined.has(name)) continue;
    if (!PROPERTY_NAME.test(name)) {
      sink.error(
        `/${pointerToken(name)}`,
        'STIX_CUSTOM_PROPERTY',
        `property name '${name.slice(0, 80)}' must be 3-250 of a-z, 0-9 and _`,
      );
      continue;
    }
    if (customObject || name.startsWith('x_')) continue;
    prefixExpected ??= !declaredExtensionTypes(obj).has('toplevel-property-extension');
    if (prefixExpected)
      sink.warn(
        `/${pointerToken(name)}`,
        'STIX_CUSTOM_PROPERTY_PREFIX',
        `custom property '${name}' should start with 'x_'`,
      );
  }
}
