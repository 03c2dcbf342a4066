import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodesWithChannel, type TestNode } from '../helpers/nodes.js';

type Mode = 'pass' | '503' | '429' | 'drop';

/**
 * A reverse proxy in front of a node that fails consistency-proof requests on demand and passes
 * everything else through unchanged. The Host header is kept, so the RFC 9421 signature (which
 * covers @authority and @target-uri as the client saw them) still verifies at the node.
 */
async function flakyProxy(
  target: string,
): Promise<{ url: string; server: Server; setMode: (m: Mode) => void; failed: () => number }> {
  const t = new URL(target);
  let mode: Mode = 'pass';
  let failed = 0;
  const server = createServer((req, res) => {
    if (mode !== 'pass' && req.url?.includes('/proof/consistency')) {
      failed++;
      if (mode === 'drop') return void req.socket.destroy();
      const status = Number(mode);
      res.writeHead(status, {
        'content-type': 'application/problem+json',
        ...(status === 429 ? { 'retry-after': '1' } : {}),
      });
      return void res.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'busy',
          status,
          code: status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
        }),
      );
    }
    const up = request(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    setMode: (m) => (mode = m),
    failed: () => failed,
  };
}

describe('checkpoint checks: a peer that cannot serve a consistency proof is not an equivocator', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let proxy: Awaited<ReturnType<typeof flakyProxy>>;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Alpha', 'Bravo'], { channel: { name: 'outage' } }));
    [a, b] = nodes as [TestNode, TestNode];
    // B reaches A only through the proxy from now on.
    proxy = await flakyProxy(a.url);
    const member = (await b.dialogue.members(channel)).find((m) => m.party === a.node.partyId)!;
    await b.node.store.dialogue.upsertMember({ ...member, endpoint: proxy.url });
    // A pushes its signed checkpoint with every batch, and B keeps it: B would then never need a
    // consistency proof. So A's growth reaches B only through B's own checks (fetch, prove, pull).
    const bAtA = (await a.dialogue.members(channel)).find((m) => m.party === b.node.partyId)!;
    await a.node.store.dialogue.upsertMember({ ...bAtA, endpoint: 'http://127.0.0.1:9' });
  });
  after(async () => {
    await stop?.();
    proxy?.server.close();
  });

  async function aGrows(text: string): Promise<void> {
    await a.dialogue.send(channel, { kind: 'note', body: { text } });
  }

  for (const mode of ['503', '429', 'drop'] as const) {
    it(`keeps no evidence and raises no alarm when the proof request fails (${mode})`, async () => {
      const log = { channel, author: a.node.partyId };
      await b.dialogue.checkCheckpoints();
      const kept = (await b.node.store.getCheckpoint(log))!;
      assert.ok(kept.size > 0, 'B holds a checkpoint of A’s log to be consistent with');
      await aGrows(`grown while the proof endpoint fails (${mode})`);
      proxy.setMode(mode);
      const failedBefore = proxy.failed();
      await b.dialogue.checkCheckpoints();
      proxy.setMode('pass');
      assert.ok(proxy.failed() > failedBefore, 'the consistency proof was asked for and failed');
      assert.deepEqual(await b.dialogue.evidence(), []);
      assert.deepEqual(
        (await b.dialogue.alarms()).filter((x) => x.kind === 'inconsistent-checkpoint'),
        [],
      );
      assert.equal(
        (await b.node.store.getCheckpoint(log))!.size,
        kept.size,
        'the unproven checkpoint is not kept',
      );
      // Once the peer answers again, the check goes through.
      await b.dialogue.checkCheckpoints();
      assert.ok((await b.node.store.getCheckpoint(log))!.size > kept.size);
      assert.deepEqual(await b.dialogue.evidence(), []);
    });
  }
});
