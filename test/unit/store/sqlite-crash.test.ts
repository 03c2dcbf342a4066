/**
 * Kills a process that is appending as fast as it can (SIGKILL, so no cleanup runs) and checks
 * that every append is all or nothing: the head, the entries and the Merkle nodes agree, and every
 * append the child reported as committed survived.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { freshLog, makeEntries, STORED_AT, withStore } from './store-fixtures.js';
import { assertConsistent } from './store-suite-logs.js';

const CHILD = fileURLToPath(new URL('./fixtures/crash-appender.ts', import.meta.url));

/** Runs the child until it reports `atLeast` entries, then SIGKILLs it; returns the last size it reported. */
function appendUntilKilled(
  path: string,
  log: { channel: string; author: string },
  atLeast: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, log.channel, log.author], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      if (lines.length > 0) reported = Number(lines[lines.length - 1]);
      if (reported >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe('SQLite store under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves every append all or nothing across repeated kills', async () => {
    const path = join(dir, 'crash.db');
    const open = () => openStore({ engine: 'sqlite', path });
    const log = freshLog();
    let committed = 0;
    for (let round = 1; round <= 3; round++) {
      const reported = await appendUntilKilled(path, log, committed + 300);
      const size = await withStore(open, async (s) => {
        const head = await s.getLogHead(log);
        assert.ok(head, 'log exists after the kill');
        // A commit the child saw survives a process crash (WAL, synchronous=NORMAL).
        assert.ok(head.size >= reported, `round ${round}: head ${head.size} < reported ${reported}`);
        await assertConsistent(s, log, head.size);
        return head.size;
      });
      committed = size;
    }
    await withStore(open, async (s) => {
      assert.equal(
        (await s.appendEntries(log, makeEntries(log, committed, 2), STORED_AT)).size,
        committed + 2,
      );
    });
  });
});
