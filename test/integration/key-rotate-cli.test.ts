import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startServer, tempDir } from '../helpers/cli.js';
import { eventually } from '../helpers/nodes.js';

describe('parley key rotate, through the real CLI and two serving nodes', () => {
  const tmp = tempDir('parley-rotate-');
  after(tmp.cleanup);

  it('rotates, keeps the old key file, and the node signs with the new key after a restart', async () => {
    const dirA = join(tmp.dir, 'a');
    const dirB = join(tmp.dir, 'b');
    assert.equal(runCli(['init', '--data', dirA, '--name', 'A']).code, 0);
    assert.equal(runCli(['init', '--data', dirB, '--name', 'B']).code, 0);
    const b = await startServer(['--data', dirB]);
    let a = await startServer(['--data', dirA]);
    const portA = new URL(a.url).port;
    try {
      const inv = runCli(
        ['channel', 'invite', '--data', dirA, '--peer', b.url, '--name', 'rotate', '--json'],
        { PARLEY_PORT: portA },
      );
      assert.equal(inv.code, 0, inv.stderr);
      const channel = (JSON.parse(inv.stdout) as { channel: string }).channel;
      await eventually('B invited', async () =>
        runCli(['channel', 'list', '--data', dirB, '--json']).stdout.includes(channel),
      );
      assert.equal(
        runCli(['channel', 'accept', channel, '--data', dirB], { PARLEY_PORT: new URL(b.url).port }).code,
        0,
      );
      await eventually('A sees the accept and confirms delivery', async () => {
        const list = JSON.parse(runCli(['channel', 'list', '--data', dirA, '--json']).stdout) as {
          members: { state: string }[];
        }[];
        return list[0]?.members.every((m) => m.state === 'accepted');
      });
      await a.stop();
      const oldKey = readFileSync(join(dirA, 'keys', 'party.key'), 'utf8');
      const rot = runCli(['key', 'rotate', '--data', dirA, '--yes', '--json', '--reason', 'test'], {
        PARLEY_PORT: portA,
      });
      assert.equal(rot.code, 0, rot.stderr + rot.stdout);
      const { public_key } = JSON.parse(rot.stdout) as { public_key: string };
      assert.ok(readFileSync(join(dirA, 'keys', 'party.key'), 'utf8').includes(public_key));
      assert.ok(
        readdirSync(join(dirA, 'keys')).some(
          (f) => f.startsWith('party.key.retired-') && readFileSync(join(dirA, 'keys', f), 'utf8') === oldKey,
        ),
      );
      assert.equal(existsSync(join(dirA, 'keys', 'party.key.next')), false);
      a = await startServer(['--data', dirA, '--port', portA]);
      const ping = runCli(['ping', '--data', dirA, '--channel', channel], { PARLEY_PORT: portA });
      assert.equal(ping.code, 0, ping.stderr);
      await eventually('B answered the ping signed with the new key', async () => {
        const stats = JSON.parse(runCli(['ping', '--stats', '--data', dirA, '--json']).stdout) as {
          answered: number;
        }[];
        return stats[0]?.answered === 1;
      });
      for (const dir of [dirA, dirB]) {
        const v = runCli(['log', 'verify', '--data', dir, '--json']);
        assert.equal(v.code, 0, v.stdout.slice(0, 1500));
      }
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
