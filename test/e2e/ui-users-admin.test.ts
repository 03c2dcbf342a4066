/**
 * Settings → Users in real Chromium against a real node: an administrator changes an analyst's
 * role (which the analyst's open session follows), disables a viewer (who can no longer sign
 * in) and enables them again, and is refused, in words, when demoting the last administrator;
 * every change is in the audit trail. axe-core, Russian, screenshots.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, settled, startUiNode } from './ui-helpers.js';

describeInBrowser('changing users in Settings in Chromium', { timeout: 300_000 }, () => {
  let node: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const signedIn = async (username: string, path = '/overview'): Promise<Page> => {
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await login(page, node.url, username);
    await page.waitForURL(/\/overview$/);
    if (path !== '/overview') await page.goto(`${node.url}${path}`);
    await settled(page);
    return page;
  };
  const row = (page: Page, username: string) =>
    page.getByTestId('users-admin').locator(`tr[data-user="${username}"]`);

  before(async () => {
    node = await startUiNode();
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await node?.stop();
  });

  it("changes an analyst's role; the analyst's open session follows", async () => {
    const ana = await signedIn('ana');
    assert.match(await ana.getByTestId('who').innerText(), /ana \(analyst\)/);
    const admin = await signedIn('admin', '/settings');
    assert.equal(await heading(admin), 'Settings');
    await admin.getByLabel('Role of ana', { exact: true }).selectOption('viewer');
    await a11y(admin, 'Settings → Users with a role about to be saved');
    await admin.getByRole('button', { name: 'Save role of ana' }).click();
    await admin.getByTestId('users-done').filter({ hasText: 'ana is now viewer.' }).waitFor();
    await admin.locator('tr[data-user="ana"][data-role="viewer"]').waitFor();
    assert.equal(await admin.getByRole('button', { name: 'Save role of ana' }).count(), 0);

    await ana.goto(`${node.url}/report`);
    await ana.getByTestId('report-forbidden').waitFor();
    assert.match(await ana.getByTestId('who').innerText(), /ana \(viewer\)/);
  });

  it('disables a viewer, who cannot sign in, then enables them again', async () => {
    const vic = await signedIn('vic');
    const admin = await signedIn('admin', '/settings');
    await admin.getByRole('button', { name: 'Disable vic' }).click();
    await admin.getByTestId('users-done').filter({ hasText: 'vic is disabled' }).waitFor();
    await admin.locator('tr[data-user="vic"][data-disabled="true"]').waitFor();
    assert.match(await row(admin, 'vic').innerText(), /disabled/);
    await a11y(admin, 'Settings → Users with a disabled account');
    await screenshot(admin, 'settings-users-disabled');

    // vic's open page ends its session at the next request; a new sign-in is refused.
    await vic.reload();
    await vic.waitForURL(/\/login$/);
    await login(vic, node.url, 'vic');
    const alert = vic.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.innerText()) ?? '', /Wrong username or password/);

    await admin.getByRole('button', { name: 'Enable vic' }).click();
    await admin.locator('tr[data-user="vic"][data-disabled="false"]').waitFor();
    await login(vic, node.url, 'vic');
    await vic.waitForURL(/\/overview$/);
    // The administrator has no Disable button for their own account.
    assert.equal(await admin.getByRole('button', { name: 'Disable admin' }).count(), 0);
  });

  it('refuses to demote the last administrator, saying why, in English and Russian', async () => {
    const admin = await signedIn('admin', '/settings');
    await admin.getByLabel('Role of admin', { exact: true }).selectOption('analyst');
    await admin.getByRole('button', { name: 'Save role of admin' }).click();
    const alert = admin.getByTestId('users-admin').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /only enabled administrator: make another account administrator/);
    assert.equal(await row(admin, 'admin').getAttribute('data-role'), 'admin');
    assert.match(await admin.getByTestId('who').innerText(), /admin \(administrator\)/);
    await a11y(admin, 'Settings → Users refusing to demote the last administrator');
    await screenshot(admin, 'settings-users-last-admin');

    await admin.getByTestId('language').first().selectOption('ru');
    await admin.getByRole('button', { name: 'Сохранить роль пользователя admin' }).click();
    await admin
      .getByTestId('users-admin')
      .getByRole('alert')
      .filter({ hasText: 'Это единственный действующий администратор' })
      .waitFor();
    await a11y(admin, 'Settings → Users in Russian');
    await screenshot(admin, 'ru-settings-users-last-admin');
    await admin.getByTestId('language').first().selectOption('en');
  });

  it('records every change in the audit trail', async () => {
    const admin = await signedIn('admin', '/settings');
    const audit = admin.locator('table').filter({ hasText: 'Action' });
    for (const action of ['user.role', 'user.disable', 'user.enable'])
      await audit.getByText(action, { exact: true }).first().waitFor();
  });
});
