/**
 * Observables and Russian names in real Chromium, against two real nodes with a channel and an
 * acknowledged designation of Meat Co (198.51.100.0/24): an analyst reports an incident with an
 * address in that range — a bad value is said next to it and blocks sending, the STIX preview holds
 * the ipv4-addr (its deterministic id), the observed-data and its tie to the incident — and the
 * incident page names the designation entry matched by asset, on both nodes. In Russian, sector
 * names of the taxonomies and the node's derivation reasons read in Russian (nothing English left
 * outside lang="en"), on the incident, report and infrastructure pages. axe-core and screenshots.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { designateFoodAcknowledged } from '../helpers/threat-nodes.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

/** STIX 2.1 §2.9: ipv4-addr--UUIDv5(namespace, JCS({"value": …})), computed here independently. */
function scoId(type: string, contributing: string): string {
  const ns = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');
  const d = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(contributing)]))
    .digest()
    .subarray(0, 16);
  d[6] = (d[6]! & 0x0f) | 0x50;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const h = d.toString('hex');
  return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The page's main text without what is marked English (lang="en") and ids (.mono). */
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

describeInBrowser('incident observables and Russian names in Chromium', { timeout: 480_000 }, () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let browser: Browser;
  let incidentPath = '';
  const contexts: BrowserContext[] = [];
  const newPage = async (locale = 'en-GB'): Promise<Page> => {
    const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(ctx);
    return ctx.newPage();
  };

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Ruritania CERT', 'Freedonia CERT'], {
      channel: { name: 'Ruritania–Freedonia' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
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

  it('reports an address in a designated range: checked as typed, in the preview, matched by asset', async () => {
    const page = await newPage();
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${a.url}/report`);
    assert.equal(await heading(page), 'Report an incident');
    await page.getByTestId('nciss-inputs').waitFor({ timeout: 30_000 });
    await page.getByLabel('Channel', { exact: true }).selectOption(channel);
    await page.getByLabel('Description of the ICT incident').fill('C2 beacon from a Meat Co address');
    await page.getByLabel('Sending State', { exact: true }).fill('XRU');
    await page.getByLabel('Receiving State', { exact: true }).fill('XFR');
    await page.getByLabel('Victim organisation').fill('Meat Co');
    await page.getByLabel('Victim sector (STIX industry sector)').selectOption('agriculture');

    // A range with host bits set is said next to the value, and stops the sending.
    const obs = page.getByTestId('observables');
    await obs.getByLabel('Type of observable 1').selectOption('ipv4-addr');
    await obs.getByLabel('Value of observable 1').fill('198.51.100.7/24');
    assert.match(await obs.getByTestId('observable-error').innerText(), /Host bits are set/);
    await obs.getByRole('button', { name: 'Add an observable' }).click();
    await obs.getByLabel('Type of observable 2').selectOption('file-sha256');
    await obs.getByLabel('Value of observable 2').fill('abc123');
    assert.equal(await obs.getByTestId('observable-error').count(), 2);
    await page.getByTestId('send-incident').click();
    await page.getByTestId('observables-fix').waitFor();
    assert.equal(
      await page.evaluate(() =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null };
          }
        ).document.activeElement?.getAttribute('aria-invalid'),
      ),
      'true',
      'the first value to correct has the focus',
    );
    const size = (await a.node.store.getLogHead({ channel, author: a.node.partyId }))?.size;
    // Corrected: one address, one hash; a third row added and removed again.
    await obs.getByLabel('Value of observable 1').fill('198.51.100.7');
    await obs
      .getByLabel('Value of observable 2')
      .fill('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855');
    await obs.getByRole('button', { name: 'Add an observable' }).click();
    await obs.getByRole('button', { name: 'Remove observable 3' }).click();
    assert.equal(await obs.getByTestId('observable-row').count(), 2);
    assert.equal(await obs.getByTestId('observable-error').count(), 0);

    const preview = page.getByTestId('stix-preview');
    await preview.locator('tr[data-stix-type="ipv4-addr"]').waitFor();
    assert.match(await preview.locator('tr[data-stix-type="ipv4-addr"]').innerText(), /198\.51\.100\.7/);
    assert.equal(await preview.locator('tr[data-stix-type="observed-data"]').count(), 1);
    await preview.getByText('The bundle as JSON').click();
    const json = JSON.parse(await page.getByTestId('stix-json').innerText()) as {
      objects: Record<string, unknown>[];
    };
    const ip = json.objects.find((o) => o.type === 'ipv4-addr')!;
    assert.equal(ip.id, scoId('ipv4-addr', '{"value":"198.51.100.7"}'), 'a deterministic SCO id');
    const file = json.objects.find((o) => o.type === 'file')!;
    assert.deepEqual(file.hashes, {
      'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    const od = json.objects.find((o) => o.type === 'observed-data')!;
    assert.deepEqual(od.object_refs, [ip.id, file.id]);
    const incident = json.objects.find((o) => o.type === 'incident')!;
    assert.ok(
      json.objects.some(
        (o) =>
          o.type === 'relationship' &&
          o.relationship_type === 'related-to' &&
          o.source_ref === incident.id &&
          o.target_ref === od.id,
      ),
      'the observed-data is tied to the incident',
    );
    assert.equal(
      (await a.node.store.getLogHead({ channel, author: a.node.partyId }))?.size,
      size,
      'nothing was sent while a value was wrong',
    );
    await a11y(page, 'the report form with observables');
    await screenshot(page, 'en-report-observables');

    await page.getByTestId('send-incident').click();
    await page.getByRole('link', { name: 'Open the incident' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f]{64}$/);
    incidentPath = new URL(page.url()).pathname;
    await page.getByTestId('designated-applied').waitFor({ timeout: 30_000 });
    await settled(page);
    const applied = await page.getByTestId('designated-applied').innerText();
    assert.match(applied, /Ruritania CERT\s+1\s+Meat Co processing plant \(meat-co\)/);
    assert.match(applied, /IPv4 range\s+198\.51\.100\.0\/24\s+exact/);
    assert.match(
      await page.getByTestId('matched-observables').innerText(),
      /ipv4-addr\s+198\.51\.100\.7\s+[\s\S]*asset meat-co[\s\S]*ipv4 198\.51\.100\.0\/24/,
    );
    assert.match(await page.locator('main').innerText(), /raised to/);
    await a11y(page, 'the incident page with an observable matched');
    await screenshot(page, 'en-incident-observable');
  });

  it('the other node matches the same entry by asset', async () => {
    assert.ok(incidentPath, 'the first test reported');
    const page = await newPage();
    await login(page, b.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${b.url}${incidentPath}`);
    await page.getByTestId('designated-applied').waitFor({ timeout: 30_000 });
    assert.match(
      await page.getByTestId('designated-applied').innerText(),
      /Meat Co processing plant \(meat-co\)[\s\S]*198\.51\.100\.0\/24/,
    );
  });

  it('in Russian: sector names and derivation reasons in Russian, nothing English left unmarked', async () => {
    assert.ok(incidentPath, 'the first test reported');
    const page = await newPage('ru-RU');
    await login(page, a.url, 'ana');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('language').first().selectOption('ru');
    await page.goto(`${a.url}${incidentPath}`);
    assert.equal(await heading(page), 'Инцидент');
    await page.getByTestId('score-table').waitFor({ timeout: 30_000 });
    await settled(page);
    // The victim's STIX sector and the designated PPD-21 sector, by their Russian names.
    await page.getByTestId('incident-sectors').getByText('Сельское хозяйство').waitFor();
    await page
      .getByTestId('designated-applied')
      .getByText('Сектор продовольствия и сельского хозяйства')
      .first()
      .waitFor();
    const table = await page.getByTestId('score-table').innerText();
    assert.match(
      table,
      /выведено по таблице модели из отрасли пострадавшего «Сельское хозяйство \(agriculture\)»/,
      'a derived answer’s reason, from its code and parameters',
    );
    assert.match(table, /не указано: в модели есть вариант «Неизвестно»/, 'a fallback’s reason');
    assert.match(await page.getByTestId('designated-applied').innerText(), /диапазон IPv4[\s\S]*точное/);
    const text = await translatedText(page);
    for (const english of ['derived from', 'not supplied', 'Food and Agriculture Sector', 'by the model'])
      assert.ok(!text.includes(english), `"${english}" left in English on the incident page`);
    await a11y(page, 'the incident page (ru)');
    await screenshot(page, 'ru-incident-observable');

    // The report form: observables and the victim sectors in Russian, a problem said in Russian.
    await page.goto(`${a.url}/report`);
    await page.getByTestId('nciss-inputs').waitFor({ timeout: 30_000 });
    const obs = page.getByTestId('observables');
    await obs.getByLabel('Значение наблюдаемого объекта 1').fill('198.51.100.300');
    assert.match(await obs.getByTestId('observable-error').innerText(), /Это не адрес IPv4/);
    await page
      .getByLabel('Отрасль пострадавшего (отрасль STIX)')
      .locator('option[value="agriculture"]', { hasText: 'Сельское хозяйство' })
      .waitFor({ state: 'attached' });
    await a11y(page, 'the report form with observables (ru)');
    await screenshot(page, 'ru-report-observables');

    // The infrastructure page: A's designated sector by its Russian name.
    await page.goto(`${a.url}/infrastructure`);
    await settled(page);
    await page.getByText('Сектор продовольствия и сельского хозяйства').first().waitFor();
    assert.ok(
      !(await translatedText(page)).includes('Food and Agriculture Sector'),
      'no English sector name left unmarked',
    );
  });
});
