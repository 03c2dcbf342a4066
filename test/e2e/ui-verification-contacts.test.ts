/**
 * The Verification and Points-of-contact pages in real Chromium against two real nodes with a
 * channel and a few communication checks: every log's proof rows verified after re-verifying,
 * evidence with both statements to view and download, the check history and a response-time
 * chart; then A's SQLite file is tampered with behind its back and the rows turn red with the
 * reason in words; in Russian, no kind or code is left untranslated (the node's English text
 * sits only in lang="en" details). axe-core and screenshots.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { forgeLastEntry, forgeLatestCheckpoint } from '../helpers/tamper-log.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

const PINGS = 3;

/** The page's main text with the node's own English details (lang="en") and ids (.mono) cut out. */
async function translatedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type El = {
      cloneNode(deep: boolean): El;
      querySelectorAll(s: string): { remove(): void }[];
      textContent: string;
    };
    const d = (globalThis as unknown as { document: { querySelector(s: string): El } }).document;
    const main = d.querySelector('main').cloneNode(true);
    for (const e of main.querySelectorAll('[lang="en"], .mono, pre')) e.remove();
    return main.textContent;
  });
}

/** What must not show through in Russian: error codes, raw kinds, English result words and units. */
function assertNoEnglishWords(text: string, where: string): void {
  assert.doesNotMatch(text, /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/, `an untranslated code on ${where}`);
  for (const w of [
    'inconsistent-checkpoint',
    'verified',
    'failed',
    'answered',
    'not applicable',
    'Checkpoint',
  ])
    assert.ok(!text.includes(w), `"${w}" untranslated on ${where}: ${text.slice(0, 400)}`);
  assert.doesNotMatch(text, /\d\s?ms\b/, `a hard-coded unit on ${where}`);
}

