/**
 * Reporting an incident with NCISS answers and reading it back, in real Chromium against two real
 * nodes with a channel between them: the live score follows the answers, the STIX preview holds the
 * incident with Parley's scoring extension, the deadline is read in the user's own time zone, the
 * threat level rises on both sides, and the incident page explains the score (given vs derived)
 * and names the designation entry matched; axe-core and screenshots in English and Russian.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { designateFoodAcknowledged } from '../helpers/threat-nodes.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

const EXTENSION = 'extension-definition--39355ea9-6ee9-475e-8e97-1fecade7de1c';
// UTC+10 all year: a deadline typed as 12:00 must leave as 02:00 UTC, not 12:00 UTC.
const ZONE = 'Asia/Vladivostok';

describeInBrowser('incident reporting in Chromium', { timeout: 480_000 }, () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let browser: Browser;
  let incidentUrl = '';
  const contexts: BrowserContext[] = [];
  const newPage = async (locale = 'en-GB'): Promise<Page> => {
    const ctx = await browser.newContext({
      locale,
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    });
    contexts.push(ctx);
    return ctx.newPage();
  };
  const level = async (n: TestNode): Promise<number | undefined> =>
    (await n.threat!.levels(['channel'])).find((l) => l.scope.id === channel)?.level;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Ruritania CERT', 'Freedonia CERT'], {
      channel: { name: 'Ruritania–Freedonia' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // A names its food sector as critical; B acknowledges, so both sides match against it.
    await designateFoodAcknowledged(a, b, channel);
    for (const n of [a, b])
      await usersOf(n.node)!.addUser({ username: 'ana', role: 'analyst', password: PASSWORD }, 'test');
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stop?.();
  });

  it('reports with NCISS answers: live score, STIX preview, local deadline, then the level rises', async () => {
    assert.equal(await level(a), undefined, 'no level before the report');
    const page = await newPage();
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Report incident', exact: true }).click();
    assert.equal(await heading(page), 'Report an incident');
    await page.getByTestId('nciss-inputs').waitFor({ timeout: 30_000 });
    await page.getByLabel('Channel', { exact: true }).selectOption(channel);
    await page
      .getByLabel('Description of the ICT incident')
      .fill('Ransomware at Meat Co processing plant\nFiles encrypted on the business network.');
    await page.getByLabel('Affected sectors').fill('us-food-and-agriculture');
    await page.getByLabel('Sending State', { exact: true }).fill('XRU');
    await page.getByLabel('Receiving State', { exact: true }).fill('XFR');
    await page.getByLabel('Victim organisation').fill('Meat Co');
    await page.getByLabel('Victim sector (STIX industry sector)').selectOption('agriculture');
    const score = page.getByTestId('score-value');
    await score.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const d = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dataset: Record<string, string> } | null };
        }
      ).document;
      return d.querySelector('[data-testid="live-score"]')?.dataset.state === 'ok';
    });
    const before = await score.innerText();
    await page
      .getByLabel('Functional Impact', { exact: true })
      .selectOption('denial-of-critical-services-or-loss-of-control');
    await page.waitForFunction((old) => {
      const d = (
        globalThis as unknown as {
          document: {
            querySelector(s: string): { textContent: string | null; dataset: Record<string, string> } | null;
          };
        }
      ).document;
      return (
        d.querySelector('[data-testid="live-score"]')?.dataset.state === 'ok' &&
        d.querySelector('[data-testid="score-value"]')?.textContent !== old
      );
    }, before);
    const afterText = await score.innerText();
    assert.notEqual(afterText, before, 'the live score follows the answer');
    for (const [label, option] of [
      ['Observed Activity', 'effect'],
      ['Actor Characterization', 'criminal'],
      ['Potential Impact', 'moderate'],
    ] as const)
      await page.getByLabel(label, { exact: true }).selectOption(option);
    await page.waitForFunction(() => {
      const d = (
        globalThis as unknown as {
          document: { querySelector(s: string): { dataset: Record<string, string> } | null };
        }
      ).document;
      return d.querySelector('[data-testid="live-score"]')?.dataset.state === 'ok';
    });
    const table = await page.getByTestId('score-table').innerText();
    assert.match(
      table,
      /Functional Impact\s+Denial of Critical Services or Loss of Control\s+given by the sender/,
    );
    assert.match(
      table,
      /Cross-Sector Dependency\s+Agriculture and Food\s+derived/,
      'derived from the victim sector',
    );
    assert.match(
      await page.getByTestId('score-notional').innerText(),
      /notional demo configuration.*not a CISA figure/,
    );
    // The preview: the incident with Parley's scoring extension, the victim, the TLP marking.
    const preview = page.getByTestId('stix-preview');
    assert.equal(await preview.locator('tr[data-stix-type="incident"]').count(), 1);
    assert.equal(await preview.locator('tr[data-stix-type="identity"]').count(), 1);
    assert.equal(await preview.locator('tr[data-stix-type="marking-definition"]').count(), 1);
    await preview.getByText('The bundle as JSON').click();
    const json = JSON.parse(await page.getByTestId('stix-json').innerText()) as {
      objects: Record<string, unknown>[];
    };
    const inc = json.objects.find((o) => o.type === 'incident')!;
    const ext = (inc.extensions as Record<string, { inputs: Record<string, string>; model_id: string }>)[
      EXTENSION
    ]!;
    assert.equal(ext.model_id, 'nciss-demo-notional');
    assert.equal(ext.inputs.functional_impact, 'denial-of-critical-services-or-loss-of-control');
    assert.equal(
      ext.inputs.cross_sector_dependency,
      undefined,
      'a derived category is not sent as an answer',
    );
    assert.deepEqual(inc.object_marking_refs, ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    // The deadline in the user's own time (UTC+10).
    await page.getByLabel('Requested response deadline (your local time)').fill('2030-01-15T12:00');
    assert.match(
      await page.getByTestId('r-deadline-hint').innerText(),
      /Asia\/Vladivostok.*2030-01-15 02:00 UTC/,
    );
    await a11y(page, 'the report form, filled in');
    await screenshot(page, 'en-report-scored');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/incidents'));
    await page.getByTestId('send-incident').click();
    const body = (await posted).postDataJSON() as {
      response_deadline: string;
      bundle: { objects: { type: string }[] };
    };
    assert.equal(body.response_deadline, '2030-01-15T02:00:00.000Z');
    assert.ok(body.bundle.objects.some((o) => o.type === 'incident'));
    await page.getByRole('link', { name: 'Open the incident' }).waitFor({ timeout: 30_000 });
    // Both sides score it with the sender's answers, and the level rises on both.
    for (const n of [a, b]) assert.ok(((await eventually('the level rises', () => level(n))) ?? 0) >= 2);
    await page.getByRole('link', { name: 'Open the incident' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f]{64}$/);
    incidentUrl = new URL(page.url()).pathname;
    assert.equal(await heading(page), 'Incident');
    await page.getByTestId('score-table').waitFor({ timeout: 30_000 });
    await settled(page);
    const main = await page.locator('main').innerText();
    assert.match(main, /raised to/, 'escalated for designated infrastructure');
    assert.match(main, /The sender stated score/);
    // Party names come from their own request: until it answers, the row shows the party id.
    await page.getByTestId('designated-applied').filter({ hasText: 'Ruritania CERT' }).waitFor();
    const applied = await page.getByTestId('designated-applied').innerText();
    assert.match(applied, /Ruritania CERT/);
    assert.match(applied, /us-food-and-agriculture/);
    assert.match(
      await page.getByTestId('related-objects').innerText(),
      /identity\s+Meat Co[\s\S]*linked: targets/,
    );
    await a11y(page, 'the incident page');
    await screenshot(page, 'en-incident');
  });

  it('reaches the incident from the overview’s threat panel and from the channel timeline, on the other side too', async () => {
    assert.ok(incidentUrl, 'the first test reported an incident');
    const page = await newPage();
    await login(page, b.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByText('Incidents behind this level').first().click();
    await page.getByRole('link', { name: 'Ransomware at Meat Co processing plant' }).first().click();
    await page.waitForURL(/\/incidents\//);
    assert.equal(new URL(page.url()).pathname, incidentUrl, 'the same envelope hash on both nodes');
    await page.getByTestId('designated-applied').waitFor({ timeout: 30_000 });
    await page.goto(`${b.url}/channels/${channel}`);
    await page.getByRole('link', { name: 'Incident details' }).first().click();
    await page.waitForURL(/\/incidents\//);
    await page.getByTestId('score-table').waitFor({ timeout: 30_000 });
  });

  it('shows the form and the incident in Russian, passing axe-core', async () => {
    const page = await newPage('ru-RU');
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('language').first().selectOption('ru');
    await page.goto(`${a.url}/report`);
    assert.equal(await heading(page), 'Сообщить об инциденте');
    await page.getByTestId('nciss-inputs').waitFor({ timeout: 30_000 });
    await page
      .getByLabel('Функциональное воздействие', { exact: true })
      .selectOption('denial-of-non-critical-services');
    await page.getByTestId('score-value').waitFor({ timeout: 30_000 });
    const text = await page.locator('main').innerText();
    assert.match(text, /Оценка .* из 100 — уровень/);
    assert.match(text, /условной демонстрационной конфигурации CISA/);
    for (const english of ['Loading', 'Live score', 'given by the sender', 'Functional Impact', 'Not given'])
      assert.ok(!text.includes(english), `"${english}" left in English on the report form`);
    await a11y(page, 'the report form (ru)');
    await screenshot(page, 'ru-report-scored');
    await page.goto(`${a.url}${incidentUrl}`);
    assert.equal(await heading(page), 'Инцидент');
    await page.getByTestId('score-table').waitFor({ timeout: 30_000 });
    await settled(page);
    assert.match(await page.locator('main').innerText(), /Объявленная критическая инфраструктура/);
    await a11y(page, 'the incident page (ru)');
    await screenshot(page, 'ru-incident');
  });
});
