/**
 * The dialogue commands through the real `parley` binary, run as separate processes against the data
 * folders of three nodes serving on loopback (as an operator runs them beside `parley serve`): the
 * channel opened with `channel invite|accept`, then `notify`, `request`, `respond`, `inbox`, `alarms`,
 * `statement propose|sign|verify` and `channel leave`, each checked by its exit code, its `--json`
 * output and what the other nodes hold afterwards.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync as parley } from '../helpers/cli.js';
import { eventually, startNodes, type TestNode } from '../helpers/nodes.js';
import { ransomwareBundle } from '../helpers/threat-fixtures.js';

interface Item {
  hash: string;
  kind: string;
  author: string;
  respondBy?: string;
  respondedAt?: string;
}
interface Inbox {
  awaitingUs: Item[];
  awaitingThem: Item[];
}
interface Sent {
  hash: string;
  kind: string;
  seq: number;
  channel: string;
}
interface Statement {
  complete: boolean;
  signatures: { party: string; valid: boolean }[];
}

const portOf = (n: TestNode): string => new URL(n.url).port;
const json = <T>(r: { code: number; stdout: string; stderr: string }): T => {
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as T;
};
const inbox = async (n: TestNode, channel: string): Promise<Inbox> =>
  json<Inbox>(await parley(['inbox', '--data', n.dataDir, '--channel', channel, '--json']));

describe('the dialogue commands through the CLI, between three serving nodes', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode, c: TestNode;
  let channel: string;

  before(async () => {
    // The deadline check runs often so that a request due in a second is seen overdue at once.
    const started = await startNodes(['CLI A', 'CLI B', 'CLI C'], { schedule: { deadlineEveryMs: 200 } });
    stop = started.stop;
    [a, b, c] = started.nodes as [TestNode, TestNode, TestNode];
  });
  after(async () => stop?.());

  it('opens a channel with channel invite and accept', async () => {
    // PARLEY_PORT: the inviter's own address goes into the invitation, so it must be the serving node's.
    const inv = json<{ channel: string }>(
      await parley(
        [
          'channel',
          'invite',
          '--data',
          a.dataDir,
          '--peer',
          b.url,
          '--peer',
          c.url,
          '--name',
          'CLI dialogue',
          '--json',
        ],
        { PARLEY_PORT: portOf(a) },
      ),
    );
    channel = inv.channel;
    for (const n of [b, c]) {
      await eventually(`${n.name} holds the invitation`, async () =>
        (await n.dialogue.channels()).some((x) => x.id === channel),
      );
      const acc = await parley(['channel', 'accept', channel, '--data', n.dataDir], {
        PARLEY_PORT: portOf(n),
      });
      assert.equal(acc.code, 0, acc.stderr);
    }
    await eventually('every node sees three accepted members', async () => {
      for (const n of [a, b, c]) {
        const members = await n.dialogue.members(channel);
        if (members.length !== 3 || members.some((m) => m.state !== 'accepted')) return false;
      }
      return true;
    });
  });

  it('notify: a bundle and template fields reach both peers, and both receipts come back', async () => {
    const file = join(a.dataDir, 'incident.json');
    writeFileSync(file, JSON.stringify(ransomwareBundle().bundle));
    const r = json<Sent>(
      await parley([
        'notify',
        '--data',
        a.dataDir,
        '--channel',
        channel,
        '--bundle',
        file,
        '--template-field',
        'urgency=urgent',
        '--template-field',
        'incident_description=Ransomware at a meat plant',
        // The rest of the template's required fields (docs/poc-template.md).
        ...[
          'sender_state=XAA',
          'sender_poc_role=technical',
          'recipient_state=XBB',
          'recipient_poc_role=technical',
          'handling=TLP:AMBER',
        ].flatMap((f) => ['--template-field', f]),
        '--json',
      ]),
    );
    assert.equal(r.kind, 'notify');
    assert.equal(r.channel, channel);
    for (const n of [b, c]) {
      await eventually(`${n.name} holds the notification`, async () =>
        (await n.dialogue.items({ channel, kinds: ['notify'], limit: 10 })).some((i) => i.hash === r.hash),
      );
    }
    await eventually(
      'A holds receipts from B and C',
      async () => (await a.node.store.dialogue.receiptsFor(r.hash)).length === 2,
    );
    const bad = await parley([
      'notify',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--template-field',
      'no-equals-sign',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /key=value/);
  });

  it('request: shows in the peers’ inbox with its deadline; respond closes it on both sides', async () => {
    const req = json<Sent>(
      await parley([
        'request',
        '--data',
        a.dataDir,
        '--channel',
        channel,
        '--type',
        'assistance',
        '--subject',
        'Takedown',
        '--text',
        'C2 server in your space',
        '--respond-in',
        '2h',
        '--json',
      ]),
    );
    assert.equal(req.kind, 'request');
    const mine = (await inbox(a, channel)).awaitingThem.find((i) => i.hash === req.hash);
    assert.ok(mine?.respondBy, 'A waits for the answer');
    const due = Date.parse(mine.respondBy) - Date.now();
    assert.ok(due > 115 * 60_000 && due <= 120 * 60_000, `due in about 2 h, got ${due} ms`);
    const theirs = await eventually('B’s inbox holds the request', async () =>
      (await inbox(b, channel)).awaitingUs.find((i) => i.hash === req.hash),
    );
    assert.equal(theirs.author, a.node.partyId);
    assert.ok(
      Math.abs(Date.parse(theirs.respondBy!) - Date.parse(mine.respondBy)) < 10_000,
      'B counts the same deadline (within the arrival delay)',
    );
    const human = await parley(['inbox', '--data', b.dataDir, '--channel', channel]);
    assert.match(
      human.stdout,
      new RegExp(`awaiting our answer:\\n\\s+request\\s+${req.hash.slice(0, 16)}\\s+due in (11\\d|120) min`),
    );

    const res = json<Sent>(
      await parley([
        'respond',
        '--data',
        b.dataDir,
        '--channel',
        channel,
        '--request',
        req.hash,
        '--text',
        'Taken down at 14:05 UTC',
        '--json',
      ]),
    );
    assert.equal(res.kind, 'response');
    assert.equal(
      (await inbox(b, channel)).awaitingUs.some((i) => i.hash === req.hash),
      false,
      'closed on B at once',
    );
    await eventually(
      'closed on A',
      async () => !(await inbox(a, channel)).awaitingThem.some((i) => i.hash === req.hash),
    );
    const item = await a.node.store.dialogue.getItem(req.hash);
    assert.equal(item?.responseHash, res.hash);
    const badStatus = await parley([
      'respond',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--request',
      req.hash,
      '--status',
      'maybe',
      '--text',
      'x',
    ]);
    assert.equal(badStatus.code, 1);
    assert.match(badStatus.stderr, /--status must be/);
  });

  it('alarms: a request left unanswered past --respond-in is listed overdue on both sides', async () => {
    const req = json<Sent>(
      await parley([
        'request',
        '--data',
        a.dataDir,
        '--channel',
        channel,
        '--type',
        'information',
        '--subject',
        'Hashes',
        '--text',
        'Please share them',
        '--respond-in',
        '1s',
        '--json',
      ]),
    );
    for (const n of [a, b]) {
      const alarm = await eventually(`${n.name} lists the overdue response`, async () => {
        const list = json<{ kind: string; subject: string; channel: string; severity: string }[]>(
          await parley(['alarms', '--data', n.dataDir, '--json']),
        );
        return list.find((x) => x.kind === 'response-overdue' && x.subject === req.hash);
      });
      assert.equal(alarm.channel, channel);
      assert.equal(alarm.severity, 'warning');
    }
    const human = await parley(['alarms', '--data', b.dataDir]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`warning\\s+response-overdue\\s+request ${req.hash.slice(0, 12)}`));
    assert.match(
      (await parley(['inbox', '--data', b.dataDir, '--channel', channel])).stdout,
      /OVERDUE by \d+ min/,
    );
    const bad = await parley([
      'request',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--type',
      'advice',
      '--subject',
      's',
      '--text',
      't',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--type must be/);
  });

  it('statement: verify exits 3 until every other member co-signed, then 0 on every node', async () => {
    const st = json<Sent>(
      await parley([
        'statement',
        'propose',
        '--data',
        a.dataDir,
        '--channel',
        channel,
        '--title',
        'Joint statement',
        '--text',
        'No attacks on hospitals.',
        '--json',
      ]),
    );
    assert.equal(st.kind, 'statement');
    const verify = (n: TestNode) =>
      parley(['statement', 'verify', '--data', n.dataDir, '--statement', st.hash, '--json']);
    const none = await verify(a);
    assert.equal(none.code, 3, none.stderr);
    assert.deepEqual(JSON.parse(none.stdout), {
      ...JSON.parse(none.stdout),
      complete: false,
      signatures: [],
    });

    await eventually(
      'B holds the statement',
      async () => (await b.node.store.dialogue.getItem(st.hash)) !== undefined,
    );
    const unconfirmed = await parley([
      'statement',
      'sign',
      '--data',
      b.dataDir,
      '--channel',
      channel,
      '--statement',
      st.hash,
    ]);
    assert.equal(unconfirmed.code, 1, 'co-signing is irreversible: off a TTY it needs --yes');
    assert.match(unconfirmed.stderr, /--yes/);
    assert.equal(
      json<Sent>(
        await parley([
          'statement',
          'sign',
          '--data',
          b.dataDir,
          '--channel',
          channel,
          '--statement',
          st.hash,
          '--yes',
          '--json',
        ]),
      ).kind,
      'statement-sign',
    );
    const half = await eventually('A holds B’s co-signature', async () => {
      const r = await verify(a);
      return (JSON.parse(r.stdout) as Statement).signatures.length === 1 && r;
    });
    assert.equal(half.code, 3, 'C has not signed yet');
    assert.deepEqual(
      (JSON.parse(half.stdout) as Statement).signatures.map((s) => [s.party, s.valid]),
      [[b.node.partyId, true]],
    );

    await eventually(
      'C holds the statement',
      async () => (await c.node.store.dialogue.getItem(st.hash)) !== undefined,
    );
    const cs = await parley([
      'statement',
      'sign',
      '--data',
      c.dataDir,
      '--channel',
      channel,
      '--statement',
      st.hash,
      '--yes',
    ]);
    assert.equal(cs.code, 0, cs.stderr);
    assert.match(cs.stdout, /^sent statement-sign [0-9a-f]{64} \(seq \d+\)/);
    for (const n of [a, b, c]) {
      const done = await eventually(`${n.name} verifies the complete statement`, async () => {
        const r = await verify(n);
        return r.code === 0 && r;
      });
      const s = JSON.parse(done.stdout) as Statement;
      assert.equal(s.complete, true);
      assert.deepEqual(s.signatures.map((x) => x.party).sort(), [b.node.partyId, c.node.partyId].sort());
    }
    const human = await parley(['statement', 'verify', '--data', c.dataDir, '--statement', st.hash]);
    assert.match(human.stdout, /complete: every member co-signed/);
  });

  it('channel leave: refused without --yes, then a signed leave that the others see', async () => {
    const refused = await parley(['channel', 'leave', channel, '--data', c.dataDir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /irreversible: pass --yes/);
    const left = json<{ channel: string; leaveHash: string }>(
      await parley([
        'channel',
        'leave',
        channel,
        '--data',
        c.dataDir,
        '--reason',
        'Dialogue concluded',
        '--yes',
        '--json',
      ]),
    );
    assert.equal(left.channel, channel);
    assert.match(left.leaveHash, /^[0-9a-f]{64}$/);
    for (const n of [a, b]) {
      await eventually(`${n.name} sees C gone`, async () => {
        const list = json<{ id: string; members: { party: string; state: string }[] }[]>(
          await parley(['channel', 'list', '--data', n.dataDir, '--json']),
        );
        return (
          list.find((x) => x.id === channel)?.members.find((m) => m.party === c.node.partyId)?.state ===
          'left'
        );
      });
      assert.equal(
        (await n.node.store.getEntryByHash(Buffer.from(left.leaveHash, 'hex')))?.kind,
        'leave',
        'the signed leave is held',
      );
    }
    const after = json<{ id: string; state: string }[]>(
      await parley(['channel', 'list', '--data', c.dataDir, '--json']),
    );
    assert.equal(after.find((x) => x.id === channel)?.state, 'left');
    const again = await parley(['notify', '--data', c.dataDir, '--channel', channel]);
    assert.equal(again.code, 1, 'a party that left cannot speak in the channel');
    assert.match(again.stderr, /\[NOT_A_MEMBER\]/);
  });

  it('log append refuses a dialogue channel (its checks are the dialogue commands’)', async () => {
    const r = await parley([
      'log',
      'append',
      '--data',
      a.dataDir,
      '--channel',
      channel,
      '--kind',
      'share',
      '--body',
      JSON.stringify({
        bundle: { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: [] },
      }),
    ]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /is a dialogue channel/);
  });

  it('every log verifies on every node afterwards', async () => {
    for (const n of [a, b, c]) {
      const v = await parley(['log', 'verify', '--data', n.dataDir, '--json']);
      assert.equal(v.code, 0, v.stdout.slice(0, 1500) + v.stderr);
    }
  });

  it('each command’s --help has examples', async () => {
    const commands = [
      ['notify'],
      ['request'],
      ['respond'],
      ['statement', 'propose'],
      ['statement', 'sign'],
      ['statement', 'verify'],
      ['inbox'],
      ['alarms'],
      ['channel', 'leave'],
    ];
    const helps = await Promise.all(commands.map((cmd) => parley([...cmd, '--help'])));
    for (const [i, cmd] of commands.entries()) {
      const h = helps[i]!;
      assert.equal(h.code, 0, cmd.join(' '));
      assert.match(
        h.stdout,
        new RegExp(`Examples?:\\n\\s+\\$ parley ${cmd.join(' ')}[ \\n]`),
        `parley ${cmd.join(' ')} --help`,
      );
    }
  });
});
