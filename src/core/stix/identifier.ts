/**
 * STIX identifiers (STIX 2.1 §2.9): `<object-type>--<UUID>`, where the prefix is exactly the object's
 * `type` and the UUID is RFC 4122 (variant 10xx, versions 1–5, as the OASIS identifier schema has it).
 * SDOs SHOULD use UUIDv4 and SCOs UUIDv5, but Parley derives party identities as UUIDv5 on purpose
 * (DESIGN.md), so the version is not warned about.
 */
const ID_SHAPE =
  /^([a-z0-9][a-z0-9-]*[a-z0-9])--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const RFC4122_UUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** An identifier split into its parts, with the UUID's conformance. */
export interface ParsedIdentifier {
  readonly type: string;
  readonly uuid: string;
  readonly uuidValid: boolean;
}

/** Splits `<type>--<uuid>`; undefined when the value does not have that shape at all. */
export function parseIdentifier(value: unknown): ParsedIdentifier | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ID_SHAPE.exec(value);
  if (m === null) return undefined;
  const uuid = m[2]!;
  return { type: m[1]!, uuid, uuidValid: hasRfc4122Bits(uuid) };
}

// Version nibble (char 14) 1-5 and variant (char 19) 10xx; one regex pass per id matters at ingest rates.
function hasRfc4122Bits(uuid: string): boolean {
  const version = uuid.charCodeAt(14);
  const variant = uuid.charCodeAt(19) | 0x20;
  return (
    version >= 0x31 &&
    version <= 0x35 &&
    (variant === 0x38 || variant === 0x39 || variant === 0x61 || variant === 0x62)
  );
}

/** Whether `value` is a conforming identifier (any type). */
export function isIdentifier(value: unknown): value is string {
  const id = parseIdentifier(value);
  return id !== undefined && id.uuidValid;
}

/** Whether `value` is a conforming UUID alone (as in `extension-definition--<uuid>` keys). */
export function isRfc4122Uuid(value: string): boolean {
  return RFC4122_UUID.test(value);
}
