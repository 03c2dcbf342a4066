import { fromBase64 } from '../core/bytes/index.js';
import { parseEnvelope, type Envelope } from '../core/envelope/index.js';
import { ParleyError } from '../core/errors.js';
import type { LogKey, Store } from '../store/index.js';

/**
 * "The keys an author may have signed a log with", answered in one place. A party's id certifies
 * only its founding key; each later key is named by a `key-rotation` in the log, signed by the key
 * before it. Everything the author signed under any of those keys (envelopes, checkpoint notes,
 * co-signatures) stays the author's: a check that knows only the founding key and the key pinned
 * now loses whatever a middle key signed once a party rotates twice.
 */

/** One key of an author's history in one log. */
export interface AuthorKey {
  readonly publicKey: Uint8Array;
  /** Seq of the first envelope signed with it: 0 for the founding key, a rotation's seq + 1 after. */
  readonly fromSeq: number;
}

/**
 * The key a `key-rotation` envelope names; undefined for another kind or a value that is not a
 * 32-byte base64 key (the rotation then changes nothing, as it did when first projected). Says
 * nothing of whether the rotation is genuine: that is its signature's business, checked by the
 * caller (verify-service.ts) or before the store took it (ingest, LogService).
 */
export function keyNamedByRotation(envelope: Envelope): Uint8Array | undefined {
  if (envelope.kind !== 'key-rotation') return undefined;
  const named = envelope.body.new_public_key;
  const key = typeof named === 'string' ? fromBase64(named) : undefined;
  return key?.length === 32 ? key : undefined;
}

/**
 * The author's keys for `log`, oldest first: the founding key from its party record, then each
 * key named by a `key-rotation` stored in `log` below `beforeSeq` (all of them when omitted).
 * The store holds only rotations that were verified against the key before them, so they are
 * read here, not verified again; `log verify` re-verifies stored data itself. Empty when the
 * party is unknown. Cost: a party lookup and one index seek over the log's rotations
 * (Store.listKeyRotations), whatever the size of the log.
 */
export async function authorKeyHistory(store: Store, log: LogKey, beforeSeq?: number): Promise<AuthorKey[]> {
  const [party, rotations] = await Promise.all([
    store.getParty(log.author),
    store.listKeyRotations(log, beforeSeq),
  ]);
  if (!party) return [];
  const history: AuthorKey[] = [{ publicKey: party.publicKey, fromSeq: 0 }];
  for (const entry of rotations) {
    const named = storedRotation(log, entry.bytes);
    if (named) history.push({ publicKey: named, fromSeq: entry.seq + 1 });
  }
  return history;
}

/**
 * A stored row altered behind the store's back must not make a reader throw (the per-log proofs
 * and the evidence re-check never throw on bad data): a rotation that no longer reads as one of
 * this log names no key, so whatever its key signed fails to verify, and `log verify` names the row.
 */
function storedRotation(log: LogKey, bytes: Uint8Array): Uint8Array | undefined {
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(bytes, { maxBytes: Number.MAX_SAFE_INTEGER }).envelope;
  } catch (e) {
    if (e instanceof ParleyError) return undefined;
    throw e;
  }
  if (envelope.channel !== log.channel || envelope.author !== log.author) return undefined;
  return keyNamedByRotation(envelope);
}

/** The key of `history` in effect at `seq`: the last one whose `fromSeq` is not after it. */
export function keyInEffectAt(history: readonly AuthorKey[], seq: number): Uint8Array | undefined {
  let key: Uint8Array | undefined;
  for (const k of history) if (k.fromSeq <= seq) key = k.publicKey;
  return key;
}
