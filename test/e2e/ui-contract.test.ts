/**
 * The pages that show the dialogue and threat-level routes, rendered from a week of responses
 * in those routes' shapes (dialogue-api-fixtures.ts, answered inside the browser): threat levels side by side with the trend chart, open requests with countdowns,
 * alarms, channels, a timeline with verification states in words, and sending a report.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { dialogueFixtures } from './dialogue-api-fixtures.js';
import { a11y, heading, login, settled, startUiNode } from './ui-helpers.js';

describeInBrowser(
  'web UI with a week of dialogue (API answered in the browser)',
  { timeout: 360_000 },
  () => {
    let node: { url: string; stop: () => Promise<void> };
    let browser: Browser;
    let page: Page;
    const fx = dialogueFixtures();
    const posted: { path: string; body: unknown }[] = [];
    before(async () => {
      node = await startUiNode();
      browser = await launchChromium();
      const ctx = await browser.newContext({
        locale: 'en-GB',
        viewport: { width: 1280, height: 860 },
        timezoneId: 'UTC',
      });
      page = await ctx.newPage();
      await page.route('**/api/v1/**', async (route: Route) => {
        const url = new URL(route.request().url());
        const path = decodeURIComponent(url.pathname);
        if (
          route.request().method() === 'POST' &&
          /^\/api\/v1\/channels\/[^/]+\/(incidents|ping|items\/[0-9a-f]{64}\/response)$/.test(path)
        ) {
          posted.push({ path, body: route.request().postDataJSON() });
          return route.fulfill({
            status: 201,
            contentType: 'application/json',
            body: JSON.stringify({ hash: 'e'.repeat(64), seq: 8 + posted.length, kind: 'request' }),
          });
        }
        const body = fx.routes[path];
        if (body === undefined || route.request().method() !== 'GET') return route.continue();
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
      });
      await login(page, node.url, 'ana');
      await page.waitForURL(/\/overview$/);
    });
    after(async () => {
      await browser?.close();
      await node?.stop();
    });

    it('draws the overview: levels side by side, trend, countdowns, alarms', async () => {
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body
            .dataset.overview === 'drawn',
      );
      await settled(page);
      const main = await page.locator('main').innerText();
      assert.match(main, /3 High/);
      assert.match(main, /Borduria NCSC: 2 Medium/, 'the published level beside the computed one');
      assert.match(main, /set by sector us-financial-services: peak 71, correlation \+4/);
      assert.match(main, /OVERDUE — the deadline passed 6 hours ago/);
      assert.match(main, /— in 20 hours/);
      // The alarm's kind in the reader's words; the node's English message beside it.
      assert.match(main, /Critical: /);
      assert.match(main, /Response to a request for assistance is overdue/);
      assert.equal(await page.locator('svg[data-chart="threat-trend"]').count(), 1);
      assert.match(
        (await page.locator('svg[data-chart="threat-trend"] desc').textContent()) ?? '',
        /latest level 3 High/,
      );
      await page.getByText('Incidents behind this level').first().click();
      await page
        .getByText(/DDoS on the national payment switch — 58 points \(score 71, 58 after decay\)/)
        .waitFor();
      assert.match(await page.locator('main').innerText(), /touches designated infrastructure \(1\)/);
      await a11y(page, 'the overview with data');
      await screenshot(page, 'contract-overview');
    });

    it('lists channels and shows a timeline with verification states in words', async () => {
      await page.getByRole('navigation').getByRole('link', { name: 'Channels', exact: true }).click();
      await page.getByRole('link', { name: 'Ruritania ⇄ Borduria' }).click();
      await page.waitForURL(/\/channels\/channel--/);
      await settled(page);
      const main = await page.locator('main').innerText();
      assert.match(main, /Signature: verified/);
      assert.match(main, /Receipt: OVERDUE/);
      assert.match(main, /Signature: FAILED/);
      assert.match(main, /Receipt: received/);
      await a11y(page, 'a channel timeline');
      await screenshot(page, 'contract-channel');
      await page.getByTestId('language').first().selectOption('ru');
      assert.match(await page.locator('main').innerText(), /Подпись: проверено/);
      assert.match(await page.locator('main').innerText(), /уведомление об инциденте/);
      await screenshot(page, 'contract-channel-ru');
      await page.getByTestId('language').first().selectOption('en');
    });

    it('lets an analyst answer a request and send a communication check', async () => {
      await page.getByRole('button', { name: 'Respond' }).first().click();
      await page.getByLabel('Answer').selectOption('partial');
      await page
        .getByLabel('Text of the response')
        .fill('Filtering at the IXP since 14:00 UTC; attribution data follows.');
      await page.getByRole('button', { name: 'Sign and send the response' }).click();
      await page
        .getByText(/Signed and sent \(#\d+\)\./)
        .first()
        .waitFor();
      const answer = posted.find((p) => p.path.endsWith('/response'));
      assert.ok(answer?.path.includes(`/items/${'c'.repeat(64)}/response`));
      assert.deepEqual(answer?.body, {
        status: 'partial',
        text: 'Filtering at the IXP since 14:00 UTC; attribution data follows.',
      });
      await page.getByTestId('ping').click();
      await page
        .locator('.actions')
        .filter({ has: page.getByTestId('ping') })
        .getByText(/Signed and sent/)
        .waitFor();
      assert.ok(posted.some((p) => p.path.endsWith('/ping')));
      await a11y(page, 'a channel with the response form');
      await screenshot(page, 'contract-channel-respond');
      posted.length = 0;
    });

    it('sends an incident report in the template shape', async () => {
      await page.getByRole('navigation').getByRole('link', { name: 'Report incident', exact: true }).click();
      assert.equal(await heading(page), 'Report an incident');
      await page.getByLabel('Channel').selectOption({ label: 'Ruritania ⇄ Borduria' });
      await page.getByLabel('Urgent').check();
      await page
        .getByLabel('Description of the ICT incident')
        .fill('Spear-phishing against two grid operators since 06:00 UTC.');
      await page.getByLabel('Affected sectors').fill('us-energy, ru-energy');
      await page.getByLabel('Sending State', { exact: true }).fill('xru');
      await page.getByLabel('Receiving State', { exact: true }).fill('XBD');
      await page.getByLabel('Recipient POC type', { exact: true }).selectOption('diplomatic');
      await page.getByLabel('Handling (TLP)').selectOption('TLP:AMBER+STRICT');
      await page.getByTestId('send-incident').click();
      await page.getByText('Sent.', { exact: true }).waitFor();
      assert.equal(posted.length, 1);
      // The STIX bundle beside the template is the report form's own test (ui-incident.test.ts).
      const { bundle, ...template } = posted[0]!.body as { bundle?: { objects: { type: string }[] } };
      assert.ok(
        bundle?.objects.some((o) => o.type === 'incident'),
        'the bundle carries the incident',
      );
      assert.deepEqual(template, {
        // Typed in lower case, sent as ISO 3166-1 alpha-3 wants it.
        sender_state: 'XRU',
        sender_poc_role: 'technical',
        recipient_state: 'XBD',
        recipient_poc_role: 'diplomatic',
        communication_type: 'incident_notification',
        urgency: 'urgent',
        incident_description: 'Spear-phishing against two grid operators since 06:00 UTC.',
        affected_sectors: ['us-energy', 'ru-energy'],
        requested_action: '',
        handling: 'TLP:AMBER+STRICT',
        acknowledgement_requested: true,
      });
      await a11y(page, 'the report form');
      await screenshot(page, 'contract-report');
    });

    it('shows the directory with communication checks', async () => {
      await page
        .getByRole('navigation')
        .getByRole('link', { name: 'Points of contact', exact: true })
        .click();
      await settled(page);
      const main = await page.locator('main').innerText();
      assert.match(main, /Borduria NCSC/);
      assert.match(main, /840 ms/);
      await a11y(page, 'the directory');
      await screenshot(page, 'contract-contacts');
    });
  },
);
