import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParleyError } from '../../src/core/errors.js';
import { eventually, ManualClock, nodesWithChannel, restartNode, type TestNode } from '../helpers/nodes.js';

export function deadlinesScenario(engine: string, pgUrl?: string): void {
  describe(`deadlines with a controllable clock (${engine})`, () => {
    const clock = new ManualClock(Date.now());
    const hooks: Record<string, unknown>[] = [];
    let hookServer: Server;
    let nodes: TestNode[];
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;

    before(async () => {
      hookServer = createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          hooks.push(JSON.parse(body) as Record<string, unknown>);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
      const webhookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
      ({ nodes, channel, stop } = await nodesWithChannel(['Asker', 'Answerer'], {
        clock,
        webhookUrl,
        ...(pgUrl ? { pgUrl } : {}),
        channel: {
          name: 'deadlines',
          policy: { receipt_deadline_s: 600, response_time_s: 3600, tlp_ceiling: 'TLP:RED' },
        },
      }));
      [a, b] = nodes as [TestNode, TestNode];
    });
    after(async () => {
      await stop?.();
      hookServer?.close();
    });

    it('a request answered in time raises nothing', async () => {
      const req = await a.dialogue.send(channel, {
        kind: 'request',
        body: { request_type: 'information', subject: 'in time', text: '?' },
      });
      await eventually(
        'B has it',
        async () => (await b.node.store.dialogue.getItem(req.hashHex)) !== undefined,
      );
      await b.dialogue.respond(channel, req.hashHex, 'answered', 'here');
      await eventually(
        'A has the answer',
        async () => (await a.node.store.dialogue.getItem(req.hashHex))?.respondedAt !== undefined,
      );
      clock.advance(2 * 3600_000);
      const events = await a.dialogue.checkDeadlines();
      assert.deepEqual(
        events.filter((e) => e.item.hash === req.hashHex),
        [],
      );
    });

    it('a missing receipt escalates after the receipt deadline, a missing response after respond_by — with the webhook', async () => {
      await b.close();
      const req = await a.dialogue.send(channel, {
        kind: 'request',
        body: { request_type: 'assistance', subject: 'Block C2', text: 'please' },
        respondBy: new Date(clock.now().getTime() + 3 * 3600_000).toISOString(),
      });
      // Just inside the receipt deadline: nothing yet.
      clock.advance(599_000);
      assert.deepEqual(
        (await a.dialogue.checkDeadlines()).filter((e) => e.item.hash === req.hashHex),
        [],
      );
      clock.advance(2000);
      const late = await a.dialogue.checkDeadlines();
      assert.deepEqual(
        late.filter((e) => e.item.hash === req.hashHex).map((e) => e.kind),
        ['receipt-overdue'],
      );
      assert.ok(
        (await a.dialogue.alarms()).some((x) => x.kind === 'receipt-overdue' && x.subject === req.hashHex),
      );
      await eventually('webhook called', async () =>
        hooks.some((h) => h.type === 'receipt-overdue' && (h.item as { hash: string }).hash === req.hashHex),
      );
      // Past respond_by with no response.
      clock.advance(3 * 3600_000);
      const events = await a.dialogue.checkDeadlines();
      assert.ok(events.some((e) => e.kind === 'response-overdue' && e.item.hash === req.hashHex));
      await eventually('webhook called for the response', async () =>
        hooks.some((h) => h.type === 'response-overdue'),
      );
      // The same deadline does not alarm twice.
      const again = await a.dialogue.checkDeadlines();
      assert.equal(
        again.filter((e) => e.kind === 'receipt-overdue' && e.item.hash === req.hashHex).length,
        0,
      );
      b = await restartNode(b, { clock });
      nodes[1] = b;
    });

    it('refuses a STIX object marked TLP:RED for a channel whose members are not all named', async () => {
      const red = {
        type: 'bundle',
        id: 'bundle--0d1f6e1c-1f0a-4c2e-8b9a-3f4e5d6c7b8a',
        objects: [
          {
            type: 'indicator',
            spec_version: '2.1',
            id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
            created: '2026-11-27T00:00:00.000Z',
            modified: '2026-11-27T00:00:00.000Z',
            pattern: "[ipv4-addr:value = '198.51.100.7']",
            pattern_type: 'stix',
            valid_from: '2026-11-27T00:00:00Z',
            object_marking_refs: ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'],
          },
        ],
      };
      const before = (await a.node.getLogHead({ channel, author: a.node.partyId }))!.size;
      await assert.rejects(
        a.dialogue.send(channel, { kind: 'share', body: { bundle: red } }),
        (e: unknown) => e instanceof ParleyError && e.code === 'TLP_FORBIDS' && /named/i.test(e.message),
      );
      // A receipt of A's may land meanwhile; no share may.
      const since = await a.node.entries({ channel, author: a.node.partyId }, before, 10_000);
      assert.deepEqual(
        since.filter((x) => x.kind === 'share'),
        [],
        'nothing was appended, so nothing can be delivered',
      );
      const ok = await a.dialogue.send(channel, {
        kind: 'share',
        body: { bundle: red, recipients: [b.node.partyId] },
      });
      await eventually(
        'named recipient receives it',
        async () => (await b.node.store.getEntryByHash(ok.hash)) !== undefined,
      );
    });
  });
}

// On PostgreSQL: dialogue-deadlines-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-deadlines.test.ts')) deadlinesScenario('SQLite');
