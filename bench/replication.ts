// Replication between two real nodes on loopback HTTP (RFC 9421-signed requests, signature
// verification, storage with Merkle nodes, receipts): throughput, catch-up after an outage, and
// the latency of one notify from send to the receiver's stored-and-receipted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/cli/config.js';
import { initDataDir } from '../src/cli/data-dir.js';
import { createRuntime, type NodeRuntime } from '../src/cli/runtime.js';
import type { BenchResult } from './envelope-append.js';

const QUIET = { deadlineEveryMs: 0, checkpointEveryMs: 0, pingEveryMs: 0 };

async function node(dir: string, name: string, port = 0): Promise<{ rt: NodeRuntime; url: string }> {
  const dataDir = join(dir, name);
  initDataDir({ dataDir, name, now: new Date() });
  const config = loadConfig({ env: {}, cwd: dir, flags: { dataDir, http: { port } } });
  const rt = await createRuntime(config, {
    logger: pino({ level: 'silent' }),
    schedule: QUIET,
    dialogue: { retryBaseMs: 20, retryMaxMs: 200, batchSize: 1000 },
  });
  return { rt, url: await rt.listen() };
}

async function until(check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Appends `n` notes to A's own log in batches (fast), without delivering yet. */
async function backlog(rt: NodeRuntime, channel: string, n: number): Promise<void> {
  const body = { text: 'x'.repeat(900) };
  for (let i = 0; i < n; i += 1000) {
    await rt.node.logs.append(
      channel,
      Array.from({ length: Math.min(1000, n - i) }, () => ({ kind: 'note' as const, body })),
    );
  }
}

export async function runReplicationBench(
  n = Number(process.env.PARLEY_BENCH_REPLICATION ?? 100_000),
  backlogN = 50_000,
): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-repl-'));
  const out: BenchResult[] = [];
  const a = await node(dir, 'a');
  let b = await node(dir, 'b');
  try {
    const { channel } = await a.rt.dialogue.invite({ name: 'bench', peers: [b.url] });
    await until(async () => (await b.rt.dialogue.channels()).length > 0);
    await b.rt.dialogue.accept(channel);
    await until(async () => (await a.rt.dialogue.members(channel)).every((m) => m.state === 'accepted'));
    const aLog = { channel, author: a.rt.node.partyId };
    const acked = async (want: number): Promise<boolean> =>
      ((await a.rt.node.store.dialogue.listDeliveries(channel))[0]?.ackedSeq ?? -1) >= want - 1;

    // 1. Throughput: a backlog of n envelopes replicated end to end (stored and receipted).
    await a.rt.dialogue.deliverer.stop();
    await backlog(a.rt, channel, n);
    const target = (await a.rt.node.getLogHead(aLog))!.size;
    let t0 = performance.now();
    a.rt.dialogue.deliverer.start();
    await a.rt.dialogue.deliverer.kick(channel);
    await until(() => acked(target));
    let secs = (performance.now() - t0) / 1000;
    out.push({
      name: 'replication A→B over loopback HTTP: verify, store, receipt',
      value: Math.round(n / secs),
      unit: 'envelopes/s',
      note: `${n} envelopes of 1 KiB in ${secs.toFixed(1)} s`,
    });

    // 2. Catch-up: B down while A writes a backlog; time from B's restart to all stored.
    const bPort = Number(new URL(b.url).port);
    await b.rt.close();
    await a.rt.dialogue.deliverer.stop();
    await backlog(a.rt, channel, backlogN);
    const target2 = (await a.rt.node.getLogHead(aLog))!.size;
    const bConfig = b.rt.config;
    t0 = performance.now();
    const rtB = await createRuntime(
      { ...bConfig, http: { ...bConfig.http, port: bPort } },
      { logger: pino({ level: 'silent' }), schedule: QUIET, dialogue: { batchSize: 1000 } },
    );
    b = { rt: rtB, url: await rtB.listen() };
    a.rt.dialogue.deliverer.start();
    await a.rt.dialogue.deliverer.kick(channel);
    await until(() => acked(target2));
    secs = (performance.now() - t0) / 1000;
    out.push({
      name: 'catch-up after an outage (restart to all stored and receipted)',
      value: Number(secs.toFixed(2)),
      unit: 's',
      note: `${backlogN} envelopes backlog, ${Math.round(backlogN / secs)} envelopes/s`,
    });

    // 3. Latency of one notify, idle nodes: send → stored at B and receipt back at A.
    const lat: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const e = await a.rt.dialogue.send(channel, {
        kind: 'notify',
        body: {
          template: {
            sender_state: 'XAA',
            sender_poc_role: 'technical',
            recipient_state: 'XBB',
            recipient_poc_role: 'technical',
            communication_type: 'notification',
            urgency: 'routine',
            incident_description: `latency probe ${i}`,
            handling: 'TLP:AMBER',
            acknowledgement_requested: false,
          },
        },
      });
      await until(async () => (await a.rt.node.store.dialogue.receiptsFor(e.hashHex)).length > 0, 30_000);
      lat.push(performance.now() - t);
    }
    lat.sort((x, y) => x - y);
    out.push({
      name: 'notify latency p50 (send → stored at receiver → receipt at sender)',
      value: Number(lat[Math.floor(lat.length * 0.5)]!.toFixed(1)),
      unit: 'ms',
    });
    out.push({
      name: 'notify latency p99',
      value: Number(lat[Math.floor(lat.length * 0.99)]!.toFixed(1)),
      unit: 'ms',
    });
  } finally {
    await a.rt.close();
    await b.rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await runReplicationBench()) console.log(JSON.stringify(r));
}
