// A child process for the crash-safety test: appends envelopes to one log forever, in batches of
// random size, and prints `ack <lastSeq>` only after each batch committed. The parent kills it
// with SIGKILL at random moments and checks that every acknowledged entry survived.
import { loadConfig } from '../../src/cli/config.js';
import { createLogger } from '../../src/cli/logger.js';
import { openNode } from '../../src/cli/open-node.js';

const [dataDir, channel] = process.argv.slice(2);
if (!dataDir || !channel) throw new Error('usage: append-loop DATA_DIR CHANNEL');
const config = loadConfig({ env: {}, cwd: process.cwd(), flags: { dataDir, checkpointEvery: 7 } });
const node = await openNode(config, createLogger('silent'));
const body = { text: 'x'.repeat(900) };
for (;;) {
  const n = 1 + Math.floor(Math.random() * 20);
  const { head } = await node.append(
    channel,
    Array.from({ length: n }, () => ({ kind: 'note' as const, body })),
  );
  process.stdout.write(`ack ${head.size - 1}\n`);
}
