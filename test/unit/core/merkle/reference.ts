/**
 * A naive reference for RFC 9162 §2.1: MTH, PATH and PROOF written as the RFC's recursive
 * definitions over a list of leaf hashes, plus helpers to build a tree's stored nodes with
 * computeAppend. Test-only; deliberately shares no code with src/core/merkle beyond the hasher.
 */
import {
  computeAppend,
  hashChildren,
  hashLeaf,
  emptyRoot,
  type NodeId,
} from '../../../../src/core/merkle/index.js';

/** The largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class ReferenceTree {
  private readonly memo = new Map<string, Uint8Array>();
  constructor(readonly leaves: readonly Uint8Array[]) {}

  /** MTH(D[start:end]), RFC 9162 §2.1.1. */
  mth(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return emptyRoot();
    if (n === 1) return this.leaves[start]!;
    const key = `${start}:${end}`;
    let h = this.memo.get(key);
    if (!h) {
      const k = splitPoint(n);
      h = hashChildren(this.mth(start, start + k), this.mth(start + k, end));
      this.memo.set(key, h);
    }
    return h;
  }

  /** PATH(m, D[start:end]), RFC 9162 §2.1.3.1. */
  path(m: number, start: number, end: number): Uint8Array[] {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...this.path(m, start, start + k), this.mth(start + k, end)]
      : [...this.path(m - k, start + k, end), this.mth(start, start + k)];
  }

  /** PROOF(m, D[0:n]), RFC 9162 §2.1.4.1. */
  proof(m: number, n: number): Uint8Array[] {
    return this.subproof(m, 0, n, true);
  }

  private subproof(m: number, start: number, end: number, b: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return b ? [] : [this.mth(start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...this.subproof(m, start, start + k, b), this.mth(start + k, end)]
      : [...this.subproof(m - k, start + k, end, false), this.mth(start, start + k)];
  }
}

/**
 * The shape of PATH(m, D[n]): for each proof hash, whether it is a left ('L') or right ('R')
 * sibling. Two (m, n) with equal shapes hash a proof identically.
 */
export function inclusionShape(m: number, n: number): string {
  if (n === 1) return '';
  const k = splitPoint(n);
  return m < k ? inclusionShape(m, k) + 'R' : inclusionShape(m - k, n - k) + 'L';
}

/** The shape of SUBPROOF(m, D[n], b): 'S' a seed hash, 'L'/'R' a left/right sibling. */
export function consistencyShape(m: number, n: number, b = true): string {
  if (m === n) return b ? '' : 'S';
  const k = splitPoint(n);
  return m <= k ? consistencyShape(m, k, b) + 'R' : consistencyShape(m - k, n - k, false) + 'L';
}

export function leafHashes(n: number, tag = 'leaf'): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => hashLeaf(new TextEncoder().encode(`${tag} ${i}`)));
}

export const nodeKey = (id: NodeId): string => `${id.level}/${id.index}`;

/** Appends the leaves one batch at a time and keeps every node computeAppend reports. */
export function storedNodes(leaves: readonly Uint8Array[], batch = 7): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  let size = 0;
  let frontier: Uint8Array[] = [];
  for (let i = 0; i < leaves.length; i += batch) {
    const r = computeAppend(size, frontier, leaves.slice(i, i + batch));
    for (const n of r.nodes) map.set(nodeKey(n), n.hash);
    size = r.size;
    frontier = r.frontier;
  }
  return map;
}

/** Fetches a plan's nodes, asserting each is a perfect subtree that exists at tree size `size`. */
export function fetch(map: Map<string, Uint8Array>, ids: readonly NodeId[], size: number): Uint8Array[] {
  return ids.map((id) => {
    if ((id.index + 1) * 2 ** id.level > size)
      throw new Error(`node ${nodeKey(id)} is not complete at size ${size}`);
    const h = map.get(nodeKey(id));
    if (!h) throw new Error(`node ${nodeKey(id)} not stored`);
    return h;
  });
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
