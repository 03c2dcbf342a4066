import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { CONFIG_FILE, loadConfig } from '../../src/cli/config.js';
import { openNode } from '../../src/cli/open-node.js';
import { bundleForChild } from '../helpers/bundle.js';
import { freePort, runCli, tempDir } from '../helpers/cli.js';
import { eventually } from '../helpers/nodes.js';
import { dropSchema, randomSchemaName } from '../helpers/pg.js';

// Kills of a sending or a receiving node; CI runs the default (50).
const KILLS = Number(process.env.PARLEY_DIALOGUE_KILLS ?? 50);

interface Proc {
  child: ChildProcess;
  acked: number;
  exited: Promise<void>;
}

function startProc(
  script: string,
  dataDir: string,
  port: number,
  mode: 'serve' | 'send',
  channel?: string,
): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [script, dataDir, String(port), mode, ...(channel ? [channel] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const p: Proc = { child, acked: -1, exited: new Promise((r) => child.once('exit', () => r())) };
  let buf = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        if (l === 'ready') resolve(p);
        const m = /^ack (\d+)$/.exec(l);
        if (m) p.acked = Math.max(p.acked, Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`node exited early (${code}): ${err}`)));
  });
}

async function kill(p: Proc): Promise<void> {
  p.child.kill('SIGKILL');
  await p.exited;
}

