import { verifyEnvelopeSignature, type ParsedEnvelope } from '../../core/envelope/index.js';
import type { LogKey, Store } from '../../store/index.js';
import { authorKeyHistory, keyInEffectAt } from '../author-keys.js';

/**
 * The key `log.author` signed with at `signed`'s seq of its log: the one the envelope was verified
 * against when it was stored. Something signed inside that envelope (a statement co-signature) must
 * be checked against this key, not against the key pinned now, which a later `key-rotation`
 * replaced. `current` is the key pinned now.
 *
 * Cheap path: the envelope verifies with the pinned key, so that is the key of its time (the common
 * case: no rotation since). Otherwise the author's key history (author-keys.ts) up to that seq.
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
  const seq = signed.envelope.seq;
  return keyInEffectAt(await authorKeyHistory(store, log, seq), seq) ?? current;
}
