import { parentPort } from 'node:worker_threads';
import { loadPsiGroup } from '../../core/psi/index.js';
import { ParleyError } from '../../core/errors.js';
import type { PoolReply, PoolTask } from './pool-protocol.types.js';

// One worker thread of the PSI pool: runs core's group arithmetic on a batch and hands the
// result buffer back. The scalar copy that arrived with the task is zeroed before replying.
const port = parentPort;
if (!port) throw new Error('pool-worker must run as a worker thread');

port.on('message', (task: PoolTask) => {
  void run(task).then(
    (out) =>
      port.postMessage({ id: task.id, ok: true, out } satisfies PoolReply, [out.buffer as ArrayBuffer]),
    (e: unknown) => {
      const reply: PoolReply =
        e instanceof ParleyError
          ? { id: task.id, ok: false, code: e.code, message: e.message, ...indexOf(e) }
          : {
              id: task.id,
              ok: false,
              code: 'PSI_WORKER_FAILED',
              message: e instanceof Error ? e.message : 'worker failed',
            };
      port.postMessage(reply);
    },
  );
});

async function run(task: PoolTask): Promise<Uint8Array> {
  try {
    const group = await loadPsiGroup(task.suite);
    if (task.op === 'blind') return group.blind(task.elements, task.scalar);
    const items = new Array<Uint8Array>(task.offsets.length - 1);
    for (let i = 0; i < items.length; i++)
      items[i] = task.bytes.subarray(task.offsets[i]!, task.offsets[i + 1]!);
    return group.blind(group.hashToGroup(items, task.dst), task.scalar);
  } finally {
    task.scalar.fill(0);
  }
}

function indexOf(e: ParleyError): { index?: number } {
  const i = e.details?.['index'];
  return typeof i === 'number' ? { index: i } : {};
}