export function killScenario(engine: string, pgUrl?: string): void {
  describe(`SIGKILL of a sending and of a receiving node at random moments (${engine})`, () => {
    const tmp = tempDir('parley-kill-');
    const schemas: string[] = [];
    after(async () => {
      tmp.cleanup();
      for (const schema of schemas) await dropSchema(pgUrl!, schema);
    });

    /** Every process of a party (its server, the CLI, the checks here) finds its store in parley.json. */
    function useEngine(dataDir: string): void {
      if (!pgUrl) return;
      const schema = randomSchemaName('parley_kill');
      schemas.push(schema);
      const file = join(dataDir, CONFIG_FILE);
      const cfg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...cfg, store: { engine: 'postgres', url: pgUrl, schema } }));
    }

    it(`loses nothing and duplicates nothing across ${KILLS} kills`, async (t) => {
      const script = await bundleForChild('test/helpers/dialogue-node.ts', 'dialogue-node');
      t.after(() => rmSync(script, { force: true }));
      const dirA = join(tmp.dir, 'sender');
      const dirB = join(tmp.dir, 'receiver');
      const [portA, portB] = [await freePort(), await freePort()];
      assert.equal(runCli(['init', '--data', dirA, '--name', 'Sender']).code, 0);
      assert.equal(runCli(['init', '--data', dirB, '--name', 'Receiver']).code, 0);
      useEngine(dirA);
      useEngine(dirB);
      let b = await startProc(script, dirB, portB, 'serve');
      let a = await startProc(script, dirA, portA, 'serve');
      const inv = runCli(
        [
          'channel',
          'invite',
          '--data',
          dirA,
          '--peer',
          `http://127.0.0.1:${portB}`,
          '--name',
          'kill test',
          '--json',
        ],
        { PARLEY_PORT: String(portA) },
      );
      assert.equal(inv.code, 0, inv.stderr);
      const channel = (JSON.parse(inv.stdout) as { channel: string }).channel;
      const cfgB = loadConfig({ env: {}, cwd: process.cwd(), flags: { dataDir: dirB } });
      assert.equal(
        cfgB.store.engine,
        pgUrl ? 'postgres' : 'sqlite',
        'the processes use the engine under test',
      );
      await eventually('B received the invitation', async () => {
        const n = await openNode(cfgB, pino({ level: 'silent' }));
        try {
          return (await n.store.dialogue.getChannel(channel)) !== undefined;
        } finally {
          await n.close();
        }
      });
      const acc = runCli(['channel', 'accept', channel, '--data', dirB], { PARLEY_PORT: String(portB) });
      assert.equal(acc.code, 0, acc.stderr);
      await kill(a);
      a = await startProc(script, dirA, portA, 'send', channel);

      let ackedByA = -1;
      for (let i = 0; i < KILLS; i++) {
        await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 250)));
        if (i % 2 === 0) {
          ackedByA = Math.max(ackedByA, a.acked);
          await kill(a);
          a = await startProc(script, dirA, portA, 'send', channel);
        } else {
          await kill(b);
          b = await startProc(script, dirB, portB, 'serve');
        }
      }
      ackedByA = Math.max(ackedByA, a.acked);
      await kill(a);
      a = await startProc(script, dirA, portA, 'serve');

      const cfgA = loadConfig({ env: {}, cwd: process.cwd(), flags: { dataDir: dirA } });
      // Both directions: A's envelopes at B, and B's log (its acceptance and receipts) back at A.
      const sizes = async () => {
        const na = await openNode(cfgA, pino({ level: 'silent' }));
        const nb = await openNode(cfgB, pino({ level: 'silent' }));
        try {
          const logA = { channel, author: na.partyId };
          const logB = { channel, author: nb.partyId };
          return {
            a: (await na.getLogHead(logA))!.size,
            b: (await nb.getLogHead(logA))?.size ?? 0,
            receiptsAtB: (await nb.getLogHead(logB))!.size,
            receiptsAtA: (await na.getLogHead(logB))?.size ?? 0,
            partyA: na.partyId,
            partyB: nb.partyId,
          };
        } finally {
          await na.close();
          await nb.close();
        }
      };
      // Converged and quiet: the same sizes both ways on two reads a second apart (a receipt
      // appended just before the first read may still be on its way).
      let previous = '';
      const final = await eventually(
        "B caught up with A, and A with B's receipts, and nothing moves",
        async () => {
          const s = await sizes();
          const converged = s.b === s.a && s.receiptsAtA === s.receiptsAtB;
          const key = `${s.a} ${s.receiptsAtB}`;
          const stable = converged && key === previous;
          previous = converged ? key : '';
          if (!stable) await new Promise((r) => setTimeout(r, 1000));
          return stable ? s : undefined;
        },
        180_000,
      );
      assert.ok(final.receiptsAtB > 1, 'B appended receipts');
      assert.ok(final.a - 1 >= ackedByA, `A acknowledged seq ${ackedByA} but its log ends at ${final.a - 1}`);
      await kill(a);
      await kill(b);
      for (const dir of [dirA, dirB]) {
        const v = runCli(['log', 'verify', '--data', dir, '--json']);
        assert.equal(v.code, 0, `${dir}: ${v.stdout.slice(0, 2000)} ${v.stderr}`);
      }
      // Same envelopes, same order, on both sides: compare the roots of A's log.
      const na = await openNode(cfgA, pino({ level: 'silent' }));
      const nb = await openNode(cfgB, pino({ level: 'silent' }));
      try {
        const log = { channel, author: final.partyA };
        const [aAtA, aAtB] = [await na.getLogHead(log), await nb.getLogHead(log)];
        assert.equal(aAtB!.size, aAtA!.size, "A's log: the same size on both sides");
        assert.deepEqual(aAtB!.rootHash, aAtA!.rootHash, "A's log: the same root on both sides");
        const receipts = { channel, author: final.partyB };
        const [bAtB, bAtA] = [await nb.getLogHead(receipts), await na.getLogHead(receipts)];
        assert.equal(bAtA!.size, bAtB!.size, "B's log: the same size on both sides");
        assert.deepEqual(bAtA!.rootHash, bAtB!.rootHash, "B's log: the same root on both sides");
        assert.deepEqual(
          await nb.store.dialogue.listAlarms({ open: true, limit: 10 }),
          [],
          'no alarm on the receiver',
        );
        const alarmsA = await na.store.dialogue.listAlarms({ open: true, limit: 10 });
        assert.deepEqual(
          alarmsA.filter((x) => !x.kind.startsWith('overdue')),
          [],
          'no alarm but overdue receipts on the sender',
        );
      } finally {
        await na.close();
        await nb.close();
      }
    });
  });
}

// On PostgreSQL: dialogue-kill-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-kill.test.ts')) killScenario('SQLite');
