/**
 * Two real nodes whose clocks disagree, for receiver-anchored deadlines (src/core/deadline/README.md):
 * the sender's clock, and so its signed `created`, lies behind the receiver's. Also leaves an
 * envelope in a stopped node's store as a crash between append and projection would, so that a
 * test can watch the replay at a later clock.
 */
import type { ChannelPolicy } from '../../src/core/dialogue/index.js';
import type { RuntimeOptions } from '../../src/cli/runtime.js';
import { storeConfigOf } from '../../src/cli/open-node.js';
import { openStore } from '../../src/store/index.js';
import { ManualClock, openChannel, restartNode, startNodes, type TestNode } from './nodes.js';

export interface SkewedPair {
  /** The sender, whose clock is behind. */
  readonly a: TestNode;
  /** The receiver; replaced by `restartB`. */
  b: TestNode;
  readonly clockA: ManualClock;
  readonly clockB: ManualClock;
  readonly channel: string;
  /** Stops B (if running) and starts it again on the same store with its clock as it is now. */
  restartB(): Promise<TestNode>;
  stop(): Promise<void>;
}

/**
 * Starts A and B with clocks in step, opens a channel with `policy`, then moves B's clock
 * `behindMs` ahead: from then on everything A signs is backdated as B sees it. B's own envelopes
 * (receipts) are then too far ahead for A beyond the tolerance, which these tests do not need.
 */
export async function skewedPair(opts: {
  behindMs: number;
  policy: Partial<ChannelPolicy>;
  pgUrl?: string;
}): Promise<SkewedPair> {
  const start = Date.parse('2026-11-27T09:00:00.000Z');
  const clockA = new ManualClock(start);
  const clockB = new ManualClock(start);
  const engine: Partial<RuntimeOptions> & { pgUrl?: string } = opts.pgUrl ? { pgUrl: opts.pgUrl } : {};
  const sa = await startNodes(['Sender'], { clock: clockA, ...engine });
  const sb = await startNodes(['Receiver'], { clock: clockB, ...engine });
  const a = sa.nodes[0]!;
  const b = sb.nodes[0]!;
  const channel = await openChannel([a, b], { name: 'skewed clocks', policy: opts.policy });
  clockB.advance(opts.behindMs);
  const pair: SkewedPair = {
    a,
    b,
    clockA,
    clockB,
    channel,
    async restartB() {
      await pair.b.close();
      pair.b = await restartNode(pair.b, { clock: clockB });
      return pair.b;
    },
    async stop() {
      // The restarted runtime is not among those startNodes made; close it before they go.
      await pair.b.close();
      await sb.stop();
      await sa.stop();
    },
  };
  return pair;
}

/**
 * Copies A's log entries up to and including `hash` into the stopped node `b`'s store, stored at
 * `storedAt` and left unprojected, as a crash right after the inbox's append would leave them:
 * the next start replays them from the projection cursor (reconcile) at whatever its clock says.
 */
export async function storeUnprojected(
  a: TestNode,
  b: TestNode,
  channel: string,
  hash: string,
  storedAt: string,
): Promise<void> {
  const log = { channel, author: a.node.partyId };
  const target = await a.node.store.getEntryByHash(Buffer.from(hash, 'hex'));
  if (!target) throw new Error(`A holds no entry ${hash}`);
  const store = await openStore(storeConfigOf(b.config));
  try {
    const have = (await store.getLogHead(log))?.size ?? 0;
    const missing = await a.node.store.getEntries(log, have, target.seq + 1 - have);
    await store.appendEntries(
      log,
      missing.map((e) => ({ seq: e.seq, hash: e.hash, kind: e.kind, created: e.created, bytes: e.bytes })),
      storedAt,
    );
  } finally {
    await store.close();
  }
}
