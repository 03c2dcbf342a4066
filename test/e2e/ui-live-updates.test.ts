/**
 * Live updates in real Chromium against two real nodes on 127.0.0.1: with A's pages open, B's
 * node sends over HTTP and A's pages show it without a reload — a note on the channel timeline,
 * a request in the overview's open items, an invitation in Settings → Channels. A hidden tab
 * stops polling and catches up when shown again. The page is never reloaded: a mark set in the
 * page before B sends must still be there after.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

/**
 * What the test reads and sets inside the page (the test program has no DOM lib). Callbacks passed
 * to page.evaluate run in the page, so each names `globalThis` itself.
 */
interface LiveWin {
  parleyMark?: string;
}

describeInBrowser('live updates in Chromium', { timeout: 300_000 }, () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  /** Marks the page; `unreloaded` fails if the page was loaded again since. */
  const mark = (p: Page, m: string) =>
    p.evaluate((v) => void ((globalThis as unknown as LiveWin).parleyMark = v), m);
  const unreloaded = async (p: Page, m: string) =>
    assert.equal(
      await p.evaluate(() => (globalThis as unknown as LiveWin).parleyMark),
      m,
      'the page was not reloaded',
    );
  /** Headless Chromium never hides a tab by itself: tell the page, as a browser would. */
  const setHidden = (p: Page, hidden: boolean) =>
    p.evaluate(
      `Object.defineProperty(document, 'hidden', { configurable: true, value: ${hidden} });
         document.dispatchEvent(new Event('visibilitychange'));`,
    );
  const nav = (p: Page, name: string) =>
    p.getByRole('navigation').getByRole('link', { name, exact: true }).click();

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Ruritania CERT', 'Freedonia CERT'], {
      channel: { name: 'Ruritania–Freedonia' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    await usersOf(a.node)!.addUser({ username: 'root', role: 'admin', password: PASSWORD }, 'test');
    browser = await launchChromium();
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    contexts.push(ctx);
    page = await ctx.newPage();
    await login(page, a.url, 'root');
    await page.waitForURL(/\/overview$/);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stop?.();
  });

  it("shows a peer's note on the open timeline without a reload", async () => {
    await nav(page, 'Channels');
    await page.getByRole('link', { name: 'Ruritania–Freedonia' }).click();
    await page.waitForURL(/\/channels\/channel--/);
    await settled(page);
    await page.getByTestId('live-state').filter({ hasText: 'Live updates on' }).waitFor();
    await mark(page, 'timeline');
    const text = 'Scanning from 203.0.113.7 against the payment switch';
    assert.equal(await page.locator('li[data-kind="note"]').filter({ hasText: text }).count(), 0);

    await b.dialogue.send(channel, { kind: 'note', body: { text } });
    const note = page.locator('li[data-kind="note"]').filter({ hasText: text });
    await note.waitFor({ timeout: 60_000 });
    assert.match(await note.innerText(), /Freedonia CERT/);
    await unreloaded(page, 'timeline');
    await a11y(page, 'a timeline that updated itself');
    await screenshot(page, 'live-timeline');
  });

  it("shows a peer's request in the overview's open items without a reload", async () => {
    await nav(page, 'Overview');
    assert.equal(await heading(page), 'Overview');
    await settled(page);
    await mark(page, 'overview');
    const subject = 'Logs of the payment switch for 1 March, please';
    await b.dialogue.send(channel, {
      kind: 'request',
      body: { request_type: 'information', subject, text: 'Firewall and VPN logs, 00:00-06:00 UTC.' },
    });
    await page.getByRole('link', { name: subject }).waitFor({ timeout: 60_000 });
    await unreloaded(page, 'overview');
  });

  it('shows a new invitation in Settings → Channels without a reload', async () => {
    await nav(page, 'Settings');
    assert.equal(await heading(page), 'Settings');
    await settled(page);
    await mark(page, 'settings');
    const name = 'Freedonia–Ruritania exercise';
    const { channel: second } = await b.dialogue.invite({ name, peers: [a.url] });
    const row = page.locator(`tr[data-channel="${second}"][data-state="invited"]`);
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), /invitation awaiting acceptance/);
    await unreloaded(page, 'settings');
  });

  it('stops polling while the tab is hidden and catches up when it is shown', async () => {
    await nav(page, 'Channels');
    await page.getByRole('link', { name: 'Ruritania–Freedonia' }).click();
    await settled(page);
    await mark(page, 'hidden');
    await setHidden(page, true);
    await page.getByTestId('live-state').filter({ hasText: 'paused while the tab is hidden' }).waitFor({
      timeout: 60_000,
    });
    let polls = 0;
    const count = (r: { url(): string }) => void (r.url().includes('/api/v1/changes') && polls++);
    page.on('request', count);
    const text = 'Sent while the tab was hidden';
    await b.dialogue.send(channel, { kind: 'note', body: { text } });
    await eventually('A holds the note', async () =>
      (await a.node.store.dialogue.listTimeline(channel, 5)).some((r) => r.summary === text),
    );
    assert.equal(polls, 0, 'no poll while hidden');
    page.off('request', count);
    await setHidden(page, false);
    await page.locator('li[data-kind="note"]').filter({ hasText: text }).waitFor({ timeout: 60_000 });
    await page.getByTestId('live-state').filter({ hasText: 'Live updates on' }).waitFor();
    await unreloaded(page, 'hidden');
  });
});
