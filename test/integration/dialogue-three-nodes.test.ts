import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, openChannel, startNodes, type TestNode } from '../helpers/nodes.js';

/**
 * The full exchange between three nodes over real HTTP, registered once per storage engine
 * (this file: SQLite; dialogue-three-nodes-postgres.test.ts: PostgreSQL).
 */
export function threeNodeScenario(engine: string, pgUrl?: string): void {
  describe(`the dialogue between three nodes over real HTTP (${engine})`, () => {
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode, c: TestNode;
    let channel: string;

    before(async () => {
      ({ nodes, stop } = await startNodes(['CERT A', 'CERT B', 'CERT C'], pgUrl ? { pgUrl } : {}));
      [a, b, c] = nodes as [TestNode, TestNode, TestNode];
    });
    after(async () => stop?.());

    const allHave = (n: TestNode, author: TestNode, size: number) => async () =>
      ((await n.node.getLogHead({ channel, author: author.node.partyId }))?.size ?? 0) >= size;

    it('invites, and every invitee accepts; keys are pinned from the invitation', async () => {
      channel = await openChannel(nodes, {
        name: 'A–B–C expert dialogue',
        policy: { receipt_deadline_s: 3600 },
      });
    });

    it('pings: every member answers with a receipt and response times are kept', async () => {
      const ping = await a.dialogue.ping(channel);
      await eventually(
        'receipts of the ping from B and C',
        async () => (await a.node.store.dialogue.receiptsFor(ping.hashHex)).length === 2,
      );
      const stats = await a.dialogue.pingStats(channel);
      assert.equal(stats.length, 2);
      for (const s of stats) {
        assert.equal(s.answered, 1);
        assert.ok(s.medianMs !== undefined && s.medianMs >= 0);
      }
    });

    it('notifies an incident, requests assistance, and the request is answered', async () => {
      const notify = await a.dialogue.send(channel, {
        kind: 'notify',
        body: {
          template: {
            sender_state: 'XAA',
            sender_poc_role: 'technical',
            recipient_state: 'XBB',
            recipient_poc_role: 'technical',
            communication_type: 'notification',
            urgency: 'priority',
            incident_description: 'Ransomware at a meat-processing plant',
            handling: 'TLP:AMBER',
            acknowledgement_requested: true,
          },
          bundle: {
            type: 'bundle',
            id: 'bundle--6a3c5b1e-0f43-4b9c-9a51-7c2f3e1d2b10',
            objects: [
              {
                type: 'incident',
                spec_version: '2.1',
                id: 'incident--2f0d4b6e-8c51-4b2a-9f3e-5d7c1a0e9b21',
                created: '2026-11-27T08:00:00.000Z',
                modified: '2026-11-27T08:00:00.000Z',
                name: 'Ransomware',
              },
            ],
          },
        },
      });
      const request = await a.dialogue.send(channel, {
        kind: 'request',
        body: {
          request_type: 'assistance',
          subject: 'Block C2 servers',
          text: 'Please sinkhole the listed domains.',
        },
        refs: [notify.hashHex],
      });
      await eventually('B holds the request', allHave(b, a, request.envelope.seq + 1));
      // Stored first, then projected: the inbox shows it a moment after the log holds it.
      await eventually('B sees the request awaiting its answer', async () =>
        (await b.dialogue.inbox(channel)).awaitingUs.some((i) => i.hash === request.hashHex),
      );
      const response = await b.dialogue.respond(channel, request.hashHex, 'answered', 'Sinkholed 3 domains.');
      await eventually(
        'A records the response',
        async () => (await a.node.store.dialogue.getItem(request.hashHex))?.responseHash === response.hashHex,
      );
      await eventually(
        'C records the response too',
        async () => (await c.node.store.dialogue.getItem(request.hashHex))?.responseHash === response.hashHex,
      );
      assert.equal(
        (await a.dialogue.inbox(channel)).awaitingThem.some((i) => i.hash === request.hashHex),
        false,
      );
    });

    it('co-signs a statement by all three, verifiable on every node', async () => {
      const st = await b.dialogue.proposeStatement(channel, {
        title: 'Joint statement',
        text: 'We will keep this channel open.',
        lang: 'en',
      });
      for (const n of [a, c]) {
        await eventually(
          `${n.name} holds the statement`,
          async () => (await n.node.store.dialogue.getItem(st.hashHex)) !== undefined,
        );
        await n.dialogue.signStatement(channel, st.hashHex);
      }
      for (const n of nodes) {
        const status = await eventually(`${n.name} sees both co-signatures`, async () => {
          const s = await n.dialogue.verifyStatement(st.hashHex);
          return s.complete ? s : undefined;
        });
        assert.equal(status.signatures.filter((s) => s.valid).length, 2);
      }
    });

    it('converges: every node holds every log, and every log verifies on every node', async () => {
      for (const n of nodes) {
        for (const author of nodes) {
          const want = (await author.node.getLogHead({ channel, author: author.node.partyId }))!.size;
          await eventually(`${n.name} holds ${author.name}'s log`, allHave(n, author, want));
        }
      }
      for (const n of nodes) {
        const report = await n.node.verifyAll();
        assert.equal(report.ok, true, `${n.name}: ${JSON.stringify(report.problems.slice(0, 3))}`);
        assert.ok(report.logs.length >= 3);
      }
      for (const n of nodes) assert.deepEqual(await n.dialogue.alarms(), [], `${n.name} raised no alarm`);
    });
  });
}

if (process.argv[1]?.endsWith('dialogue-three-nodes.test.ts')) threeNodeScenario('SQLite');
