/**
 * The web UI in real Chromium against a real node (`parley init` with a first admin, `parley
 * user add`, `parley serve`): sign-in failure, every page for an admin with an axe-core check
 * and a screenshot, the Russian locale, and what an analyst and a viewer may do.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot, type Win } from './browser.js';
import { a11y, CHANNEL, heading, login, PAGES, settled, startUiNode } from './ui-helpers.js';

describeInBrowser('web UI in Chromium', { timeout: 480_000 }, () => {
  let node: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (locale = 'en-GB'): Promise<Page> => {
    const ctx = await browser.newContext({
      locale,
      viewport: { width: 1280, height: 860 },
      timezoneId: 'UTC',
    });
    contexts.push(ctx);
    return ctx.newPage();
  };
  before(async () => {
    node = await startUiNode();
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await node?.stop();
  });

  it('refuses a wrong password with a message, and passes axe-core on the sign-in page', async () => {
    const page = await newPage();
    await page.goto(`${node.url}/`);
    await page.waitForURL(/\/login$/);
    await a11y(page, 'the sign-in page');
    await screenshot(page, 'en-login');
    await login(page, node.url, 'admin', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match((await alert.textContent()) ?? '', /Wrong username or password/);
    await screenshot(page, 'en-login-failed');
    assert.equal(page.url(), `${node.url}/login`);
  });

  it('lets an admin reach every page, each passing axe-core', async () => {
    const page = await newPage();
    await login(page, node.url, 'admin');
    await page.waitForURL(/\/overview$/);
    for (const p of PAGES) {
      const nav = 'navEn' in p ? p.navEn : p.en;
      await page.getByRole('navigation').getByRole('link', { name: nav, exact: true }).click();
      await page.waitForURL(new RegExp(`${p.path}$`));
      assert.equal(await heading(page), p.en);
      await settled(page);
      assert.equal(
        await page
          .getByRole('navigation')
          .getByRole('link', { name: nav, exact: true })
          .getAttribute('aria-current'),
        'page',
      );
      assert.equal(
        await page.locator('.notice-error').count(),
        0,
        `an error on ${p.path}: ${await page.locator('main').innerText()}`,
      );
      await a11y(page, p.path);
      await screenshot(page, `en-${p.name}`);
    }
    // What exists today is shown; what does not is said so.
    await page.goto(`${node.url}/verification`);
    await page
      .getByText(/signed at size 3/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.goto(`${node.url}/overview`);
    await page.waitForFunction(
      () => (globalThis as unknown as Win).document.body.dataset.overview === 'drawn',
      undefined,
      { timeout: 30_000 },
    );
    assert.match(await page.locator('main').innerText(), /CERT of Ruritania/);
    await page.goto(`${node.url}/channels/${CHANNEL}`);
    assert.equal(await heading(page), 'Channels');
    await settled(page);
    await a11y(page, 'a channel');
    await screenshot(page, 'en-channel');
  });

  it('works by keyboard: skip link, then the navigation', async () => {
    const page = await newPage();
    await login(page, node.url, 'admin');
    await page.waitForURL(/\/overview$/);
    // A fresh load: nothing has moved the focus yet, so the first Tab reaches the skip link.
    await page.goto(`${node.url}/overview`);
    await heading(page);
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.textContent),
      'Skip to content',
    );
    await page.locator('nav a', { hasText: 'Verification' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/verification$/);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.tagName),
      'H1',
    );
  });

  it('switches to Russian: every page in Russian, dates and numbers in Russian forms', async () => {
    const page = await newPage();
    await login(page, node.url, 'admin');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('language').first().selectOption('ru');
    assert.equal(await heading(page), 'Обзор');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.lang),
      'ru',
    );
    for (const p of PAGES) {
      await page.getByRole('navigation').getByRole('link', { name: p.ru, exact: true }).click();
      await page.waitForURL(new RegExp(`${p.path}$`));
      assert.equal(await heading(page), p.ru);
      await settled(page);
      const text = await page.locator('body').innerText();
      for (const english of ['Loading', 'Sign out', 'Not available yet', 'Verification', 'Settings'])
        assert.ok(!text.includes(english), `"${english}" left in English on ${p.path}`);
      await a11y(page, `${p.path} (ru)`);
      await screenshot(page, `ru-${p.name}`);
    }
    const sample = await page.locator('main').innerText();
    assert.match(sample, /1 мар\. 2026 г\./, 'a Russian date');
    assert.match(sample, /1\s234\s567,89/, 'a Russian number');
    await page.reload();
    assert.equal(await heading(page), 'Настройки', 'the choice survives a reload');
  });

  it('gives an analyst the report form but not user management', async () => {
    const page = await newPage();
    await login(page, node.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${node.url}/report`);
    await page.getByTestId('report-form').waitFor();
    assert.equal(await page.getByTestId('send-incident').count(), 1);
    await page.goto(`${node.url}/settings`);
    await page.getByTestId('users-forbidden').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
    assert.equal(status, 403);
  });

  it('keeps a viewer away from send and admin actions, in the UI and in the API', async () => {
    const page = await newPage();
    await login(page, node.url, 'vic');
    await page.waitForURL(/\/overview$/);
    assert.match(await page.getByTestId('who').innerText(), /vic \(viewer\)/);
    await page.goto(`${node.url}/report`);
    await page.getByTestId('report-forbidden').waitFor();
    assert.equal(await page.getByTestId('send-incident').count(), 0);
    assert.equal(await page.getByTestId('report-form').count(), 0);
    await page.goto(`${node.url}/settings`);
    await page.getByTestId('users-forbidden').waitFor();
    await screenshot(page, 'en-settings-viewer');
    const r = await page.evaluate(async () => {
      const csrf = decodeURIComponent(
        (globalThis as unknown as Win).document.cookie
          .split('; ')
          .find((c) => c.startsWith('parley_csrf='))
          ?.slice(12) ?? '',
      );
      const list = await fetch('/api/v1/users');
      const create = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ username: 'mallory', role: 'admin', password: 'mallory-password' }),
      });
      return [list.status, create.status, ((await create.json()) as { code: string }).code];
    });
    assert.deepEqual(r, [403, 403, 'ROLE_FORBIDDEN']);
  });

  it('lets an admin create a user from the settings page, then sign out', async () => {
    const page = await newPage();
    await login(page, node.url, 'admin');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${node.url}/settings`);
    await page.getByLabel('Username', { exact: true }).fill('duty2');
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByLabel('Initial password').fill('duty2-password-xyz');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('User duty2 created.').waitFor();
    await page.getByRole('rowheader', { name: 'duty2' }).waitFor();
    await page.getByText('user.create').first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    assert.equal(me, 401);
  });
});
