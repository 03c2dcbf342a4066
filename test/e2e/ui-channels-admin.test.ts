/**
 * Settings → Channels in real Chromium against two real nodes: A's administrator invites B from
 * the panel, B's administrator accepts from B's panel, both panels show the channel active; the
 * leave step asks for an explicit confirmation first. axe-core and a screenshot.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, startNodes, type TestNode } from '../helpers/nodes.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

const NAME = 'Ruritania–Freedonia admin channel';

describeInBrowser('channel management in Settings in Chromium', { timeout: 300_000 }, () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const settingsOf = async (url: string): Promise<Page> => {
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await login(page, url, 'root');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    assert.equal(await heading(page), 'Settings');
    await settled(page);
    return page;
  };
  const row = (page: Page) => page.getByTestId('channels-admin').locator('tr[data-channel]');

  before(async () => {
    const started = await startNodes(['Ruritania CERT', 'Freedonia CERT']);
    stop = started.stop;
    [a, b] = started.nodes as [TestNode, TestNode];
    for (const n of [a, b])
      await usersOf(n.node)!.addUser({ username: 'root', role: 'admin', password: PASSWORD }, 'test');
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stop?.();
  });

  it('A invites B from the panel, B accepts from its panel, both show the channel active', async () => {
    const pa = await settingsOf(a.url);
    const panel = pa.getByTestId('channels-admin');
    await panel.getByLabel('Channel name').fill(NAME);
    await panel.getByLabel('Peer node URLs, one per line').fill(b.url);
    await panel.getByLabel('Receipt deadline (hours)').fill('0.5');
    await panel.getByLabel('Response time (hours)').fill('24');
    await panel.getByLabel('TLP ceiling').selectOption('TLP:GREEN');
    await a11y(pa, 'Settings with the channel form filled');
    await panel.getByRole('button', { name: 'Send the invitation' }).click();
    await pa.getByTestId('chadmin-done').waitFor();
    const channel = (await row(pa).first().getAttribute('data-channel'))!;
    assert.match(channel, /^channel--/);
    const policy = JSON.parse((await a.dialogue.channels()).find((c) => c.id === channel)!.policy);
    assert.equal(policy.receipt_deadline_s, 1800);
    assert.equal(policy.response_time_s, 86_400);
    assert.equal(policy.tlp_ceiling, 'TLP:GREEN');

    await eventually('B holds the invitation', async () =>
      (await b.dialogue.channels()).find((c) => c.id === channel),
    );
    const pb = await settingsOf(b.url);
    const invited = row(pb).filter({ hasText: NAME });
    assert.equal(await invited.getAttribute('data-state'), 'invited');
    assert.match(await invited.innerText(), /invitation awaiting acceptance/);
    await a11y(pb, 'Settings with an invitation awaiting acceptance');
    await invited.getByRole('button', { name: `Accept the invitation to ${NAME}` }).click();
    await pb.getByTestId('chadmin-done').waitFor();
    await pb.locator(`tr[data-channel="${channel}"][data-state="active"]`).waitFor();

    await eventually('A sees B accepted', async () =>
      (await a.dialogue.members(channel)).every((m) => m.state === 'accepted'),
    );
    await pa.reload();
    await settled(pa);
    const activeA = pa.locator(`tr[data-channel="${channel}"][data-state="active"]`);
    await activeA.waitFor();
    assert.match(await activeA.innerText(), /Freedonia CERT \(accepted\)/);
    assert.match(await activeA.innerText(), /\bactive\b/);

    // Leaving asks first: the final button stays disabled until the confirmation is ticked.
    const rowB = pb.locator(`tr[data-channel="${channel}"]`);
    await rowB.getByRole('button', { name: `Leave ${NAME}…` }).click();
    const leaveNow = rowB.getByRole('button', { name: `Leave ${NAME} now` });
    assert.equal(await leaveNow.isDisabled(), true);
    await rowB.getByLabel(`Reason for leaving ${NAME} (optional)`).fill('exercise over');
    await rowB.getByLabel(/^I understand that leaving/).focus();
    await pb.keyboard.press('Space');
    assert.equal(await leaveNow.isDisabled(), false);
    await a11y(pb, 'Settings with the leave confirmation');
    await screenshot(pb, 'settings-channels-admin');
    await rowB.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await leaveNow.count(), 0);
    assert.equal(await rowB.getAttribute('data-state'), 'active');
    await screenshot(pa, 'settings-channels-admin-a');
  });
});
