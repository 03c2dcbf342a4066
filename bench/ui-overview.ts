/**
 * The UI's two figures (issue 6, "Speed"): the time from navigation to the overview drawn, in
 * real Chromium against a real node, and the gzipped size of the built JavaScript.
 *
 * "Drawn" is the moment the overview sets `data-overview="drawn"` on <body> (every panel that
 * asks the node has its answer: data, "not available yet" or an error), read from the page's
 * own `performance.mark('parley:overview-drawn')`, relative to navigation start.
 *
 *   node --import tsx bench/ui-overview.ts            # prints JSON; seeds 100,000 envelopes
 *   PARLEY_BENCH_ENVELOPES=1000 …                     # fewer
 *   PARLEY_BENCH_URL=http://127.0.0.1:7700 …          # against a running node (user/password
 *   PARLEY_BENCH_USER / PARLEY_BENCH_PASSWORD)         # from the environment)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { pino } from 'pino';
import { loadConfig } from '../src/cli/config.js';
import { openNode } from '../src/cli/open-node.js';
import { launchChromium, CHROMIUM_PATH } from '../test/e2e/browser.js';
import { login, PASSWORD, startUiNode } from '../test/e2e/ui-helpers.js';

export interface UiBenchResult {
  /** Navigation start → overview drawn, per run (ms). */
  readonly overviewDrawnMs: readonly number[];
  readonly overviewDrawnMedianMs: number;
  /** Sum over web/dist/assets/*.js of gzip -9 sizes (bytes). */
  readonly jsGzipBytes: number;
  readonly jsRawBytes: number;
  readonly envelopesStored: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Gzipped and raw bytes of the built UI's JavaScript. Throws if web/dist is not built. */
export function uiJsSize(dist = resolve('web/dist')): { gzip: number; raw: number } {
  const assets = join(dist, 'assets');
  if (!existsSync(assets)) throw new Error(`${assets} is missing: run npm run build:web`);
  let gzip = 0;
  let raw = 0;
  for (const f of readdirSync(assets)) {
    if (!f.endsWith('.js')) continue;
    const bytes = readFileSync(join(assets, f));
    raw += statSync(join(assets, f)).size;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzip, raw };
}

/** Appends `n` signed envelopes to the home party's logs in 4 channels, in batches, before the node starts. */
export async function seedEnvelopes(dataDir: string, n: number): Promise<void> {
  const config = loadConfig({
    env: { PARLEY_DATA_DIR: dataDir, PARLEY_CHECKPOINT_EVERY: '10000' },
    flags: {},
    cwd: process.cwd(),
  });
  const node = await openNode(config, pino({ level: 'silent' }));
  try {
    const channels = [0, 1, 2, 3].map((i) => `channel--00000000-0000-4000-8000-00000000000${i}`);
    const BATCH = 1000;
    for (let done = 0; done < n;) {
      const k = Math.min(BATCH, n - done);
      const drafts = Array.from({ length: k }, (_, j) => ({ kind: 'ping' as const, body: { n: done + j } }));
      await node.logs.append(channels[(done / BATCH) % channels.length]!, drafts);
      done += k;
    }
  } finally {
    await node.close();
  }
}

export async function runUiBench(opts: { runs?: number; envelopes?: number } = {}): Promise<UiBenchResult> {
  const runs = opts.runs ?? 7;
  const envelopes = opts.envelopes ?? Number(process.env.PARLEY_BENCH_ENVELOPES ?? 100_000);
  const size = uiJsSize();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
  const node = process.env.PARLEY_BENCH_URL
    ? { url: process.env.PARLEY_BENCH_URL, stop: async () => {} }
    : await startUiNode({ prepare: (dir) => seedEnvelopes(dir, envelopes) });
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await ctx.newPage();
    await login(
      page,
      node.url,
      process.env.PARLEY_BENCH_USER ?? 'admin',
      process.env.PARLEY_BENCH_PASSWORD ?? PASSWORD,
    );
    await page.waitForURL(/\/overview$/);
    const times: number[] = [];
    let stored = 0;
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(`${node.url}/overview`, { waitUntil: 'commit' });
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body
            .dataset.overview === 'drawn',
        undefined,
        { timeout: 30_000 },
      );
      const ms = await page.evaluate(() => {
        const p = (
          globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] } }
        ).performance;
        return p.getEntriesByName('parley:overview-drawn')[0]?.startTime ?? NaN;
      });
      if (i > 0) times.push(Math.round(ms * 10) / 10); // the first run warms the HTTP cache
      if (i === 0) {
        const logs = (await (await page.request.get(`${node.url}/v1/logs`)).json()) as {
          logs: { size: number }[];
        };
        stored = logs.logs.reduce((n, l) => n + l.size, 0);
      }
    }
    return {
      overviewDrawnMs: times,
      overviewDrawnMedianMs: median(times),
      jsGzipBytes: size.gzip,
      jsRawBytes: size.raw,
      envelopesStored: stored,
    };
  } finally {
    await browser.close();
    await node.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runUiBench();
  process.stdout.write(JSON.stringify(r, null, 2) + '\n');
}
