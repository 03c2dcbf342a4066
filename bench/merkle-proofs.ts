/**
 * Merkle proof benchmark: builds the stored nodes of a 1,000,000-leaf log in memory with
 * computeAppend, then times the pure part of serving a proof — planning which nodes to fetch and
 * folding their hashes (the Map lookup stands in for the store). Also times verification.
 * Prints one JSON object per line: { name, opsPerSec, usPerOp, ... }.
 *
 *     node --import tsx bench/merkle-proofs.ts
 */
import { pathToFileURL } from 'node:url';
import {
  computeAppend,
  consistencyProofPlan,
  hashLeaf,
  inclusionProofPlan,
  proofFromNodes,
  rootFromNodes,
  rootPlan,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
} from '../src/core/merkle/index.js';

export interface MerkleBenchResult {
  readonly name: string;
  readonly opsPerSec: number;
  readonly usPerOp: number;
  readonly ops: number;
  readonly treeSize: number;
}

const TREE_SIZE = 1_000_000;
const key = (id: NodeId): number => id.index * 64 + id.level;

/** A small deterministic PRNG (xorshift32) so runs are comparable. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function buildTree(size: number): Map<number, Uint8Array> {
  const nodes = new Map<number, Uint8Array>();
  let n = 0;
  let frontier: Uint8Array[] = [];
  const batch = 10_000;
  const buf = new Uint8Array(8);
  const view = new DataView(buf.buffer);
  while (n < size) {
    const leaves: Uint8Array[] = [];
    for (let i = n; i < Math.min(size, n + batch); i++) {
      view.setFloat64(0, i);
      leaves.push(hashLeaf(buf));
    }
    const r = computeAppend(n, frontier, leaves);
    for (const node of r.nodes) nodes.set(key(node), node.hash);
    n = r.size;
    frontier = r.frontier;
  }
  return nodes;
}

function fetch(nodes: Map<number, Uint8Array>, ids: readonly NodeId[]): Uint8Array[] {
  return ids.map((id) => {
    const h = nodes.get(key(id));
    if (!h) throw new Error(`missing node ${id.level}/${id.index}`);
    return h;
  });
}

function time(name: string, ops: number, fn: (i: number) => void): MerkleBenchResult {
  for (let i = 0; i < Math.min(1000, ops); i++) fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < ops; i++) fn(i);
  const ms = performance.now() - start;
  const usPerOp = (ms * 1000) / ops;
  return {
    name,
    opsPerSec: Math.round(ops / (ms / 1000)),
    usPerOp: Number(usPerOp.toFixed(3)),
    ops,
    treeSize: TREE_SIZE,
  };
}

/** Runs the benchmark and returns one result per measurement. */
export async function runMerkleBench(): Promise<MerkleBenchResult[]> {
  const nodes = buildTree(TREE_SIZE);
  const rand = prng(0x5eed);
  const OPS = 20_000;
  const indices = Array.from({ length: OPS }, () => Math.floor(rand() * TREE_SIZE));
  const sizes1 = Array.from({ length: OPS }, () => 1 + Math.floor(rand() * (TREE_SIZE - 1)));
  const rootPlanFull = rootPlan(TREE_SIZE);
  const root = rootFromNodes(rootPlanFull, fetch(nodes, rootPlanFull.nodes));
  const roots1 = sizes1.slice(0, 2000).map((s) => {
    const p = rootPlan(s);
    return rootFromNodes(p, fetch(nodes, p.nodes));
  });
  const results: MerkleBenchResult[] = [];

  results.push(
    time('merkle.inclusion.plan+fold', OPS, (i) => {
      const plan = inclusionProofPlan(indices[i]!, TREE_SIZE);
      proofFromNodes(plan, fetch(nodes, plan.nodes));
    }),
  );
  results.push(
    time('merkle.consistency.plan+fold', OPS, (i) => {
      const plan = consistencyProofPlan(sizes1[i]!, TREE_SIZE);
      proofFromNodes(plan, fetch(nodes, plan.nodes));
    }),
  );
  results.push(
    time('merkle.root.plan+fold', OPS, (i) => {
      const plan = rootPlan(sizes1[i]!);
      rootFromNodes(plan, fetch(nodes, plan.nodes));
    }),
  );
  results.push(
    time('merkle.inclusion.verify', 5000, (i) => {
      const index = indices[i]!;
      const plan = inclusionProofPlan(index, TREE_SIZE);
      const proof = proofFromNodes(plan, fetch(nodes, plan.nodes));
      verifyInclusion(nodes.get(key({ level: 0, index }))!, index, TREE_SIZE, proof, root);
    }),
  );
  results.push(
    time('merkle.consistency.verify', 2000, (i) => {
      const plan = consistencyProofPlan(sizes1[i]!, TREE_SIZE);
      verifyConsistency(
        sizes1[i]!,
        TREE_SIZE,
        proofFromNodes(plan, fetch(nodes, plan.nodes)),
        roots1[i]!,
        root,
      );
    }),
  );
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runMerkleBench()) console.log(JSON.stringify(r));
}
