/**
 * The UI's two figures (issue 6, "Speed"): the time from navigation to the overview drawn, in
 * real Chromium against a real node, and the gzipped size of the built JavaScript.
 *
 * The data is a real dialogue: two nodes, a channel, an acknowledged designation, 2,000 scored
 * incident notifications and notes up to 100,000 envelopes in A's log, all delivered to B before
 * timing. "Drawn" is the moment, relative to navigation start, when the overview has marked
 * itself drawn (every panel has its answer) and the threat trend chart is on screen; the channel
 * timeline is drawn when its first page of envelopes is listed.
 *
 *   node --import tsx bench/ui-overview.ts            # prints JSON; 100,000 envelopes
 *   PARLEY_BENCH_ENVELOPES=10000 …                    # fewer
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { usersOf } from '../src/cli/open-node.js';
import { launchChromium, CHROMIUM_PATH } from '../test/e2e/browser.js';
import { login, PASSWORD } from '../test/e2e/ui-helpers.js';
import { eventually, startNodes, type TestNode } from '../test/helpers/nodes.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../test/helpers/threat-fixtures.js';

export interface UiBenchResult {
  /** Navigation start → overview drawn, per run (ms). */
  readonly overviewDrawnMs: readonly number[];
  readonly overviewDrawnMedianMs: number;
  /** Sum over web/dist/assets/*.js of gzip -9 sizes (bytes). */
  readonly jsGzipBytes: number;
  readonly jsRawBytes: number;
  /** Navigation start → a channel's timeline listed, per run (ms). */
  readonly timelineDrawnMs: readonly number[];
  readonly timelineDrawnMedianMs: number;
  readonly envelopesStored: number;
  readonly incidentsNotified: number;
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

const SECTORS = ['agriculture', 'energy', 'financial-services', 'healthcare', 'telecommunications', 'water'];

/**
 * Two real nodes with a channel, a designation acknowledged, `incidents` scored incident
 * notifications from A (so the overview has threat levels, a trend and open items to draw), and
 * notes up to `envelopes` in A's log, delivered to B before anything is timed.
 */
async function seedDialogue(envelopes: number, incidents: number) {
  const { nodes, stop } = await startNodes(['Ardenia CERT', 'Borealia PoC']);
  const [a, b] = nodes as [TestNode, TestNode];
  try {
    const { channel } = await a.dialogue.invite({ name: 'Ardenia–Borealia', peers: [b.url] });
    await eventually(
      'B holds the invitation',
      async () => (await b.dialogue.channels()).find((c) => c.id === channel),
      120_000,
    );
    await b.dialogue.accept(channel);
    await eventually(
      'A sees B accepted',
      async () => (await a.dialogue.members(channel)).every((m) => m.state === 'accepted'),
      120_000,
    );
    await a.threat!.designate(channel, FOOD_DESIGNATION);
    await eventually(
      'B holds the designation',
      async () => (await b.threat!.designations(channel)).length === 1,
      120_000,
    );
    await b.threat!.acknowledge(channel, a.node.partyId);
    // Incidents, 16 in flight at a time (the log service groups their commits).
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < incidents; i = next++) {
          const { bundle } = ransomwareBundle({
            name: `incident ${i}`,
            victimSectors: [SECTORS[i % SECTORS.length]!],
          });
          await a.dialogue.send(channel, { kind: 'notify', body: { bundle, template: NOTIFY_TEMPLATE } });
        }
      }),
    );
    const aLog = { channel, author: a.node.partyId };
    const have = (await a.node.store.getLogHead(aLog))?.size ?? 0;
    const body = { text: 'x'.repeat(200) };
    for (let done = have; done < envelopes;) {
      const k = Math.min(1000, envelopes - done);
      await a.node.logs.append(
        channel,
        Array.from({ length: k }, () => ({ kind: 'note' as const, body })),
      );
      done += k;
    }
    const size = (await a.node.store.getLogHead(aLog))?.size ?? 0;
    await eventually(
      "B holds all of A's log",
      async () => ((await b.node.store.getLogHead(aLog))?.size ?? 0) >= size,
      600_000,
    );
    await usersOf(a.node)!.addUser({ username: 'bench', role: 'analyst', password: PASSWORD }, 'bench');
    return { url: a.url, channel, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

type Ready = 'overview' | 'timeline';

/**
 * Navigates to `url` and returns ms from navigation start until the page is drawn: the overview
 * when it has marked itself drawn (every panel has its answer) and the trend chart is on screen;
 * a channel when the first page of its timeline is listed.
 */
async function timeTo(page: Page, url: string, ready: Ready): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (what: Ready) => {
      const doc = (
        globalThis as unknown as {
          document: { body: { dataset: Record<string, string> }; querySelector(s: string): unknown };
        }
      ).document;
      const drawn =
        what === 'overview'
          ? doc.body.dataset['overview'] === 'drawn' &&
            doc.querySelector('[data-chart="threat-trend"]') !== null
          : doc.querySelector('li[data-hash]') !== null;
      // performance.now() counts from this document's navigation start.
      return drawn ? (globalThis as unknown as { performance: { now(): number } }).performance.now() : false;
    },
    ready,
    { timeout: 60_000, polling: 'raf' },
  );
  return Math.round(((await handle.jsonValue()) as number) * 10) / 10;
}

export async function runUiBench(
  opts: { runs?: number; envelopes?: number; incidents?: number } = {},
): Promise<UiBenchResult> {
  const runs = opts.runs ?? 7;
  const envelopes = opts.envelopes ?? Number(process.env.PARLEY_BENCH_ENVELOPES ?? 100_000);
  const incidents = opts.incidents ?? 2_000;
  const size = uiJsSize();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
  const seeded = await seedDialogue(envelopes, incidents);
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await ctx.newPage();
    await login(page, seeded.url, 'bench', PASSWORD);
    await page.waitForURL(/\/overview$/);
    const overview: number[] = [];
    const timeline: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const o = await timeTo(page, `${seeded.url}/overview`, 'overview');
      const t = await timeTo(
        page,
        `${seeded.url}/channels/${encodeURIComponent(seeded.channel)}`,
        'timeline',
      );
      if (i > 0) {
        // the first run warms the HTTP cache
        overview.push(o);
        timeline.push(t);
      }
    }
    const logs = (await (await page.request.get(`${seeded.url}/v1/logs`)).json()) as {
      logs: { size: number }[];
    };
    return {
      overviewDrawnMs: overview,
      overviewDrawnMedianMs: median(overview),
      timelineDrawnMs: timeline,
      timelineDrawnMedianMs: median(timeline),
      jsGzipBytes: size.gzip,
      jsRawBytes: size.raw,
      envelopesStored: logs.logs.reduce((n, l) => n + l.size, 0),
      incidentsNotified: incidents,
    };
  } finally {
    await browser.close();
    await seeded.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runUiBench();
  process.stdout.write(JSON.stringify(r, null, 2) + '\n');
}