describeInBrowser('verification and contacts pages in Chromium', { timeout: 480_000 }, () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (locale = 'en-GB'): Promise<Page> => {
    const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(ctx);
    return ctx.newPage();
  };
  const proofRows = (page: Page, result?: string) =>
    page.locator(`[data-testid="proof-row"]${result ? `[data-result="${result}"]` : ''}`);

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Ruritania CERT', 'Freedonia CERT'], {
      channel: { name: 'Ruritania–Freedonia' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // One at a time: each ping is its own batch, so A's log gets several checkpoints.
    for (let i = 0; i < PINGS; i++) {
      await a.dialogue.ping(channel);
      await eventually(`B's receipt of ping ${i}`, async () => {
        const s = (await a.dialogue.pingStats(channel))[0];
        return s && s.answered === i + 1;
      });
    }
    await b.dialogue.ping(channel);
    await eventually('B holds A’s receipt of its ping', async () => {
      const s = (await b.dialogue.pingStats(channel))[0];
      return s && s.answered === 1;
    });
    // Evidence needs a peer that equivocates, which no honest node does; the record is put in
    // A's store as the dialogue would, with two notes of one size that disagree.
    const [cp] = await a.node.store.listCheckpoints({ channel, author: b.node.partyId }, 1);
    assert.ok(cp, 'A holds a checkpoint of B’s log');
    const forged = cp.note.replace(
      /\n([A-Za-z0-9+/]{43}=)\n/,
      '\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    );
    await a.node.store.dialogue.addEvidence({
      kind: 'inconsistent-checkpoint',
      channel,
      author: b.node.partyId,
      seq: cp.size - 1,
      first: Buffer.from(cp.note),
      second: Buffer.from(forged),
      detail: `two checkpoints of size ${cp.size} with different roots`,
      detectedAt: new Date().toISOString(),
    });
    await usersOf(a.node)!.addUser({ username: 'ana', role: 'analyst', password: PASSWORD }, 'test');
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stop?.();
  });

  it('shows verified proof rows for each log after re-verifying, and the evidence with both statements', async () => {
    const page = await newPage();
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Verification', exact: true }).click();
    assert.equal(await heading(page), 'Verification');
    await page.getByRole('button', { name: 'Re-verify everything' }).click();
    const result = page.getByTestId('rerun-result');
    await result.waitFor({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-ok'), 'true', await result.innerText());
    await settled(page);
    const logs = page.getByTestId('log-proofs');
    assert.equal(await logs.count(), 2, 'A’s own log and B’s');
    assert.equal(await proofRows(page, 'failed').count(), 0);
    for (const author of [a.node.partyId, b.node.partyId]) {
      const log = page.locator(`[data-testid="log-proofs"][data-author="${author}"]`);
      for (const check of ['signature', 'inclusion'])
        assert.equal(await log.locator(`[data-check="${check}"]`).getAttribute('data-result'), 'verified');
    }
    const own = page.locator(`[data-testid="log-proofs"][data-author="${a.node.partyId}"]`);
    assert.equal(await own.locator('[data-check="consistency"]').getAttribute('data-result'), 'verified');
    const ownText = await own.innerText();
    assert.match(ownText, /signed by Ruritania CERT/);
    assert.match(ownText, /Inclusion of entry #\d+ in the tree of size \d+\s+✓ verified/);
    assert.match(ownText, /Consistency from size \d+ to size \d+\s+✓ verified/);
    // The evidence: its kind in words, both statements readable and downloadable.
    const ev = page.getByTestId('evidence');
    assert.match(await ev.innerText(), /two checkpoints that cannot both be true/);
    await ev.getByText('View the second statement').click();
    assert.match(await ev.getByTestId('evidence-second').locator('pre').innerText(), /AAAAAAAAAA/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ev.getByRole('button', { name: 'Download the first statement' }).click(),
    ]);
    const saved = await download.path();
    assert.equal(
      readFileSync(saved, 'utf8'),
      (await a.node.store.listCheckpoints({ channel, author: b.node.partyId }, 1))[0]!.note,
    );
    await a11y(page, 'the verification page');
    await screenshot(page, 'en-verification-proofs');
  });

  it('shows the check history and a response-time chart per party', async () => {
    const page = await newPage();
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Points of contact', exact: true }).click();
    await settled(page);
    const rows = page.getByTestId('check-row');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), PINGS + 1, 'A’s pings to B and B’s one to A');
    assert.equal(await page.locator('[data-testid="check-row"][data-state="answered"]').count(), PINGS + 1);
    const table = await page.getByTestId('check-history').innerText();
    assert.match(table, /Ruritania CERT\s+Freedonia CERT\s+✓ answered in [\d,.]+ (ms|s|min)/);
    assert.match(table, /Freedonia CERT\s+Ruritania CERT/);
    const chart = page.locator(`[data-testid="response-chart"][data-party="${b.node.partyId}"]`);
    await chart.waitFor({ timeout: 30_000 });
    assert.equal(await chart.locator('svg[data-chart="response-times"] circle').count(), PINGS);
    assert.match(await chart.innerText(), new RegExp(`${PINGS} answered checks; median`));
    // Filtering by party asks the server again (the chart's own request has limit=100).
    const asked = page.waitForRequest((r) => /checks\/history\?limit=20&party=/.test(r.url()));
    await page.getByLabel('Party', { exact: true }).selectOption(b.node.partyId);
    await asked;
    await settled(page);
    assert.equal(await rows.count(), PINGS + 1);
    await a11y(page, 'the contacts page');
    await screenshot(page, 'en-contacts-checks');
  });

  it('turns rows red, in words, once A’s SQLite file is tampered with', async () => {
    const file = join(a.dataDir, 'parley.db');
    forgeLatestCheckpoint(file, a.node.partyId);
    forgeLastEntry(file, b.node.partyId);
    const page = await newPage();
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${a.url}/verification`);
    await settled(page);
    await proofRows(page).first().waitFor({ timeout: 30_000 });
    const own = page.locator(`[data-testid="log-proofs"][data-author="${a.node.partyId}"]`);
    const sig = own.locator('[data-check="signature"]');
    assert.equal(await sig.getAttribute('data-result'), 'failed');
    assert.match(await sig.innerText(), /failed: /);
    const theirs = page.locator(`[data-testid="log-proofs"][data-author="${b.node.partyId}"]`);
    const inc = theirs.locator('[data-check="inclusion"]');
    assert.equal(await inc.getAttribute('data-result'), 'failed');
    assert.match(await inc.innerText(), /failed: The proof leads to another root hash than the one signed\./);
    assert.equal(await inc.locator('[lang="en"]').count(), 1, 'the node’s English reason kept beside it');
    await page.getByRole('button', { name: 'Re-verify everything' }).click();
    const result = page.getByTestId('rerun-result');
    await result.waitFor({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-ok'), 'false');
    assert.match(await result.innerText(), /FAILED/);
    await a11y(page, 'the verification page with failures');
    await screenshot(page, 'en-verification-tampered');
  });

  it('leaves no kind or code untranslated in Russian on both pages', async () => {
    const page = await newPage('ru-RU');
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${a.url}/verification`);
    assert.equal(await heading(page), 'Проверка');
    await settled(page);
    await proofRows(page).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Перепроверить всё' }).click();
    await page.getByTestId('rerun-result').waitFor({ timeout: 60_000 });
    await settled(page);
    const ver = await translatedText(page);
    assert.match(ver, /ошибка: Доказательство ведёт к другому корневому хешу/);
    assert.match(ver, /две контрольные точки, которые не могут быть верны вместе/);
    assertNoEnglishWords(ver, 'the Russian verification page');
    await a11y(page, 'the Russian verification page');
    await screenshot(page, 'ru-verification-tampered');

    await page.goto(`${a.url}/contacts`);
    await settled(page);
    await page.getByTestId('check-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('response-chart').first().waitFor({ timeout: 30_000 });
    const con = await translatedText(page);
    assert.match(con, /ответ через [\d\s,]+ (мс|с|мин)/);
    assertNoEnglishWords(con, 'the Russian contacts page');
    await a11y(page, 'the Russian contacts page');
    await screenshot(page, 'ru-contacts-checks');
  });
});
