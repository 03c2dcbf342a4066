import { fromBase64 } from '../bytes/index.js';
import type { Envelope } from '../envelope/index.js';
import { ValidationError } from '../errors.js';
import { partyIdFromPublicKey } from '../party/index.js';
import { checkBody, type InviteBody } from './bodies.js';

export interface PinnedMember {
  readonly party: string;
  readonly publicKey: Uint8Array;
  readonly endpoint: string;
  readonly name: string;
}

/**
 * Checks an `invite` envelope's meaning beyond its schema: the inviter is a member, each
 * member's id is the UUIDv5 of the key listed for it (so the invitation cannot bind a name to
 * someone else's key), and no party is listed twice. Returns the members with decoded keys.
 * Throws ValidationError ENVELOPE_INVALID.
 */
export function checkInvite(envelope: Envelope): { body: InviteBody; members: PinnedMember[] } {
  if (envelope.kind !== 'invite')
    throw new ValidationError('ENVELOPE_INVALID', `expected an invite, got ${envelope.kind}`);
  if (envelope.seq !== 0)
    throw new ValidationError(
      'ENVELOPE_INVALID',
      `an invite opens its channel: seq must be 0, got ${envelope.seq}`,
    );
  checkBody('invite', envelope.body);
  const body = envelope.body as unknown as InviteBody;
  const seen = new Set<string>();
  const members = body.members.map((m) => {
    const key = fromBase64(m.public_key);
    if (!key || key.length !== 32)
      throw new ValidationError(
        'ENVELOPE_INVALID',
        `invite member ${m.party}: public_key is not a 32-byte base64 key`,
      );
    if (partyIdFromPublicKey(key) !== m.party) {
      throw new ValidationError(
        'ENVELOPE_INVALID',
        `invite member ${m.party}: id is not the UUIDv5 of its public key`,
      );
    }
    if (seen.has(m.party)) throw new ValidationError('ENVELOPE_INVALID', `invite lists ${m.party} twice`);
    seen.add(m.party);
    return { party: m.party, publicKey: key, endpoint: m.endpoint, name: m.name };
  });
  if (!seen.has(envelope.author))
    throw new ValidationError('ENVELOPE_INVALID', `the inviter ${envelope.author} is not among the members`);
  return { body, members };
}
