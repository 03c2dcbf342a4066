/**
 * The real two-party demo (`parley demo`) for browser tests: a temporary data folder, two free
 * ports, started as `npm start` starts it, and stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freePort, PARLEY_BIN, tempDir } from '../helpers/cli.js';

export interface Demo {
  a: string;
  b: string;
  channel: string;
  stop: () => Promise<void>;
}

/** Seeding a week on a loaded 2-core machine takes a while: bounded, but generously. */
const START_TIMEOUT_MS = 240_000;

export async function startDemo(): Promise<Demo> {
  assert.ok(existsSync('web/dist/index.html'), 'web/dist is not built: run `npm run build:web`');
  const tmp = tempDir('parley-demo-ui-');
  const [portA, portB] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      PARLEY_BIN,
      'demo',
      '--data',
      join(tmp.dir, 'demo'),
      '--port-a',
      String(portA),
      '--port-b',
      String(portB),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' } },
  );
  let out = '';
  let err = '';
  // Only the tail: a week of warnings must not grow without bound in the test's memory.
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-8000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A node that hangs on shutdown must not hang the suite.
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await done;
      clearTimeout(kill);
    }
    tmp.cleanup();
  };
  try {
    out = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start: ${err}`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Stop with Ctrl-C')) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`demo exited ${code}: ${err}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const channel = /channel: (channel--[0-9a-f-]+)/.exec(out)?.[1];
  assert.ok(channel, `the demo names its channel:\n${out}`);
  return { a: `http://127.0.0.1:${portA}`, b: `http://127.0.0.1:${portB}`, channel, stop };
}
