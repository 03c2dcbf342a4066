import { eventually, nodesWithChannel, type TestNode } from './nodes.js';
import type { ComparisonStatus, PreparedList } from '../../src/service/psi/index.js';
import type { PsiMode } from '../../src/core/psi/index.js';

/** Two real nodes over HTTP with an active channel between them. */
export async function twoNodesWithChannel(): Promise<{
  a: TestNode;
  b: TestNode;
  channel: string;
  stop: () => Promise<void>;
}> {
  const { nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
    channel: { name: 'list comparison', policy: { receipt_deadline_s: 3600 } },
  });
  const [a, b] = nodes as [TestNode, TestNode];
  return { a, b, channel, stop };
}

const ENDED = new Set(['complete', 'refused', 'aborted', 'failed']);

export async function waitEnded(n: TestNode, id: string, timeoutMs = 60_000): Promise<ComparisonStatus> {
  return eventually(
    `${n.name} ends comparison ${id}`,
    async () => {
      const s = n.comparisons.status(id);
      return s && ENDED.has(s.state) && !s.held ? s : undefined;
    },
    timeoutMs,
  );
}

/** A offers, B accepts; both run to the end. */
export async function compare(
  a: TestNode,
  b: TestNode,
  channel: string,
  listA: PreparedList,
  listB: PreparedList,
  mode: PsiMode,
  chunkSize?: number,
): Promise<{ id: string; sa: ComparisonStatus; sb: ComparisonStatus }> {
  const { id } = await a.comparisons.offer({
    channel,
    list: listA,
    mode,
    ...(chunkSize ? { chunkSize } : {}),
  });
  await eventually('B sees the offer', async () => b.comparisons.status(id)?.state === 'awaiting-acceptance');
  await b.comparisons.accept(id, listB);
  const [sa, sb] = await Promise.all([waitEnded(a, id), waitEnded(b, id)]);
  return { id, sa, sb };
}
