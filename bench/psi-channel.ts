// A private list comparison between two real nodes on loopback HTTP, as the product runs it:
// psi-* envelopes signed, logged, pushed in ~850 KB chunks with receipts, each node with its own
// worker pool. Prints JSON. Run: node --import tsx bench/psi-channel.ts [--sizes 10000,100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/cli/config.js';
import { initDataDir } from '../src/cli/data-dir.js';
import { createRuntime, type NodeRuntime } from '../src/cli/runtime.js';
import { prepareList, type PreparedList } from '../src/service/psi/index.js';

const QUIET = { deadlineEveryMs: 0, checkpointEveryMs: 0, pingEveryMs: 0 };

export interface PsiChannelRow {
  readonly size: number;
  readonly overlap: number | undefined;
  /** From the acceptance to both sides' end. */
  readonly seconds: number;
  /** Canonical bytes of every psi-* envelope both sides appended (receipts excluded). */
  readonly envelopeBytes: number;
  readonly envelopes: number;
}

async function node(dir: string, name: string): Promise<NodeRuntime & { url: string }> {
  const dataDir = join(dir, name);
  initDataDir({ dataDir, name, now: new Date() });
  const config = loadConfig({ env: {}, cwd: dir, flags: { dataDir, http: { port: 0 } } });
  const rt = await createRuntime(config, {
    logger: pino({ level: 'silent' }),
    schedule: QUIET,
    dialogue: { retryBaseMs: 20, retryMaxMs: 200 },
  });
  return Object.assign(rt, { url: await rt.listen() });
}

async function until<T>(check: () => T | undefined | false, timeoutMs = 900_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Two lists of `size` indicators sharing a tenth. */
function lists(size: number): { a: PreparedList; b: PreparedList } {
  const mk = (tag: string, i: number) => `${tag}-${i.toString(16).padStart(8, '0')}.example`;
  const a = Array.from({ length: size }, (_, i) => mk('entry', i));
  const b = Array.from({ length: size }, (_, i) => (i < size / 10 ? mk('entry', i * 7) : mk('other', i)));
  return {
    a: prepareList('indicators', JSON.stringify(a), 'json'),
    b: prepareList('indicators', JSON.stringify(b), 'json'),
  };
}

async function compare(
  a: NodeRuntime,
  b: NodeRuntime,
  channel: string,
  la: PreparedList,
  lb: PreparedList,
): Promise<{ id: string; seconds: number }> {
  const { id } = await a.comparisons.offer({ channel, list: la });
  await until(() => b.comparisons.status(id)?.state === 'awaiting-acceptance');
  const t0 = performance.now();
  await b.comparisons.accept(id, lb);
  const done = (rt: NodeRuntime) => () => {
    const s = rt.comparisons.status(id);
    return s && s.state !== 'running' && !s.held;
  };
  await until(done(a));
  await until(done(b));
  return { id, seconds: +((performance.now() - t0) / 1000).toFixed(2) };
}

async function psiBytes(rt: NodeRuntime, channel: string): Promise<{ bytes: number; n: number }> {
  const log = { channel, author: rt.node.partyId };
  const head = await rt.node.getLogHead(log);
  let bytes = 0;
  let n = 0;
  for (let at = 0; head && at < head.size; at += 100) {
    for (const e of await rt.node.store.getEntries(log, at, 100)) {
      if (!e.kind.startsWith('psi-')) continue;
      bytes += e.bytes.length;
      n++;
    }
  }
  return { bytes, n };
}

export async function runPsiChannelBench(
  sizes: readonly number[] = [10_000, 100_000],
): Promise<PsiChannelRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-psi-channel-'));
  const a = await node(dir, 'a');
  const b = await node(dir, 'b');
  const rows: PsiChannelRow[] = [];
  try {
    const { channel } = await a.dialogue.invite({ name: 'bench', peers: [b.url] });
    for (;;) {
      if ((await b.dialogue.channels()).length > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await b.dialogue.accept(channel);
    for (;;) {
      if ((await a.dialogue.members(channel)).every((m) => m.state === 'accepted')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Warm up: start both worker pools and load the libraries.
    const w = lists(64);
    await compare(a, b, channel, w.a, w.b);
    for (const size of sizes) {
      const before = [await psiBytes(a, channel), await psiBytes(b, channel)];
      const { a: la, b: lb } = lists(size);
      const { id, seconds } = await compare(a, b, channel, la, lb);
      const after = [await psiBytes(a, channel), await psiBytes(b, channel)];
      rows.push({
        size,
        overlap: a.comparisons.result(id)?.overlap,
        seconds,
        envelopeBytes: after[0]!.bytes + after[1]!.bytes - before[0]!.bytes - before[1]!.bytes,
        envelopes: after[0]!.n + after[1]!.n - before[0]!.n - before[1]!.n,
      });
    }
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--sizes');
  const sizes = i > 0 ? process.argv[i + 1]!.split(',').map(Number) : undefined;
  const rows = await runPsiChannelBench(sizes);
  console.log(JSON.stringify({ bench: 'psi-channel', node: process.version, rows }, null, 2));
}
