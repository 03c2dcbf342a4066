/**
 * The channel timeline shows facts from each row's body (a response's status, a notify's request
 * for acknowledgement). They are read for the whole page at once; this checks each row of pages
 * mixing every case, on the sender's and the receiver's node, against what was signed.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';

const PW = 'correct horse battery staple';

interface Row {
  hash: string;
  kind: string;
  status?: string;
  ack_requested?: boolean;
}

const template = (i: number, ack: boolean) => ({
  sender_state: 'XAR',
  sender_poc_role: 'technical',
  recipient_state: 'XBO',
  recipient_poc_role: 'technical',
  communication_type: 'notification',
  urgency: 'routine',
  incident_description: `incident ${i}`,
  handling: 'TLP:AMBER',
  acknowledgement_requested: ack,
});

export function timelineFactsScenario(engine: string, pgUrl?: string): void {
  describe(`the timeline page carries each row's body facts (${engine})`, () => {
    let stop: () => Promise<void>;
    let a: TestNode, b: TestNode;
    let channel: string;
    let sessionA: ApiSession, sessionB: ApiSession;
    /** What each row must show, by envelope hash: the facts as signed. */
    const want = new Map<string, { status?: string; ack_requested?: boolean }>();

    before(async () => {
      let nodes: TestNode[];
      ({ nodes, channel, stop } = await nodesWithChannel(['Ardenia CERT', 'Borealia POC'], {
        ...(pgUrl ? { pgUrl } : {}),
        channel: { name: 'facts' },
      }));
      [a, b] = nodes as [TestNode, TestNode];
      for (const n of [a, b])
        await usersOf(n.node)!.addUser({ username: 'viewer', role: 'viewer', password: PW }, 'test');
      const statuses = ['acknowledged', 'answered', 'partial', 'declined'] as const;
      for (let i = 0; i < 6; i++) {
        const ack = i % 2 === 0;
        const n = await a.dialogue.send(channel, { kind: 'notify', body: { template: template(i, ack) } });
        want.set(n.hashHex, ack ? { ack_requested: true } : {});
        await a.dialogue.send(channel, { kind: 'note', body: { text: `note ${i}` } });
        await eventually(
          'B holds the notify',
          async () => (await b.node.store.getEntryByHash(n.hash)) !== undefined,
        );
        if (i < statuses.length) {
          const r = await b.dialogue.send(channel, {
            kind: 'response',
            refs: [n.hashHex],
            body: { status: statuses[i]!, text: `reply ${i}` },
          });
          want.set(r.hashHex, { status: statuses[i]! });
        }
      }
      const req = await a.dialogue.send(channel, {
        kind: 'request',
        body: { request_type: 'information', subject: 'a request', text: 'carries no facts' },
      });
      want.set(req.hashHex, {});
      sessionA = new ApiSession(a.url);
      await sessionA.login('viewer', PW);
      sessionB = new ApiSession(b.url);
      await sessionB.login('viewer', PW);
    });
    after(async () => stop?.());

    /** Every row of the channel's timeline, read in pages of `limit`. */
    async function allRows(s: ApiSession, limit: number): Promise<Row[]> {
      const rows: Row[] = [];
      let before: number | undefined;
      for (;;) {
        const q = `/api/v1/channels/${channel}/envelopes?limit=${limit}${before ? `&before=${before}` : ''}`;
        const res = await s.req('GET', q);
        assert.equal(res.status, 200, JSON.stringify(res.json));
        const page = res.json as { envelopes: Row[]; next_before?: number };
        rows.push(...page.envelopes);
        if (!page.next_before) return rows;
        before = page.next_before;
      }
    }

    for (const [side, limit] of [
      ['A', 50],
      ['A', 4],
      ['B', 50],
      ['B', 3],
    ] as const) {
      it(`on ${side}'s node, in pages of ${limit}`, async () => {
        const session = side === 'A' ? sessionA : sessionB;
        await eventually('every envelope is on the timeline', async () => {
          const rows = await allRows(session, 200);
          return [...want.keys()].every((h) => rows.some((r) => r.hash === h));
        });
        const rows = await allRows(session, limit);
        if (limit < 10) assert.ok(rows.length > 2 * limit, 'several pages');
        else assert.ok(rows.length <= limit, 'one page');
        let checked = 0;
        for (const r of rows) {
          const expected = want.get(r.hash) ?? {};
          const got = {
            ...(r.status !== undefined ? { status: r.status } : {}),
            ...(r.ack_requested !== undefined ? { ack_requested: r.ack_requested } : {}),
          };
          assert.deepEqual(got, expected, `${r.kind} ${r.hash.slice(0, 12)}`);
          if (want.has(r.hash)) checked++;
        }
        assert.equal(checked, want.size, 'every notify, response and the request were on the pages');
        assert.ok(
          rows.some((r) => r.kind === 'note') && rows.some((r) => r.kind === 'invite'),
          'rows without facts are on the pages too',
        );
      });
    }
  });
}

// On PostgreSQL: dialogue-timeline-facts-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-timeline-facts.test.ts')) timelineFactsScenario('SQLite');
