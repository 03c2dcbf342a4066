import { emptyRoot, hashChildren } from './hasher.js';

/**
 * A node of the tree that is the root of a perfect subtree: it covers leaves
 * [index * 2^level, (index + 1) * 2^level). Level 0 nodes are leaf hashes. Only such nodes are
 * ever stored; every other hash a proof needs is recomputed from O(log n) of them.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

export interface AppendResult {
  /** The perfect-subtree nodes that became complete: the new leaves and every parent they closed. */
  readonly nodes: StoredNode[];
  /** Hashes of the maximal perfect subtrees of the new tree, left (largest) to right (smallest). */
  readonly frontier: Uint8Array[];
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/**
 * The number of maximal perfect subtrees in a tree of `size` leaves (its frontier length) is the
 * number of one bits in `size`.
 */
export function frontierLength(size: number): number {
  let n = 0;
  for (let s = size; s > 0; s = Math.floor(s / 2)) n += s % 2;
  return n;
}

/**
 * Appends leaf hashes to a compact range (the frontier of a tree of `size` leaves) and returns
 * the nodes to store plus the new frontier and root. O(log n) per leaf, O(1) amortised.
 * Requires frontier.length === frontierLength(size).
 */
export function computeAppend(
  size: number,
  frontier: readonly Uint8Array[],
  leafHashes: readonly Uint8Array[],
): AppendResult {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`tree size must be a safe integer >= 0, got ${size}`);
  if (frontier.length !== frontierLength(size)) {
    throw new RangeError(
      `frontier of a ${size}-leaf tree has ${frontierLength(size)} hashes, got ${frontier.length}`,
    );
  }
  const stack = [...frontier];
  const nodes: StoredNode[] = [];
  let n = size;
  for (const leaf of leafHashes) {
    let hash = leaf;
    let level = 0;
    let index = n;
    nodes.push({ level, index, hash });
    // Each trailing one bit of the old size is a left sibling waiting for this new right child.
    while (index % 2 === 1) {
      const left = stack.pop();
      if (!left) throw new RangeError('frontier exhausted: inconsistent compact range');
      hash = hashChildren(left, hash);
      level += 1;
      index = (index - 1) / 2;
      nodes.push({ level, index, hash });
    }
    stack.push(hash);
    n += 1;
  }
  return { nodes, frontier: stack, size: n, rootHash: rootFromFrontier(stack) };
}

/** The root hash of a tree given its maximal perfect subtrees, left to right (RFC 9162 §2.1.1). */
export function rootFromFrontier(frontier: readonly Uint8Array[]): Uint8Array {
  if (frontier.length === 0) return emptyRoot();
  let acc = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i--) acc = hashChildren(frontier[i]!, acc);
  return acc;
}
