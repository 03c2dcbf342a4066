import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '../../src/core/errors.js';
import { TLP2_MARKING_IDS } from '../../src/core/tlp/index.js';
import { converged, eventually, startNodes, type TestNode } from '../helpers/nodes.js';

/**
 * TLP 2.0 on what leaves a node, between three nodes over real HTTP: content that may not reach a
 * member is refused before it is appended, so it never reaches that member's node — whatever
 * place of the body it was put in.
 */

const RED_INDICATOR = 'indicator--5b1c8f0e-3d2a-4e6b-9c7d-1a2b3c4d5e6f';
const redBundle = {
  type: 'bundle',
  id: 'bundle--9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  objects: [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: RED_INDICATOR,
      created: '2026-11-27T00:00:00.000Z',
      modified: '2026-11-27T00:00:00.000Z',
      pattern: "[ipv4-addr:value = '203.0.113.66']",
      pattern_type: 'stix',
      valid_from: '2026-11-27T00:00:00Z',
      object_marking_refs: [TLP2_MARKING_IDS['TLP:RED']],
    },
  ],
};

/** A POC template whose every required field is filled (docs/poc-template.md). */
const template = (extra: Record<string, unknown> = {}) => ({
  sender_state: 'AAA',
  sender_poc_role: 'technical',
  recipient_state: 'BBB',
  recipient_poc_role: 'technical',
  communication_type: 'notification',
  urgency: 'urgent',
  incident_description: 'C2 server seen in both networks',
  handling: 'TLP:AMBER',
  acknowledgement_requested: true,
  ...extra,
});

/** Whether any envelope stored on `n`, in any log, contains `text`. */
async function holds(n: TestNode, text: string): Promise<boolean> {
  for (const log of await n.node.listLogs()) {
    for (const e of await n.node.store.getEntries(log, 0, log.size)) {
      if (Buffer.from(e.bytes).toString('utf8').includes(text)) return true;
    }
  }
  return false;
}

