import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/cli/config.js';
import { createLogger } from '../../src/cli/logger.js';
import { openNode } from '../../src/cli/open-node.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { bundleForChild } from '../helpers/bundle.js';

// How many times the appender is killed; CI runs the default (50), more is welcome locally.
const KILLS = Number(process.env.PARLEY_CRASH_KILLS ?? 50);
const CHANNEL = 'channel--c7a5e0d2-0b3f-4e59-9d7c-6a1f2e3b4c5d';

/** Starts the appender, waits for its first ack, lets it run a random while, then SIGKILLs it. */
async function appendThenKill(script: string, dataDir: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [script, dataDir, CHANNEL], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let lastAck = -1;
  let killTimer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const l of lines) {
      const m = /^ack (\d+)$/.exec(l);
      if (m) lastAck = Math.max(lastAck, Number(m[1]));
    }
    if (lastAck >= 0 && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  await exited;
  clearTimeout(killTimer);
  assert.ok(lastAck >= 0, `appender never acknowledged an append: ${err}`);
  // Read what the pipe still held when the process died: those acks were printed before the kill.
  for (const m of out.matchAll(/ack (\d+)/g)) lastAck = Math.max(lastAck, Number(m[1]));
  return lastAck;
}

describe('crash safety: SIGKILL while appending', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'node');
  after(tmp.cleanup);

  it(`loses no acknowledged entry and leaves a verifiable log across ${KILLS} kills`, async (t) => {
    assert.equal(runCli(['init', '--data', dataDir, '--name', 'Crash test']).code, 0);
    const config = loadConfig({ env: {}, cwd: process.cwd(), flags: { dataDir } });
    const script = await bundleForChild('test/helpers/append-loop.ts', 'append-loop');
    t.after(() => rmSync(script, { force: true }));
    let acked = -1;
    for (let i = 0; i < KILLS; i++) {
      acked = Math.max(acked, await appendThenKill(script, dataDir, Math.floor(Math.random() * 60)));
      const node = await openNode(config, createLogger('silent'));
      try {
        const head = await node.getLogHead({ channel: CHANNEL, author: node.partyId });
        assert.ok(head, 'the log exists');
        assert.ok(head.size - 1 >= acked, `kill ${i}: entry ${acked} was acknowledged but the log ends at ${head.size - 1}`);
        const report = await node.verifyAll();
        assert.equal(report.ok, true, `kill ${i}: ${JSON.stringify(report.problems.slice(0, 3))}`);
        acked = head.size - 1;
      } finally {
        await node.close();
      }
      // The real CLI, as an operator would run it after a crash (every tenth kill, and the last).
      if (i % 10 === 9 || i === KILLS - 1) {
        const v = runCli(['log', 'verify', '--data', dataDir, '--json']);
        assert.equal(v.code, 0, `kill ${i}: parley log verify failed: ${v.stdout}${v.stderr}`);
      }
    }
  });
});
