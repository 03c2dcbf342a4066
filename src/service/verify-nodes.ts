import { equalBytes } from '../core/sig/index.js';
import { toHex } from '../core/bytes/index.js';
import type { StoredNode } from '../core/merkle/index.js';
import { isStoreError, type LogKey, type Store } from '../store/index.js';

/** Records a problem; returns false once the log's report is full, so callers can stop looking. */
export type ProblemSink = (code: string, message: string, at?: number) => boolean;

/**
 * Compares stored Merkle nodes with the ones recomputed from the entries' bytes. Proofs are built
 * from stored nodes, so one wrong interior node yields wrong proofs even when the leaves and the
 * head are right: every node must be checked, not only the ones under the final root. Called
 * once per page of entries with the nodes that page completed, so memory stays O(page).
 * Store failures other than NODE_MISSING propagate (the store is unreachable, not corrupt).
 */
export async function checkStoredNodes(
  store: Store,
  log: LogKey,
  want: readonly StoredNode[],
  problem: ProblemSink,
): Promise<void> {
  if (want.length === 0) return;
  let got: Uint8Array[] | undefined;
  try {
    got = await store.getNodeHashes(log, want);
  } catch (e) {
    if (!isStoreError(e) || e.code !== 'NODE_MISSING') throw e;
  }
  if (got) {
    for (let i = 0; i < want.length; i++) {
      if (!equalBytes(want[i]!.hash, got[i]!) && !mismatch(want[i]!, got[i]!, problem)) return;
    }
    return;
  }
  // A batch lookup stops at the first missing node; only on this corrupt path are nodes looked up
  // one by one, to name each missing or wrong one (until the report is full).
  for (const node of want) {
    let one: Uint8Array | undefined;
    try {
      [one] = await store.getNodeHashes(log, [node]);
    } catch (e) {
      if (!isStoreError(e) || e.code !== 'NODE_MISSING') throw e;
      if (
        !problem(
          'NODE_MISSING',
          `no stored Merkle node at level ${node.level} index ${node.index} (${span(node)})`,
          firstSeq(node),
        )
      )
        return;
      continue;
    }
    if (one && !equalBytes(node.hash, one) && !mismatch(node, one, problem)) return;
  }
}

function mismatch(node: StoredNode, stored: Uint8Array, problem: ProblemSink): boolean {
  const message =
    `stored Merkle node at level ${node.level} index ${node.index} (${span(node)}) is ${toHex(stored).slice(0, 16)}…, ` +
    `recomputed from the entries ${toHex(node.hash).slice(0, 16)}…`;
  return problem('NODE_MISMATCH', message, firstSeq(node));
}

function firstSeq(node: StoredNode): number {
  return node.index * 2 ** node.level;
}

function span(node: StoredNode): string {
  const first = firstSeq(node);
  return node.level === 0 ? `seq ${first}` : `seqs ${first}-${first + 2 ** node.level - 1}`;
}