export function tlpThreeNodeScenario(engine: string, pgUrl?: string): void {
  describe(`TLP:RED between three nodes over real HTTP (${engine})`, () => {
    let stop: () => Promise<void>;
    let nodes: TestNode[];
    let a: TestNode, b: TestNode, c: TestNode;
    let channel: string;

    before(async () => {
      ({ nodes, stop } = await startNodes(['Red A', 'Red B', 'Red C'], pgUrl ? { pgUrl } : {}));
      [a, b, c] = nodes as [TestNode, TestNode, TestNode];
      // A RED ceiling, so that only the naming of recipients decides.
      ({ channel } = await a.dialogue.invite({
        name: 'A–B–C',
        peers: [b.url, c.url],
        policy: { tlp_ceiling: 'TLP:RED' },
      }));
      for (const n of [b, c]) {
        await eventually(`${n.name} invited`, async () =>
          (await n.dialogue.channels()).some((x) => x.id === channel),
        );
        await n.dialogue.accept(channel);
      }
      await eventually(
        'all accepted',
        async () => (await a.dialogue.members(channel)).filter((m) => m.state === 'accepted').length === 3,
      );
      // A's receipts for the acceptances are appended a moment later: "nothing appended" below
      // compares sizes, so start from logs that have stopped moving.
      await converged(nodes, channel);
    });
    after(async () => stop?.());

    const sizeOf = async (n: TestNode, ch = channel) =>
      (await n.node.getLogHead({ channel: ch, author: a.node.partyId }))?.size ?? 0;

    /** Sends a ping after a refusal and waits until B and C hold it: whatever A would have sent before it has been delivered by then. */
    async function flushed(ch = channel): Promise<void> {
      const ping = await a.dialogue.ping(ch);
      for (const n of [b, c]) {
        if (!(await n.dialogue.members(ch)).some((m) => m.party === n.node.partyId)) continue;
        await eventually(
          `${n.name} holds the ping`,
          async () => (await n.node.store.getEntryByHash(ping.hash)) !== undefined,
        );
      }
    }

    const tlpForbids = (e: unknown) => e instanceof ParleyError && e.code === 'TLP_FORBIDS';

    it('refuses a TLP:RED bundle in a notify template technical_annex: nothing appended, nothing reaches B or C', async () => {
      const before = await sizeOf(a);
      await assert.rejects(
        a.dialogue.send(channel, {
          kind: 'notify',
          body: { template: template({ technical_annex: redBundle }) },
        }),
        tlpForbids,
      );
      await assert.rejects(
        a.dialogue.send(channel, {
          kind: 'request',
          body: {
            request_type: 'information',
            subject: 'seen it?',
            text: '?',
            template: template({ technical_annex: redBundle }),
          },
        }),
        tlpForbids,
      );
      assert.equal(await sizeOf(a), before, 'nothing was appended to A’s log');
      await flushed();
      assert.equal(await holds(b, RED_INDICATOR), false);
      assert.equal(await holds(c, RED_INDICATOR), false);
    });

    it('refuses a template whose handling is less restrictive than the markings it travels with', async () => {
      const before = await sizeOf(a);
      await assert.rejects(
        a.dialogue.send(channel, {
          kind: 'notify',
          body: {
            template: template({ handling: 'TLP:GREEN' }),
            bundle: {
              ...redBundle,
              objects: [{ ...redBundle.objects[0]!, object_marking_refs: [TLP2_MARKING_IDS['TLP:AMBER']] }],
            },
          },
        }),
        (e: unknown) => tlpForbids(e) && (e as ParleyError).details?.['reason'] === 'HANDLING_BELOW_MARKINGS',
      );
      assert.equal(await sizeOf(a), before);
    });

    // RED is modelled as "every receiving member named": all members hold every log, so content
    // for B alone cannot travel in a channel that C is in. It is refused there, and goes to B
    // through a channel of A and B only.
    it('refuses a TLP:RED share naming only B in a channel C is in: nothing of it reaches C', async () => {
      const before = await sizeOf(a);
      await assert.rejects(
        a.dialogue.send(channel, {
          kind: 'share',
          body: { bundle: redBundle, recipients: [b.node.partyId] },
        }),
        (e: unknown) => tlpForbids(e) && (e as ParleyError).details?.['reason'] === 'RED_TO_UNNAMED_MEMBERS',
      );
      assert.equal(await sizeOf(a), before, 'nothing was appended to A’s log');
      await flushed();
      await converged(nodes, channel, 'nothing still on its way');
      assert.equal(await sizeOf(c), await sizeOf(a), 'C holds all of A’s log');
      assert.equal(await holds(c, RED_INDICATOR), false);
      assert.equal(await c.node.store.dialogue.pendingCount(channel, a.node.partyId), 0);
    });

    it('delivers a TLP:RED share naming B in a channel of A and B only; C holds nothing of it', async () => {
      const { channel: ab } = await a.dialogue.invite({
        name: 'A–B',
        peers: [b.url],
        policy: { tlp_ceiling: 'TLP:RED' },
      });
      await eventually('B invited', async () => (await b.dialogue.channels()).some((x) => x.id === ab));
      await b.dialogue.accept(ab);
      await eventually('B accepted', async () =>
        (await a.dialogue.members(ab)).every((m) => m.state === 'accepted'),
      );
      const red = await a.dialogue.send(ab, {
        kind: 'share',
        body: { bundle: redBundle, recipients: [b.node.partyId] },
      });
      await eventually(
        'B holds the RED share',
        async () => (await b.node.store.getEntryByHash(red.hash)) !== undefined,
      );
      await flushed();
      assert.equal(await c.node.store.getEntryByHash(red.hash), undefined);
      assert.equal(await holds(c, RED_INDICATOR), false);
      assert.equal(
        (await c.dialogue.channels()).some((x) => x.id === ab),
        false,
        'C was never told of the A–B channel',
      );
    });
  });
}

// On PostgreSQL: dialogue-tlp-three-nodes-postgres.test.ts.
if (process.argv[1]?.endsWith('dialogue-tlp-three-nodes.test.ts')) tlpThreeNodeScenario('SQLite');
