/**
 * Equivocation by a log's signer: two checkpoints of one log, both signed with the log's key, that
 * cannot describe one append-only log. Such a pair is evidence anyone holding the public key can
 * check, without trusting whoever found it: the signer said two incompatible things.
 */
import { equalBytes } from '../sig/index.js';
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import type { NoteVerifier } from './signed-note.js';
import { verifyConsistency } from './verify.js';

/**
 * What makes two checkpoints of different sizes incompatible: the root at the smaller size that
 * the larger tree implies, with the RFC 9162 consistency proof from that root to the larger
 * checkpoint's root. A valid proof pins the smaller tree's root (short of a SHA-256 collision), so
 * a different root in the smaller checkpoint cannot belong to the same log.
 */
export interface ConflictWitness {
  readonly root: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/**
 * True when `a` and `b` (same origin) cannot both be true: the same size with different roots,
 * or different sizes where `witness` proves the larger tree has another root at the smaller size.
 * Without a witness, checkpoints of different sizes are never judged in conflict. Pure.
 */
export function checkpointsConflict(a: Checkpoint, b: Checkpoint, witness?: ConflictWitness): boolean {
  if (a.origin !== b.origin) return false;
  if (a.size === b.size) return !equalBytes(a.rootHash, b.rootHash);
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  if (!witness || small.size === 0 || equalBytes(witness.root, small.rootHash)) return false;
  try {
    verifyConsistency(small.size, large.size, witness.proof, witness.root, large.rootHash);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens two signed checkpoint notes of the log `origin` with `verifiers` (verifyCheckpoint: throws
 * if either is not signed by them) and says whether they conflict (checkpointsConflict).
 */
export function verifyCheckpointEquivocation(
  first: string | Uint8Array,
  second: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin: string,
  witness?: ConflictWitness,
): { readonly first: Checkpoint; readonly second: Checkpoint; readonly conflict: boolean } {
  const a = verifyCheckpoint(first, verifiers, origin).checkpoint;
  const b = verifyCheckpoint(second, verifiers, origin).checkpoint;
  return { first: a, second: b, conflict: checkpointsConflict(a, b, witness) };
}
