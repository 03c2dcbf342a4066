import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, PARLEY_BIN, tempDir } from '../helpers/cli.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually } from '../helpers/nodes.js';

function startDemo(
  data: string,
  portA: number,
  portB: number,
): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(
    process.execPath,
    [PARLEY_BIN, 'demo', '--data', data, '--port-a', String(portA), '--port-b', String(portB)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${err}`)), 240_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Stop with Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited ${code}: ${err}`)));
  });
}

async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

describe('npm start: the two-party demo', () => {
  const tmp = tempDir('parley-demo-');
  after(tmp.cleanup);

  it('seeds a week of dialogue, serves both parties, and the two analysts can work it; a restart resumes', async () => {
    const data = join(tmp.dir, 'demo');
    const [portA, portB] = [await freePort(), await freePort()];
    let demo = await startDemo(data, portA, portB);
    try {
      assert.match(demo.out, /analyst\s+demo-analyst-password/);
      const channel = /channel: (channel--[0-9a-f-]+)/.exec(demo.out)![1]!;
      const a = new ApiSession(`http://127.0.0.1:${portA}`);
      const b = new ApiSession(`http://127.0.0.1:${portB}`);
      await a.login('analyst', 'demo-analyst-password');
      await b.login('analyst', 'demo-analyst-password');
      // The seeded week: a channel with both members, a timeline, an overdue request, alarms.
      const chans = (await a.req('GET', '/api/v1/channels')).json as {
        channels: { id: string; state: string; members: { state: string }[] }[];
      };
      assert.equal(chans.channels.length, 1);
      assert.equal(chans.channels[0]!.id, channel);
      assert.ok(chans.channels[0]!.members.every((m) => m.state === 'accepted'));
      const tl = (await b.req('GET', `/api/v1/channels/${channel}/envelopes?limit=200`)).json as {
        envelopes: { kind: string; created: string }[];
      };
      const kinds = new Set(tl.envelopes.map((e) => e.kind));
      for (const k of [
        'invite',
        'accept',
        'ping',
        'notify',
        'request',
        'response',
        'statement',
        'statement-sign',
        'designation',
        'designation-ack',
        'assessment',
      ])
        assert.ok(kinds.has(k), `the week has a ${k}`);
      const oldest = Math.min(...tl.envelopes.map((e) => Date.parse(e.created)));
      assert.ok(Date.now() - oldest > 6 * 86_400_000, 'the week spans seven days');
      const alarms = (await a.req('GET', '/api/v1/alarms?state=open')).json as { alarms: { kind: string }[] };
      assert.ok(
        alarms.alarms.some((x) => x.kind === 'response-overdue'),
        'the unanswered request is overdue',
      );
      const checks = (await a.req('GET', '/api/v1/contacts/checks')).json as {
        checks: { answered: number; median_ms: number }[];
      };
      assert.ok(
        checks.checks[0]!.answered >= 7 && checks.checks[0]!.median_ms >= 60_000,
        'pings answered after minutes',
      );
      // A reports; B sees it, answers; A sees the receipt and the answer.
      const r = await a.req('POST', `/api/v1/channels/${channel}/incidents`, {
        sender_state: 'XAR',
        sender_poc_role: 'technical',
        recipient_state: 'XBO',
        recipient_poc_role: 'technical',
        communication_type: 'request_for_assistance',
        urgency: 'urgent',
        incident_description: 'Wiper on a water utility',
        requested_action: 'Share IOCs',
        handling: 'TLP:AMBER',
        acknowledgement_requested: true,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const hash = (r.json as { hash: string }).hash;
      await eventually('B sees the request', async () =>
        ((await b.req('GET', '/api/v1/items?state=open')).json as { items: { hash: string }[] }).items.some(
          (i) => i.hash === hash,
        ),
      );
      assert.equal(
        (
          await b.req('POST', `/api/v1/channels/${channel}/items/${hash}/response`, {
            status: 'answered',
            text: 'IOCs attached.',
          })
        ).status,
        201,
      );
      await eventually('A sees receipt and response', async () => {
        const mine = (await a.req('GET', `/api/v1/channels/${channel}/envelopes?limit=20`)).json as {
          envelopes: { hash: string; verification: { receipt: string } }[];
        };
        const open = ((await a.req('GET', '/api/v1/items?state=open')).json as { items: { hash: string }[] })
          .items;
        return (
          mine.envelopes.find((e) => e.hash === hash)?.verification.receipt === 'received' &&
          !open.some((i) => i.hash === hash)
        );
      });
      const v = (await b.req('POST', '/api/v1/verify')).json as { ok: boolean };
      assert.equal(v.ok, true);
    } finally {
      await stopDemo(demo.child);
    }
    // Running again resumes: same channel, no second week.
    demo = await startDemo(data, portA, portB);
    try {
      const a = new ApiSession(`http://127.0.0.1:${portA}`);
      await a.login('viewer', 'demo-viewer-password');
      const chans = (await a.req('GET', '/api/v1/channels')).json as { channels: unknown[] };
      assert.equal(chans.channels.length, 1);
    } finally {
      await stopDemo(demo.child);
    }
  });
});
