// Replication between two real nodes on loopback HTTP (RFC 9421-signed requests, signature
// verification, storage with Merkle nodes, receipts): throughput, catch-up after an outage, the
// latency of one notify from send to the receiver's stored-and-receipted, and a page of the
// channel timeline. Beside the timings it counts store calls per envelope (and per timeline
// page): those do not move with the machine's load, so a before/after comparison holds.
// PARLEY_BENCH_CALLS=1 prints every store method's count of the notify phase; PARLEY_BENCH_REPLICATION
// sets the number of envelopes replicated (100,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/cli/config.js';
import { initDataDir } from '../src/cli/data-dir.js';
import { usersOf } from '../src/cli/open-node.js';
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

/** CPU time of this process (both nodes) since `from`, in ms: moves much less with load than wall time. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** Store calls of one node by method name (`dialogue.listMembers`, `putCheckpoint`…). */
type CallCounts = Map<string, number>;

/** Wraps every method of the node's store and dialogue store with a call counter. */
function countStoreCalls(rt: NodeRuntime): CallCounts {
  const counts: CallCounts = new Map();
  const wrap = (target: object, prefix: string): void => {
    const names = new Set<string>();
    for (let o: object | null = target; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object)
      for (const k of Object.getOwnPropertyNames(o)) names.add(k);
    const t = target as Record<string, unknown>;
    for (const k of names) {
      const fn = t[k];
      if (k === 'constructor' || typeof fn !== 'function') continue;
      const name = prefix + k;
      t[k] = (...args: unknown[]): unknown => {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return (fn as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
  };
  wrap(rt.node.store.dialogue, 'dialogue.');
  wrap(rt.node.store, '');
  return counts;
}

/** The named counts per `per` (envelopes, pages), as a short note. */
function perUnit(counts: CallCounts, names: readonly string[], per: number): string {
  return names.map((n) => `${n} ${((counts.get(n) ?? 0) / per).toFixed(3)}`).join(', ');
}

/** Every store call per `per`. */
function totalPer(counts: CallCounts, per: number): number {
  let sum = 0;
  for (const v of counts.values()) sum += v;
  return Number((sum / per).toFixed(2));
}

/** A signed-in UI session over HTTP: session cookie and CSRF header, as the browser holds them. */
async function uiSession(rt: NodeRuntime, url: string): Promise<(path: string) => Promise<unknown>> {
  const password = 'correct horse battery staple';
  await usersOf(rt.node)!.addUser({ username: 'bench', role: 'viewer', password }, 'bench');
  const jar = new Map<string, string>();
  const req = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('parley_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown;
  };
  await req('GET', '/api/v1/auth/me').catch(() => undefined);
  await req('POST', '/api/v1/auth/login', { username: 'bench', password });
  return (path) => req('GET', path);
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
  const callsA = countStoreCalls(a.rt);
  let callsB = countStoreCalls(b.rt);
  const watched = ['dialogue.listMembers', 'putCheckpoint', 'getCheckpoint', 'getEntries'];
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
    callsA.clear();
    callsB.clear();
    let cpu0 = process.cpuUsage();
    let t0 = performance.now();
    a.rt.dialogue.deliverer.start();
    await a.rt.dialogue.deliverer.kick(channel);
    await until(() => acked(target));
    let secs = (performance.now() - t0) / 1000;
    out.push({
      name: 'replication A→B over loopback HTTP: verify, store, receipt',
      value: Math.round(n / secs),
      unit: 'envelopes/s',
      note: `${n} envelopes of 1 KiB in ${secs.toFixed(1)} s; CPU ${((cpuMs(cpu0) * 1000) / n).toFixed(0)} µs per envelope (both nodes)`,
    });
    out.push({
      name: 'replication: store calls per envelope, receiver B',
      value: totalPer(callsB, n),
      unit: 'calls',
      note: perUnit(callsB, watched, n),
    });
    out.push({
      name: 'replication: store calls per envelope, sender A',
      value: totalPer(callsA, n),
      unit: 'calls',
      note: perUnit(callsA, watched, n),
    });

    // 2. Catch-up: B down while A writes a backlog; time from B's restart to all stored.
    const bPort = Number(new URL(b.url).port);
    await b.rt.close();
    await a.rt.dialogue.deliverer.stop();
    await backlog(a.rt, channel, backlogN);
    const target2 = (await a.rt.node.getLogHead(aLog))!.size;
    const bConfig = b.rt.config;
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    const rtB = await createRuntime(
      { ...bConfig, http: { ...bConfig.http, port: bPort } },
      { logger: pino({ level: 'silent' }), schedule: QUIET, dialogue: { batchSize: 1000 } },
    );
    b = { rt: rtB, url: await rtB.listen() };
    callsB = countStoreCalls(b.rt);
    a.rt.dialogue.deliverer.start();
    await a.rt.dialogue.deliverer.kick(channel);
    await until(() => acked(target2));
    secs = (performance.now() - t0) / 1000;
    out.push({
      name: 'catch-up after an outage (restart to all stored and receipted)',
      value: Number(secs.toFixed(2)),
      unit: 's',
      note: `${backlogN} envelopes backlog, ${Math.round(backlogN / secs)} envelopes/s; CPU ${((cpuMs(cpu0) * 1000) / backlogN).toFixed(0)} µs per envelope (both nodes, B's start included)`,
    });

    // 3. Latency of one notify, idle nodes: send → stored at B and receipt back at A.
    const lat: number[] = [];
    const probes = 200;
    // Quiet first: B's receipts of the backlog all delivered back to A.
    const bLog = { channel, author: b.rt.node.partyId };
    await until(async () => {
      const size = (await b.rt.node.getLogHead(bLog))?.size ?? 0;
      return ((await b.rt.node.store.dialogue.listDeliveries(channel))[0]?.ackedSeq ?? -1) >= size - 1;
    });
    callsA.clear();
    callsB.clear();
    cpu0 = process.cpuUsage();
    for (let i = 0; i < probes; i++) {
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
    const notifyCpu = cpuMs(cpu0) / probes;
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
      note: `CPU ${notifyCpu.toFixed(2)} ms per notify (both nodes, polling included)`,
    });
    if (process.env.PARLEY_BENCH_CALLS)
      console.error(JSON.stringify({ a: [...callsA].sort(), b: [...callsB].sort() }));
    out.push({
      name: 'notify: store calls per notify, receiver B',
      value: totalPer(callsB, probes),
      unit: 'calls',
      note: perUnit(callsB, watched, probes),
    });
    out.push({
      name: 'notify: store calls per notify, sender A',
      value: totalPer(callsA, probes),
      unit: 'calls',
      note: perUnit(callsA, watched, probes),
    });

    // 4. The channel timeline of the UI: the newest 200 envelopes (the notifies above, each
    // shown with its body's facts), over HTTP with a session.
    const get = await uiSession(a.rt, a.url);
    const page = `/api/v1/channels/${channel}/envelopes?limit=200`;
    const first = (await get(page)) as { envelopes: { kind: string }[] };
    const notifies = first.envelopes.filter((e) => e.kind === 'notify').length;
    const pages = 30;
    const took: number[] = [];
    callsA.clear();
    cpu0 = process.cpuUsage();
    for (let i = 0; i < pages; i++) {
      const t = performance.now();
      await get(page);
      took.push(performance.now() - t);
    }
    const pageCpu = cpuMs(cpu0) / pages;
    took.sort((x, y) => x - y);
    out.push({
      name: 'timeline page of 200 envelopes (GET …/envelopes?limit=200), p50',
      value: Number(took[Math.floor(pages / 2)]!.toFixed(1)),
      unit: 'ms',
      note: `${notifies} notify rows; CPU ${pageCpu.toFixed(1)} ms per page (client included); store calls per page ${totalPer(callsA, pages)} (${perUnit(callsA, ['getEntries', 'getEntriesByHashes', 'dialogue.getItem', 'dialogue.receiptsFor'], pages)})`,
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
