/**
 * Checking inclusion and consistency proofs, as RFC 9162 §2.1.3.2 and §2.1.4.2 write them.
 * `verifyX` throws VerificationError; `rootFromX` only computes (and throws on malformed input).
 *
 * Codes: INCLUSION_PROOF_INVALID / CONSISTENCY_PROOF_INVALID when the inputs cannot form a
 * proof (sizes, indices, lengths); ROOT_MISMATCH when a well-formed proof leads to another root.
 */
import { equalBytes } from '../sig/index.js';
import { toHex } from '../bytes/index.js';
import { VerificationError, type VerificationCode } from '../errors.js';
import { emptyRoot, hashChildren, HASH_BYTES } from './hasher.js';
import { half, isCount, isPowerOfTwo } from './tree-math.js';

type ProofCode = Extract<VerificationCode, 'INCLUSION_PROOF_INVALID' | 'CONSISTENCY_PROOF_INVALID'>;

function requireCount(code: ProofCode, what: string, n: number): void {
  if (!isCount(n)) throw new VerificationError(code, `${what} must be a safe integer >= 0, got ${n}`);
}

function requireHashes(code: ProofCode, proof: readonly Uint8Array[], want: number): void {
  if (proof.length !== want)
    throw new VerificationError(code, `wrong proof size ${proof.length}, want ${want}`);
  proof.forEach((h, i) => {
    if (h.length !== HASH_BYTES) {
      throw new VerificationError(code, `proof hash ${i} has ${h.length} bytes, want ${HASH_BYTES}`);
    }
  });
}

function requireMatch(what: string, calculated: Uint8Array, expected: Uint8Array): void {
  if (!equalBytes(calculated, expected)) {
    throw new VerificationError(
      'ROOT_MISMATCH',
      `${what}: calculated root ${toHex(calculated)} does not match expected ${toHex(expected)}`,
      {
        details: { expected: toHex(expected), calculated: toHex(calculated) },
      },
    );
  }
}

/**
 * One step of the RFC's loop over (fn, sn): whether the proof hash at this step is a left
 * sibling, and the next (fn, sn). Shared by the length count and the hashing loop so they agree.
 */
function step(fn: number, sn: number): { left: boolean; fn: number; sn: number } {
  const left = fn % 2 === 1 || fn === sn;
  if (left && fn % 2 === 0) {
    while (fn % 2 === 0 && fn !== 0) {
      fn = half(fn);
      sn = half(sn);
    }
  }
  return { left, fn: half(fn), sn: half(sn) };
}

/** How many hashes the RFC loop consumes from (fn, sn) until sn reaches 0. */
function pathLength(fn: number, sn: number): number {
  let n = 0;
  while (sn > 0) {
    ({ fn, sn } = step(fn, sn));
    n++;
  }
  return n;
}

/**
 * Computes the root a leaf's inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1-4).
 * Requires 0 <= index < size (safe integers), a 32-byte leaf hash and exactly the proof length the
 * position implies, each hash 32 bytes; throws VerificationError INCLUSION_PROOF_INVALID otherwise.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array {
  const code = 'INCLUSION_PROOF_INVALID';
  requireCount(code, 'leaf index', index);
  requireCount(code, 'tree size', size);
  if (index >= size) throw new VerificationError(code, `leaf index ${index} is beyond tree size ${size}`);
  if (leafHash.length !== HASH_BYTES)
    throw new VerificationError(code, `leaf hash has ${leafHash.length} bytes, want ${HASH_BYTES}`);
  requireHashes(code, proof, pathLength(index, size - 1));
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    const s = step(fn, sn);
    r = s.left ? hashChildren(p, r) : hashChildren(r, p);
    ({ fn, sn } = s);
  }
  return r;
}

/**
 * Verifies that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`
 * (RFC 9162 §2.1.3.2). Throws VerificationError INCLUSION_PROOF_INVALID (malformed inputs) or
 * ROOT_MISMATCH (the proof leads to another root).
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  requireMatch(
    `inclusion of leaf ${index} in tree size ${size}`,
    rootFromInclusionProof(leafHash, index, size, proof),
    root,
  );
}

/**
 * Checks a consistency proof against the old root and returns the new root it implies
 * (RFC 9162 §2.1.4.2). Requires 0 < size1 <= size2 (safe integers; size1 === size2 wants an empty
 * proof and returns root1; 0 === size1 === size2 wants root1 to be the empty tree's root) and the
 * exact proof length. Throws VerificationError CONSISTENCY_PROOF_INVALID or ROOT_MISMATCH (root1).
 */
export function rootFromConsistencyProof(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): Uint8Array {
  const code = 'CONSISTENCY_PROOF_INVALID';
  requireCount(code, 'tree size 1', size1);
  requireCount(code, 'tree size 2', size2);
  if (size1 > size2) throw new VerificationError(code, `tree size 1 (${size1}) > tree size 2 (${size2})`);
  if (size1 === size2) {
    requireHashes(code, proof, 0);
    if (size1 === 0) requireMatch('tree size 0', root1, emptyRoot());
    return root1;
  }
  if (size1 === 0)
    throw new VerificationError(
      code,
      `a consistency proof from the empty tree to size ${size2} is meaningless`,
    );
  // Step 2: a power-of-two old tree is itself the seed; otherwise the proof's first hash is.
  const seeded = isPowerOfTwo(size1);
  const path = seeded ? [root1, ...proof] : [...proof];
  // Steps 3-4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  requireHashes(code, proof, pathLength(fn, sn) + (seeded ? 0 : 1));
  // Steps 5-6: fr rebuilds the old root from left siblings only, sr the new root from all.
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    const s = step(fn, sn);
    if (s.left) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
    } else {
      sr = hashChildren(sr, c);
    }
    ({ fn, sn } = s);
  }
  // Step 7 (first half).
  requireMatch(`consistency from tree size ${size1} to ${size2}, old root`, fr, root1);
  return sr;
}

/**
 * Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves
 * with root `root1` (RFC 9162 §2.1.4.2). Preconditions as `rootFromConsistencyProof`. Throws
 * VerificationError CONSISTENCY_PROOF_INVALID (malformed inputs) or ROOT_MISMATCH.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const calculated = rootFromConsistencyProof(size1, size2, proof, root1);
  requireMatch(`consistency from tree size ${size1} to ${size2}, new root`, calculated, root2);
}
