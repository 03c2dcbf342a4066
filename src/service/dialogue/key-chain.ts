import { fromBase64 } from '../../core/bytes/index.js';
import { parseEnvelope, verifyEnvelopeSignature, type ParsedEnvelope } from '../../core/envelope/index.js';
import type { LogKey, Store } from '../../store/index.js';

const PAGE = 1000;

/**
 * The key `log.author` signed with at `signed`'s seq of its log: the one the envelope was verified
 * against when it was stored. Something signed inside that envelope (a statement co-signature) must
 * be checked against this key, not against the key pinned now, which a later `key-rotation`
 * replaced. `current` is the key pinned now.
 *
 * Cheap path: the envelope verifies with the pinned key, so that is the key of its time (the common
 * case: no rotation since). Otherwise the chain is followed as `log verify` does
 * (verify-service.ts): the founding key kept in the party record (the one the party id
 * certifies), replaced by each `key-rotation` before that seq in the same log. Those rotations were
 * verified when stored, so they are read, not verified again.
 */
export async function keyAtSeq(
  store: Store,
  log: LogKey,
  signed: ParsedEnvelope,
  current: Uint8Array,
): Promise<Uint8Array> {
  try {
    verifyEnvelopeSignature(signed, () => current);
    return current;
  } catch {
    /* signed under an earlier key: follow the chain */
  }
  let key = (await store.getParty(log.author))?.publicKey;
  if (!key) return current;
  const seq = signed.envelope.seq;
  for (let from = 0; from < seq; from += PAGE) {
    const page = await store.getEntries(log, from, Math.min(PAGE, seq - from));
    if (page.length === 0) break;
    for (const entry of page) {
      if (entry.kind !== 'key-rotation') continue; // pages end before `seq`
      const next = fromBase64(
        String(
          parseEnvelope(entry.bytes, { maxBytes: Number.MAX_SAFE_INTEGER }).envelope.body.new_public_key,
        ),
      );
      if (next?.length === 32) key = next;
    }
  }
  return key;
}
