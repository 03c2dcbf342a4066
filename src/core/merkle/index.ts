/**
 * The Merkle log of RFC 9162 §2.1 and its text formats: hashing, compact ranges (what storage
 * keeps), proof planning (which stored nodes a proof needs), proof checking, C2SP tlog-checkpoint
 * and C2SP signed-note. Pure: no I/O, no clock, no randomness. Each function's JSDoc states its
 * preconditions, the error codes it throws and the spec section it follows.
 */

// RFC 9162 §2.1.1 hashing.
export {
  RFC9162_LEAF_HASH_PREFIX,
  RFC9162_NODE_HASH_PREFIX,
  HASH_BYTES,
  hashLeaf,
  hashChildren,
  emptyRoot,
} from './hasher.js';

// Compact ranges: appending leaves yields the perfect-subtree nodes to store.
export {
  type NodeId,
  type StoredNode,
  type AppendResult,
  frontierLength,
  computeAppend,
  rootFromFrontier,
} from './compact.js';

// Proof planning from stored nodes (RFC 9162 §2.1.3.1, §2.1.4.1).
export {
  type ProofPlan,
  rangeNodes,
  inclusionProofPlan,
  consistencyProofPlan,
  rootPlan,
  proofFromNodes,
  rootFromNodes,
} from './proof-nodes.js';

// Proof checking (RFC 9162 §2.1.3.2, §2.1.4.2).
export {
  rootFromInclusionProof,
  verifyInclusion,
  rootFromConsistencyProof,
  verifyConsistency,
} from './verify.js';

// C2SP tlog-checkpoint.
export {
  type Checkpoint,
  type VerifiedCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';

// Two signed checkpoints of one log that cannot both be true.
export { type ConflictWitness, checkpointsConflict, verifyCheckpointEquivocation } from './equivocation.js';

// C2SP signed-note.
export {
  NOTE_SIG_TYPE_ED25519,
  MAX_NOTE_SIGNATURES,
  NOTE_SIGNATURE_PREFIX,
  type NoteSigner,
  type NoteVerifier,
  type NoteSignature,
  type SignedNote,
  type VerifiedNote,
  isValidKeyName,
  noteKeyHash,
  createNoteVerifier,
  formatVerifierKey,
  parseVerifierKey,
  parseSignerKey,
  formatKeyHash,
  formatSignedNote,
  signNote,
  parseSignedNote,
  verifyNote,
} from './signed-note.js';
