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

/**
 * When the kill lands: `afterAck` waits for the first acknowledged append and then `delayMs`;
 * `afterSpawn` kills `delayMs` after the process was started, acknowledged or not, so that the
 * kill can land in start-up (module loading, opening the store) or in the first transaction.
 */
type KillAt = { readonly afterAck: number } | { readonly afterSpawn: number };

interface KillResult {
  /** The last seq the appender acknowledged, -1 when none. */
  readonly lastAck: number;
  /** Milliseconds from spawn to the first acknowledgement, when there was one. */
  readonly firstAckMs: number | undefined;
}

/** Starts the appender and SIGKILLs it at `at`; asserts that it died of that kill. */
async function appendThenKill(script: string, dataDir: string, at: KillAt): Promise<KillResult> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [script, dataDir, CHANNEL], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let lastAck = -1;
  let firstAckMs: number | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if ('afterSpawn' in at) killTimer = setTimeout(() => child.kill('SIGKILL'), at.afterSpawn);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const l of lines) {
      const m = /^ack (\d+)$/.exec(l);
      if (m) lastAck = Math.max(lastAck, Number(m[1]));
    }
    if (lastAck >= 0 && firstAckMs === undefined) firstAckMs = performance.now() - spawnedAt;
    if ('afterAck' in at && lastAck >= 0 && !killTimer)
      killTimer = setTimeout(() => child.kill('SIGKILL'), at.afterAck);
  });
  const { code, signal } = await exited;
  clearTimeout(killTimer);
  // A child that crashed by itself (or exited) is a bug in the appender, not a survived kill.
  assert.equal(
    signal,
    'SIGKILL',
    `appender ended with code ${code}, signal ${signal}, not by the test's SIGKILL: ${err}`,
  );
  if ('afterAck' in at) assert.ok(lastAck >= 0, `appender never acknowledged an append: ${err}`);
  // Read what the pipe still held when the process died: those acks were printed before the kill.
  for (const m of out.matchAll(/ack (\d+)/g)) lastAck = Math.max(lastAck, Number(m[1]));
  return { lastAck, firstAckMs };
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
    // Time from spawn to the first ack, as measured so far; some early kills are spread over it.
    let firstAckMs = Number.POSITIVE_INFINITY;
    let startupKills = 0;
    let earlyBeforeAck = 0;
    for (let i = 0; i < KILLS; i++) {
      // One kill in three lands before the appender's first ack: half of them within 50 ms of
      // spawn, and within a third of the fastest first ack (Node is still loading the bundle), the
      // other half anywhere up to the fastest first ack seen (opening the store, the first
      // transaction). The rest land while appends are in full flow.
      const early = i % 3 === 1 ? (i % 2 === 1 ? 'startup' : 'first-append') : undefined;
      // i = 0 always waits for an ack, so firstAckMs is known by the first early kill.
      const upTo = early === 'startup' ? Math.min(50, firstAckMs / 3) : firstAckMs;
      const at: KillAt = early
        ? { afterSpawn: Math.floor(Math.random() * upTo) }
        : { afterAck: Math.floor(Math.random() * 60) };
      const r = await appendThenKill(script, dataDir, at);
      if (r.firstAckMs !== undefined) firstAckMs = Math.min(firstAckMs, r.firstAckMs);
      if (early === 'startup') {
        startupKills++;
        assert.equal(
          r.lastAck,
          -1,
          `kill ${i} was meant to land in start-up, but seq ${r.lastAck} was acknowledged first`,
        );
      }
      if (early && r.lastAck < 0) earlyBeforeAck++;
      acked = Math.max(acked, r.lastAck);
      const node = await openNode(config, createLogger('silent'));
      try {
        const head = await node.getLogHead({ channel: CHANNEL, author: node.partyId });
        assert.ok(head ?? acked < 0, `kill ${i}: entry ${acked} was acknowledged but the log does not exist`);
        const size = head?.size ?? 0;
        assert.ok(
          size - 1 >= acked,
          `kill ${i}: entry ${acked} was acknowledged but the log ends at ${size - 1}`,
        );
        const report = await node.verifyAll();
        assert.equal(report.ok, true, `kill ${i}: ${JSON.stringify(report.problems.slice(0, 3))}`);
        acked = size - 1;
      } finally {
        await node.close();
      }
      // The real CLI, as an operator would run it after a crash (every tenth kill, and the last).
      if (i % 10 === 9 || i === KILLS - 1) {
        const v = runCli(['log', 'verify', '--data', dataDir, '--json']);
        assert.equal(v.code, 0, `kill ${i}: parley log verify failed: ${v.stdout}${v.stderr}`);
      }
    }
    t.diagnostic(
      `${earlyBeforeAck} kills landed before a first ack, ${startupKills} of them in start-up (fastest first ack ${Math.round(firstAckMs)} ms)`,
    );
    assert.ok(KILLS < 6 || startupKills > 0, 'no kill landed in start-up');
  });
});
