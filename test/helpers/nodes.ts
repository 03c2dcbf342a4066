import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/cli/config.js';
import { initDataDir } from '../../src/cli/data-dir.js';
import { createRuntime, type NodeRuntime, type RuntimeOptions } from '../../src/cli/runtime.js';
import type { ChannelPolicy } from '../../src/core/dialogue/index.js';
import type { Clock } from '../../src/service/ports.js';
import { tempDir } from './cli.js';
import { dropSchema } from './pg.js';

/** Quiet logs, no background schedules (tests drive them), fast retries. */
function testRuntimeOptions(opts: Partial<RuntimeOptions> & { logLevel?: string }): RuntimeOptions {
  return {
    logger: pino({ level: opts.logLevel ?? process.env.PARLEY_TEST_LOG_LEVEL ?? 'silent' }),
    schedule: { deadlineEveryMs: 0, checkpointEveryMs: 0, pingEveryMs: 0, ...opts.schedule },
    dialogue: { retryBaseMs: 50, retryMaxMs: 1000, ...opts.dialogue },
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.notifier ? { notifier: opts.notifier } : {}),
    ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}),
    ...(opts.federationLimits ? { federationLimits: opts.federationLimits } : {}),
  };
}

/** A clock tests move by hand: deadlines without sleeps. */
export class ManualClock implements Clock {
  constructor(private t = Date.parse('2026-11-27T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestNode extends NodeRuntime {
  readonly url: string;
  readonly name: string;
  readonly dataDir: string;
}

/**
 * Starts `names.length` real nodes in this process, each with its own data folder and SQLite
 * (or PostgreSQL, with `pg` given: a schema per node) database, listening on 127.0.0.1 port 0.
 */
export async function startNodes(
  names: readonly string[],
  opts: Partial<RuntimeOptions> & { pgUrl?: string; logLevel?: string } = {},
): Promise<{ nodes: TestNode[]; stop: () => Promise<void> }> {
  const tmp = tempDir('parley-nodes-');
  const nodes: TestNode[] = [];
  const schemas: string[] = [];
  for (const name of names) {
    const dataDir = join(tmp.dir, name.toLowerCase().replace(/\W+/g, '-'));
    initDataDir({ dataDir, name, now: new Date() });
    const schema = `t_${name.toLowerCase().replace(/\W+/g, '_')}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    if (opts.pgUrl) schemas.push(schema);
    const config = loadConfig({
      env: {},
      cwd: tmp.dir,
      flags: {
        dataDir,
        http: { port: 0 },
        ...(opts.pgUrl ? { store: { engine: 'postgres', url: opts.pgUrl, schema } } : {}),
      },
    });
    const rt = await createRuntime(config, testRuntimeOptions(opts));
    const url = await rt.listen();
    nodes.push(Object.assign(rt, { url, name, dataDir }));
  }
  return {
    nodes,
    stop: async () => {
      for (const n of nodes) await n.close();
      tmp.cleanup();
      for (const schema of schemas) await dropSchema(opts.pgUrl!, schema);
    },
  };
}

/** Polls `check` until it returns a truthy value or the time runs out (network convergence). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 90_000,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts a stopped node again on the same data folder and port (its peers pinned that URL). */
export async function restartNode(
  n: TestNode,
  opts: Partial<RuntimeOptions> & { logLevel?: string } = {},
): Promise<TestNode> {
  const port = Number(new URL(n.url).port);
  const config = { ...n.config, http: { ...n.config.http, port } };
  const rt = await createRuntime(config, testRuntimeOptions(opts));
  const url = await rt.listen();
  return Object.assign(rt, { url, name: n.name, dataDir: n.dataDir });
}

/**
 * Waits until every node holds every member's log of `channel` at the same size as its author,
 * unchanged over two reads 300 ms apart. Sizes alone are not enough: a receipt is appended a
 * moment after the envelope it acknowledges is stored, so "equal once" can still move; and on a
 * slower engine an envelope can still be on its way when a test looks.
 */
export async function converged(
  nodes: readonly TestNode[],
  channel: string,
  what = 'converged and quiet',
): Promise<void> {
  let previous = '';
  await eventually(what, async () => {
    const sizes: number[][] = [];
    for (const author of nodes)
      sizes.push(
        await Promise.all(
          nodes.map(
            async (n) => (await n.node.getLogHead({ channel, author: author.node.partyId }))?.size ?? 0,
          ),
        ),
      );
    const same = sizes.every((row) => row.every((s) => s === row[0]));
    const key = JSON.stringify(sizes);
    const quiet = same && key === previous;
    previous = same ? key : '';
    if (!quiet) await new Promise((r) => setTimeout(r, 300));
    return quiet;
  });
}

/** The channel a test opens: its name and policy (the node's defaults where not given). */
export interface TestChannel {
  readonly name?: string;
  readonly policy?: Partial<ChannelPolicy>;
}

/** What `openChannel` needs of a node: a `TestNode`, or a runtime a test started itself. */
export type ChannelNode = Pick<TestNode, 'url' | 'dialogue'> & { readonly name?: string };

/**
 * Opens a channel from the first node to all the others: each invitee waits for the invitation
 * and accepts it, then every node waits until it sees every member accepted.
 */
export async function openChannel(nodes: readonly ChannelNode[], opts: TestChannel = {}): Promise<string> {
  const [founder, ...invitees] = nodes as [ChannelNode, ...ChannelNode[]];
  const { channel } = await founder.dialogue.invite({
    name: opts.name ?? 'test channel',
    peers: invitees.map((n) => n.url),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  for (const n of invitees) {
    await eventually(`${n.name ?? n.url} holds the invitation`, async () =>
      (await n.dialogue.channels()).some((x) => x.id === channel && x.state === 'invited'),
    );
    await n.dialogue.accept(channel);
  }
  for (const n of nodes)
    await eventually(
      `${n.name ?? n.url} sees all ${nodes.length} members accepted`,
      async () =>
        (await n.dialogue.members(channel)).filter((m) => m.state === 'accepted').length === nodes.length,
    );
  return channel;
}

/**
 * `startNodes` and `openChannel` from the first node to the others; with `converged`, also waits
 * until every member's log is the same size on every node and quiet.
 */
export async function nodesWithChannel(
  names: readonly string[],
  opts: Partial<RuntimeOptions> & {
    pgUrl?: string;
    logLevel?: string;
    channel?: TestChannel;
    converged?: boolean;
  } = {},
): Promise<{ nodes: TestNode[]; channel: string; stop: () => Promise<void> }> {
  const { channel: channelOpts, converged: quiet, ...startOpts } = opts;
  const { nodes, stop } = await startNodes(names, startOpts);
  try {
    const channel = await openChannel(nodes, channelOpts);
    if (quiet) await converged(nodes, channel);
    return { nodes, channel, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
