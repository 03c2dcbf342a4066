import { toBase64, toHex } from '../bytes/index.js';
import { sha1 } from '../sig/index.js';

/**
 * Namespace of the UUIDv5 that names a party after its key. Fixed forever: changing it would
 * rename every party. (It is the UUIDv5 of "parley:party-key" in the RFC 9562 URL namespace.)
 */
export const PARLEY_PARTY_NAMESPACE = 'addb358b-299d-59a0-8925-6e7e7bcd2109';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidBytes(uuid: string): Uint8Array {
  return new Uint8Array(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}

/** RFC 9562 §5.5 name-based UUID (SHA-1, version 5). */
export function uuidV5(namespace: string, name: Uint8Array): string {
  if (!UUID_RE.test(namespace)) throw new RangeError(`namespace is not a lower-case UUID: ${namespace}`);
  const h = sha1(uuidBytes(namespace), name).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = toHex(h);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The party id that certifies a raw Ed25519 public key: `identity--<uuidv5(ns, key)>`. */
export function partyIdFromPublicKey(publicKey: Uint8Array): string {
  return `identity--${uuidV5(PARLEY_PARTY_NAMESPACE, publicKey)}`;
}

/** True when `id` is the id that `publicKey` certifies. */
export function partyIdMatchesKey(id: string, publicKey: Uint8Array): boolean {
  return id === partyIdFromPublicKey(publicKey);
}

export interface PartyIdentityInput {
  readonly publicKey: Uint8Array;
  readonly name: string;
  /** RFC 3339 creation time: the identity's `created` and `modified`. */
  readonly created: string;
  readonly identityClass?: 'organization' | 'group' | 'class' | 'individual' | 'system' | 'unknown';
  readonly sectors?: readonly string[];
  readonly contactInformation?: string;
}

/**
 * A party's STIX 2.1 `identity` object (STIX 2.1 §4.5). The public key travels in the custom
 * property `x_parley_ed25519_public_key` (base64) so that any holder can check that the id
 * certifies it.
 */
export function partyIdentity(input: PartyIdentityInput): Record<string, unknown> {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: partyIdFromPublicKey(input.publicKey),
    created: input.created,
    modified: input.created,
    name: input.name,
    identity_class: input.identityClass ?? 'organization',
    ...(input.sectors?.length ? { sectors: [...input.sectors] } : {}),
    ...(input.contactInformation ? { contact_information: input.contactInformation } : {}),
    x_parley_ed25519_public_key: toBase64(input.publicKey),
  };
}
