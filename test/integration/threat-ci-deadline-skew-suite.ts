/**
 * The shorter receipt deadline of an incident on designated infrastructure (ci_receipt_deadline_s)
 * counts, like every deadline, from the receiving node's clock within the skew tolerance
 * (src/core/deadline/README.md): a notification whose `created` lies hours in the past is not
 * overdue on arrival, and a replay after a crash, at a later clock, fixes the same due time as a
 * prompt arrival at the moment the envelope was stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_DIALOGUE_OPTIONS } from '../../src/service/dialogue/context.js';
import { eventually, type TestNode } from '../helpers/nodes.js';
import { skewedPair, storeUnprojected, type SkewedPair } from '../helpers/skewed-pair.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

const RECEIPT_S = 3600;
const CI_RECEIPT_S = 900;
const BEHIND_MS = 2 * 3600_000;
const TAU_MS = DEFAULT_DIALOGUE_OPTIONS.clockSkewSeconds * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** The scenario on SQLite, or on PostgreSQL (a schema per node) when `pgUrl` is given. */
export function runThreatCiDeadlineSkew(label: string, pgUrl?: string): void {
  describe(`designated-infrastructure receipt deadline on a receiver whose clock is ahead (${label})`, () => {
    let pair: SkewedPair;
    const due = new Map<string, string>();
    let live: { hash: string; storedAt: number } | undefined;

    before(async () => {
      pair = await skewedPair({
        behindMs: BEHIND_MS,
        policy: { receipt_deadline_s: RECEIPT_S, ci_receipt_deadline_s: CI_RECEIPT_S },
        ...(pgUrl ? { pgUrl } : {}),
      });
      await pair.a.threat.designate(pair.channel, FOOD_DESIGNATION);
      await eventually(
        'B holds A’s designation',
        async () => (await pair.b.threat.designations(pair.channel)).length === 1,
      );
    });
    after(async () => pair?.stop());

    const notify = (a: TestNode, name: string) =>
      a.dialogue.send(pair.channel, {
        kind: 'notify',
        body: { template: NOTIFY_TEMPLATE, bundle: ransomwareBundle({ name }).bundle },
      });

    /**
     * B's tracked item once B has flagged the incident in it: its alarm is raised after the short
     * deadline is set.
     */
    async function flaggedAtB(hash: string) {
      return eventually('B raises the alarm and tracks the envelope', async () => {
        const alarms = await pair.b.node.store.dialogue.listAlarms({ limit: 100 });
        const flagged = alarms.some(
          (x) => x.kind === 'designated-infrastructure' && x.subject.startsWith(hash),
        );
        return flagged && (await pair.b.node.store.dialogue.getItem(hash));
      });
    }

    it('a notification signed two hours back is not overdue at the receiver on arrival', async () => {
      const e = await notify(pair.a, 'Backdated ransomware');
      const item = await flaggedAtB(e.hashHex);
      const storedAt = Date.parse((await pair.b.node.store.getEntryByHash(e.hash))!.storedAt);
      assert.equal(storedAt, pair.clockB.now().getTime(), 'B stored it on its own clock');
      assert.ok(Date.parse(e.envelope.created) < storedAt - TAU_MS, 'backdated beyond the tolerance');
      // Never earlier than the anchored rule allows, whatever else moved it.
      assert.ok(item.receiptDueAt >= iso(storedAt - TAU_MS + CI_RECEIPT_S * 1000), item.receiptDueAt);
      // The signed created plus the short deadline is long past on B's clock; nothing is overdue.
      await pair.b.dialogue.checkDeadlines();
      assert.equal((await pair.b.node.store.dialogue.getItem(e.hashHex))!.overdueAt, undefined);
      // The author's node counts from its own signed created.
      const atA = (await pair.a.node.store.dialogue.getItem(e.hashHex))!;
      assert.equal(atA.receiptDueAt, iso(Date.parse(e.envelope.created) + CI_RECEIPT_S * 1000));
      live = { hash: e.hashHex, storedAt };
      due.set(e.hashHex, item.receiptDueAt);
    });

    // A delivery that continues the log is appended and projected as one batch (ingest.ts
    // FastPath); the features run once the batch's tracked items are written, so flag() finds the
    // row (before, it met none and the receiver kept the ordinary receipt deadline).
    it('on prompt arrival the short deadline is fixed from arrival less the tolerance', async () => {
      const item = (await pair.b.node.store.dialogue.getItem(live!.hash))!;
      assert.equal(item.receiptDueAt, iso(live!.storedAt - TAU_MS + CI_RECEIPT_S * 1000));
    });

    it('a replay after a crash at a later clock anchors on when the envelope was stored, not on the restart', async () => {
      await pair.b.close();
      const e = await notify(pair.a, 'Ransomware while B was down');
      const storedAt = pair.clockB.now().getTime();
      await storeUnprojected(pair.a, pair.b, pair.channel, e.hashHex, iso(storedAt));
      pair.clockB.advance(10 * 3600_000);
      await pair.restartB();
      const item = await flaggedAtB(e.hashHex);
      assert.equal(item.receiptDueAt, iso(storedAt - TAU_MS + CI_RECEIPT_S * 1000));
      due.set(e.hashHex, item.receiptDueAt);
    });

    it('another restart later moves no due time', async () => {
      pair.clockB.advance(24 * 3600_000);
      await pair.restartB();
      await pair.b.threat.ready();
      for (const [hash, receiptDueAt] of due)
        assert.equal((await pair.b.node.store.dialogue.getItem(hash))!.receiptDueAt, receiptDueAt);
    });
  });
}
