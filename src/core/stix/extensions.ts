/**
 * The keys of an object's `extensions` dictionary (STIX 2.1 §7.3): an `extension-definition--<uuid>`
 * id, or the name of a predefined extension of that object's type (§6). Other `*-ext` names are the
 * STIX 2.0 custom-extension mechanism, which 2.1 deprecates in favour of extension definitions.
 */
import { isRfc4122Uuid } from './identifier.js';
import { pointerToken, type IssueSink } from './stix-issue.types.js';

/** Predefined extensions and the SCO type each belongs to (STIX 2.1 §6). */
export const PREDEFINED_EXTENSIONS: Readonly<Record<string, string>> = {
  'archive-ext': 'file',
  'ntfs-ext': 'file',
  'pdf-ext': 'file',
  'raster-image-ext': 'file',
  'windows-pebinary-ext': 'file',
  'http-request-ext': 'network-traffic',
  'icmp-ext': 'network-traffic',
  'socket-ext': 'network-traffic',
  'tcp-ext': 'network-traffic',
  'windows-process-ext': 'process',
  'windows-service-ext': 'process',
  'unix-account-ext': 'user-account',
};

const DEFINITION_PREFIX = 'extension-definition--';
const LEGACY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-ext$/;

/** Checks the key of every entry in `extensions`; value shapes are left to the schemas. */
export function checkExtensions(sink: IssueSink, type: string, obj: Readonly<Record<string, unknown>>): void {
  const ext = obj['extensions'];
  if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) return;
  for (const key of Object.keys(ext)) {
    const pointer = `/extensions/${pointerToken(key)}`;
    if (key.startsWith(DEFINITION_PREFIX)) {
      if (!isRfc4122Uuid(key.slice(DEFINITION_PREFIX.length))) {
        sink.error(
          pointer,
          'STIX_EXTENSION',
          `extension key '${key.slice(0, 80)}' is not extension-definition--<RFC 4122 UUID>`,
        );
      }
      continue;
    }
    const owner = Object.hasOwn(PREDEFINED_EXTENSIONS, key) ? PREDEFINED_EXTENSIONS[key] : undefined;
    if (owner !== undefined) {
      if (owner !== type)
        sink.error(
          pointer,
          'STIX_EXTENSION',
          `predefined extension '${key}' belongs to ${owner}, not ${type}`,
        );
    } else if (LEGACY_NAME.test(key)) {
      sink.warn(
        pointer,
        'STIX_EXTENSION_LEGACY',
        `custom extension '${key}' is deprecated; use an extension-definition`,
      );
    } else {
      sink.error(
        pointer,
        'STIX_EXTENSION',
        `extension key '${key.slice(0, 80)}' is neither an extension-definition id nor a predefined extension`,
      );
    }
  }
}
