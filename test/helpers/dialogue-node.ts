// A node process for the kill tests: serves on a fixed port, and in "send" mode sends notes in a
// loop, printing `ack <seq>` after each one is committed to its own log.
import { pino } from 'pino';
import { loadConfig } from '../../src/cli/config.js';
import { createRuntime } from '../../src/cli/runtime.js';

const [dataDir, port, mode, channel] = process.argv.slice(2);
if (!dataDir || !port || !mode) throw new Error('usage: dialogue-node DATA_DIR PORT serve|send [CHANNEL]');
const config = loadConfig({ env: {}, cwd: process.cwd(), flags: { dataDir, http: { port: Number(port) } } });
const rt = await createRuntime(config, {
  logger: pino({ level: process.env.PARLEY_TEST_LOG_LEVEL ?? 'silent' }),
  dialogue: { retryBaseMs: 50, retryMaxMs: 400 },
  schedule: { deadlineEveryMs: 0, checkpointEveryMs: 0, pingEveryMs: 0 },
});
await rt.listen();
process.stdout.write('ready\n');
if (mode === 'send' && channel) {
  for (let i = 0; ; i++) {
    const e = await rt.dialogue.send(channel, { kind: 'note', body: { text: `note ${Date.now()} ${i}` } });
    process.stdout.write(`ack ${e.envelope.seq}\n`);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
  }
}
