import { ParleyError } from '../core/errors.js';
import { parseEnvelope, verifyEnvelopeSignature } from '../core/envelope/index.js';
import {
  consistencyProofPlan,
  createNoteVerifier,
  parseCheckpoint,
  parseSignedNote,
  proofFromNodes,
  rootFromNodes,
  rootPlan,
  verifyCheckpointEquivocation,
  type ConflictWitness,
} from '../core/merkle/index.js';
import { equalBytes } from '../core/sig/index.js';
import type { EvidenceRecord } from '../store/dialogue.types.js';
import type { LogKey, Store } from '../store/index.js';
import { authorKeyHistory } from './author-keys.js';
import { logOrigin, noteKeyName } from './log-origin.js';
import type { VerifyProblem } from './verify-problem.types.js';

/**
 * Re-checks the equivocation evidence this node keeps, from the evidence's own bytes and the
 * author's keys only (what a third party would do): two checkpoint notes of one log signed by
 * its author that cannot both be true, or two envelopes signed by the author for one seq. Any key
 * of the author's history in that log counts (author-keys.ts): what it signed before a rotation
 * stays its own. Each pair that holds is a problem of the author's log (`EQUIVOCATION`): the log
 * this node holds may verify, but its author showed someone else another one.
 */
export async function verifyEvidence(store: Store): Promise<VerifyProblem[]> {
  const problems: VerifyProblem[] = [];
  for (const ev of await store.dialogue.listEvidence()) {
    if (!ev.second) continue;
    const log = { channel: ev.channel, author: ev.author };
    const keys = (await authorKeyHistory(store, log)).map((k) => k.publicKey);
    try {
      const proven =
        ev.kind === 'inconsistent-checkpoint'
          ? await notesConflict(store, log, keys, ev)
          : ev.kind === 'equivocation' && envelopesConflict(keys, ev);
      if (proven)
        problems.push({
          ...log,
          ...(ev.seq !== undefined ? { at: ev.seq } : {}),
          code: 'EQUIVOCATION',
          message: `evidence #${ev.id} verifies: ${ev.detail}`,
        });
    } catch (e) {
      // Evidence that does not verify with the author's keys proves nothing against the author.
      if (!(e instanceof ParleyError)) throw e;
    }
  }
  return problems;
}

async function notesConflict(
  store: Store,
  log: LogKey,
  keys: Uint8Array[],
  ev: EvidenceRecord,
): Promise<boolean> {
  const sizes = [ev.first, ev.second!].map((n) => parseCheckpoint(parseSignedNote(n).text).size);
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  let witness: ConflictWitness | undefined;
  const head = await store.getLogHead(log);
  if (small !== large && small > 0 && head && head.size >= large) {
    // Notes of different sizes need the larger tree's root at the smaller size: from our copy.
    const plan = consistencyProofPlan(small, large);
    const root = rootFromNodes(rootPlan(small), await store.getNodeHashes(log, rootPlan(small).nodes));
    witness = { root, proof: proofFromNodes(plan, await store.getNodeHashes(log, plan.nodes)) };
  }
  const verifiers = keys.map((k) => createNoteVerifier(noteKeyName(log.author), k));
  return verifyCheckpointEquivocation(ev.first, ev.second!, verifiers, logOrigin(log), witness).conflict;
}

function envelopesConflict(keys: Uint8Array[], ev: EvidenceRecord): boolean {
  const [a, b] = [
    parseEnvelope(ev.first, { maxBytes: Number.MAX_SAFE_INTEGER }),
    parseEnvelope(ev.second!, { maxBytes: Number.MAX_SAFE_INTEGER }),
  ];
  if (
    a.envelope.seq !== b.envelope.seq ||
    a.envelope.channel !== b.envelope.channel ||
    a.envelope.author !== b.envelope.author
  )
    return false;
  if (a.envelope.author !== ev.author || equalBytes(a.hash, b.hash)) return false;
  const signedByAuthor = (p: typeof a): boolean =>
    keys.some((k) => {
      try {
        verifyEnvelopeSignature(p, () => k);
        return true;
      } catch {
        return false;
      }
    });
  return signedByAuthor(a) && signedByAuthor(b);
}
