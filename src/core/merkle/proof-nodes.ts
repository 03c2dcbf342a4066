/**
 * Proof planning: which stored perfect-subtree nodes a proof needs, and how to fold their hashes
 * into the proof (RFC 9162 §2.1.3.1 PATH, §2.1.4.1 PROOF). The maths never sees storage: the
 * caller fetches `plan.nodes` and hands their hashes to `proofFromNodes`.
 *
 * A proof hash is either one stored node or an "ephemeral" node on the right border of the tree,
 * the root of an incomplete subtree. An ephemeral node is recomputed from the O(log n) perfect
 * subtrees that cover its range [begin, size). A proof has at most one ephemeral node.
 */
import type { NodeId } from './compact.js';
import { emptyRoot, hashChildren, HASH_BYTES } from './hasher.js';
import { floorLog2, isCount, isPowerOfTwo, trailingZeros } from './tree-math.js';

/**
 * A recipe for a proof. Fetch the hash of every node in `nodes` (in order), then call
 * `proofFromNodes`: hashes before `ephemeralBegin` and from `ephemeralEnd` on are proof hashes as
 * they are; hashes in [ephemeralBegin, ephemeralEnd) are folded, smallest subtree first, into the
 * single proof hash of the ephemeral node that they cover (RFC 9162 §2.1.1 MTH of that range).
 */
export interface ProofPlan {
  readonly nodes: readonly NodeId[];
  readonly ephemeralBegin: number;
  readonly ephemeralEnd: number;
  /** How many hashes `proofFromNodes` returns. */
  readonly proofLength: number;
}

function requireCount(what: string, n: number): void {
  if (!isCount(n)) throw new RangeError(`${what} must be a safe integer >= 0, got ${n}`);
}

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right: sizes grow, then
 * shrink. O(log n) nodes. Requires 0 <= begin <= end, both safe integers; throws RangeError.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  requireCount('range begin', begin);
  requireCount('range end', end);
  if (begin > end) throw new RangeError(`range begin ${begin} > end ${end}`);
  const out: NodeId[] = [];
  let at = begin;
  while (at < end) {
    // The largest subtree that starts at `at` (alignment) and does not pass `end`.
    const level = Math.min(at === 0 ? 53 : trailingZeros(at), floorLog2(end - at));
    const span = 2 ** level;
    out.push({ level, index: at / span });
    at += span;
  }
  return out;
}

/**
 * Appends to `out` the siblings on the path from node (level, index) up to the root of a tree of
 * `size` leaves, lowest first. Returns the bounds in `out` of the ephemeral group, if any.
 */
function appendPath(level: number, index: number, size: number, out: NodeId[]): [number, number] {
  let begin = 0;
  let end = 0;
  let idx = index;
  for (let l = level; 2 ** l < size; l++, idx = Math.floor(idx / 2)) {
    const span = 2 ** l;
    if (idx % 2 === 1) {
      out.push({ level: l, index: idx - 1 }); // a left sibling is always complete
      continue;
    }
    const start = (idx + 1) * span;
    if (start >= size) continue; // no right sibling: this node is promoted a level (RFC 9162 §2.1.1)
    if (start + span <= size) {
      out.push({ level: l, index: idx + 1 });
      continue;
    }
    // The right sibling is incomplete: the ephemeral node. Only one exists on any path, since
    // every node above it covers leaves past `size` only through this one.
    const parts = rangeNodes(start, size).reverse();
    begin = out.length;
    out.push(...parts);
    end = out.length;
  }
  return [begin, end];
}

function makePlan(nodes: NodeId[], [begin, end]: [number, number]): ProofPlan {
  const folded = end - begin > 1 ? end - begin - 1 : 0;
  return { nodes, ephemeralBegin: begin, ephemeralEnd: end, proofLength: nodes.length - folded };
}

/**
 * Plans the inclusion proof of leaf `index` in a tree of `size` leaves (RFC 9162 §2.1.3.1).
 * Requires 0 <= index < size, safe integers; throws RangeError otherwise.
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  requireCount('leaf index', index);
  requireCount('tree size', size);
  if (index >= size) throw new RangeError(`leaf index ${index} is beyond tree size ${size}`);
  const nodes: NodeId[] = [];
  return makePlan(nodes, appendPath(0, index, size, nodes));
}

/**
 * Plans the consistency proof from tree size `size1` to `size2` (RFC 9162 §2.1.4.1). Requires
 * 0 < size1 <= size2, safe integers; throws RangeError otherwise. size1 === size2 plans the
 * empty proof.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  requireCount('tree size 1', size1);
  requireCount('tree size 2', size2);
  if (size1 > size2) throw new RangeError(`tree size 1 (${size1}) > tree size 2 (${size2})`);
  if (size1 === 0)
    throw new RangeError(`a consistency proof from the empty tree to size ${size2} is meaningless`);
  const nodes: NodeId[] = [];
  if (size1 === size2) return makePlan(nodes, [0, 0]);
  // The largest perfect subtree ending at size1 is where the old tree's right border meets the
  // new tree's path; its hash seeds both roots. When size1 is a power of two it is the old root,
  // which the verifier already has, so it is left out.
  const level = trailingZeros(size1);
  const index = size1 / 2 ** level - 1;
  if (!isPowerOfTwo(size1)) nodes.push({ level, index });
  return makePlan(nodes, appendPath(level, index, size2, nodes));
}

/**
 * Plans the root hash of a tree of `size` leaves from its maximal perfect subtrees
 * (RFC 9162 §2.1.1). Requires a safe integer size >= 0; throws RangeError.
 */
export function rootPlan(size: number): ProofPlan {
  requireCount('tree size', size);
  const nodes = rangeNodes(0, size).reverse();
  return makePlan(nodes, [0, nodes.length]);
}

/**
 * Folds fetched node hashes into the proof hashes the plan describes. Requires one 32-byte hash
 * per `plan.nodes` entry, in order; throws RangeError with the counts otherwise. RFC 9162 §2.1.
 */
export function proofFromNodes(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== plan.nodes.length) {
    throw new RangeError(`plan needs ${plan.nodes.length} node hashes, got ${hashes.length}`);
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    if (h.length !== HASH_BYTES)
      throw new RangeError(`node hash ${i} has ${h.length} bytes, want ${HASH_BYTES}`);
    if (i > plan.ephemeralBegin && i < plan.ephemeralEnd) {
      // Each further node of the group is the left neighbour of everything folded so far.
      out[out.length - 1] = hashChildren(h, out[out.length - 1]!);
    } else {
      out.push(h);
    }
  }
  return out;
}

/**
 * The root hash of a tree from the hashes of `rootPlan(size).nodes` (RFC 9162 §2.1.1); the
 * empty tree's root when the plan has no nodes. Throws RangeError as `proofFromNodes`.
 */
export function rootFromNodes(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array {
  if (plan.nodes.length === 0 && hashes.length === 0) return emptyRoot();
  const folded = proofFromNodes(plan, hashes);
  if (folded.length !== 1) throw new RangeError(`not a root plan: folds into ${folded.length} hashes`);
  return folded[0]!;
}
