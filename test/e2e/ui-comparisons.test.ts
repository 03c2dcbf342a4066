/**
 * The list comparison page and the crosswalk view in real Chromium, against two real nodes with
 * a channel between them (test/helpers/psi-nodes.ts): party A's analyst offers from A's UI, party
 * B's analyst accepts from B's UI (in Russian, with the list loaded from a file), both read their
 * own result; a count-only comparison answered through B's service, a refusal from B's UI, what
 * a viewer sees; then each party's designation read in the other's taxonomy, an uncertain
 * mapping marked. axe-core and a screenshot on every page state shown.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { usersOf } from '../../src/cli/open-node.js';
import { prepareList } from '../../src/service/psi/index.js';
import { eventually, type TestNode } from '../helpers/nodes.js';
import { twoNodesWithChannel } from '../helpers/psi-nodes.js';
import { describeInBrowser, launchChromium, screenshot } from './browser.js';
import { a11y, heading, login, PASSWORD, settled } from './ui-helpers.js';

// Persons: A writes names in Cyrillic with patronymics, B in passport Latin; Petrov is spelt alike.
const LIST_A =
  'name,dob\n"Ярошенко Константин Владимирович",1968-03-21\nPetrov Petr,1980-05-05\nSidorov Semen,1975-02-02\n';
const LIST_B =
  'surname,given,dob\nYaroshenko,Konstantin,1968-03-21\nPetrov,Petr,1980-05-05\nKuznetsov,Oleg,1990-09-09\n';

describeInBrowser('list comparison and crosswalk in Chromium, two nodes', { timeout: 480_000 }, () => {
  let a: TestNode, b: TestNode;
  let channel: string;
  let stop: () => Promise<void>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A signed-in page on a node; `ru-RU` makes the UI start in Russian. */
  const signedIn = async (n: TestNode, user: string, locale = 'en-GB'): Promise<Page> => {
    const ctx = await browser.newContext({
      locale,
      viewport: { width: 1280, height: 900 },
      timezoneId: 'UTC',
    });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await login(page, n.url, user);
    await page.waitForURL(/\/overview$/);
    return page;
  };
  const row = (page: Page, id: string) => page.locator(`tr[data-comparison="${id}"]`);
  const waitState = (page: Page, id: string, state: string) =>
    page.locator(`tr[data-comparison="${id}"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
  /** The comparison A offered last (the service lists newest first). */
  const newest = (n: TestNode): Promise<string> =>
    eventually('the offer is listed', async () => n.comparisons.list({ channel })[0]?.id);

  before(async () => {
    assert.ok(existsSync('web/dist/index.html'), 'web/dist is not built: run `npm run build:web`');
    ({ a, b, channel, stop } = await twoNodesWithChannel());
    for (const [n, users] of [
      [
        a,
        [
          ['ana', 'analyst'],
          ['vic', 'viewer'],
        ],
      ],
      [b, [['bob', 'analyst']]],
    ] as const)
      for (const [username, role] of users)
        await usersOf(n.node)!.addUser({ username, role, password: PASSWORD }, 'test');
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stop?.();
  });

  it('compares two lists: offered from A’s UI, accepted from B’s UI in Russian, each side reads its own overlap', async () => {
    const pa = await signedIn(a, 'ana');
    await pa.getByRole('navigation').getByRole('link', { name: 'List comparison', exact: true }).click();
    await pa.waitForURL(/\/comparisons$/);
    assert.equal(await heading(pa), 'Private list comparison');
    await settled(pa);
    assert.match(
      await pa.getByTestId('psi-privacy').innerText(),
      /never leaves this node in plain form[\s\S]*Only blinded values travel/,
    );
    const form = pa.getByTestId('psi-start');
    await form.getByLabel('Persons (name, date of birth)').check();
    await form.getByLabel('Both sides learn which of their own entries are shared').check();
    await form.getByLabel('The list', { exact: true }).fill(LIST_A);
    await a11y(pa, '/comparisons with the start form filled');
    await form.getByRole('button', { name: 'Sign and send the offer' }).click();
    await form.getByText('Offer signed and sent.').waitFor();
    const id = await newest(a);
    await waitState(pa, id, 'offered');
    assert.match(await row(pa, id).innerText(), /\d+ ↔ —[\s\S]*awaiting the other side’s answer/);
    await screenshot(pa, 'en-comparisons-offered');

    // B, in Russian: the offer awaits its answer; it accepts with its own list from a file.
    const pb = await signedIn(b, 'bob', 'ru-RU');
    await pb.goto(`${b.url}/comparisons`);
    assert.equal(await heading(pb), 'Закрытое сравнение списков');
    await waitState(pb, id, 'awaiting-acceptance');
    assert.match(await row(pb, id).innerText(), /ждёт вашего ответа/);
    await row(pb, id).getByRole('button', { name: 'Принять со своим списком' }).click();
    const accept = pb.getByTestId('psi-accept');
    await accept
      .getByLabel('Или загрузите список из файла')
      .setInputFiles({ name: 'detained.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST_B) });
    await accept.getByText('Загружен detained.csv').waitFor();
    assert.equal(await accept.getByLabel('Список', { exact: true }).inputValue(), LIST_B);
    await a11y(pb, '/comparisons (ru) with the accept form');
    await accept.getByRole('button', { name: 'Подписать и принять' }).click();

    await waitState(pa, id, 'complete');
    await waitState(pb, id, 'complete');
    // Progress: every chunk the run needs was sent or received.
    assert.match(await row(pa, id).getByTestId('psi-progress').innerText(), /sent \d+, received \d+ of \d+/);

    await row(pa, id).getByRole('button', { name: 'Show the result' }).click();
    const ra = pa.getByTestId('psi-result');
    await ra.getByTestId('psi-overlap').waitFor();
    const rowsA = await ra
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          (tr as unknown as { dataset: { status: string } }).dataset.status,
          (tr as unknown as { innerText: string }).innerText,
        ]),
      );
    assert.equal(rowsA.length, 2, JSON.stringify(rowsA));
    assert.ok(
      rowsA.some(([s, text]) => s === 'needs-review' && /Ярошенко/.test(text!) && /needs review/.test(text!)),
      JSON.stringify(rowsA),
    );
    assert.ok(
      rowsA.some(([s, text]) => s === 'match' && /Petrov Petr/.test(text!)),
      JSON.stringify(rowsA),
    );
    assert.ok(!rowsA.some(([, text]) => /Sidorov|Kuznetsov/.test(text!)), 'no entry outside the overlap');
    assert.match(await ra.innerText(), /Needs review: matched only on a loose name key/);
    await a11y(pa, '/comparisons with a result');
    await screenshot(pa, 'en-comparisons-result');

    await row(pb, id).getByRole('button', { name: 'Показать результат' }).click();
    const rb = pb.getByTestId('psi-result');
    await rb.getByTestId('psi-overlap').waitFor();
    const textB = await rb.innerText();
    assert.match(textB, /Yaroshenko/);
    assert.match(textB, /Petrov/);
    assert.match(textB, /совпадение/);
    assert.doesNotMatch(textB, /Kuznetsov|Sidorov|Ярошенко/, 'B sees only its own entries');
    await a11y(pb, '/comparisons (ru) with a result');
    await screenshot(pb, 'ru-comparisons-result');
  });

  it('shows only the count in cardinality mode (B answers through its node’s service)', async () => {
    const pa = await signedIn(a, 'ana');
    await pa.goto(`${a.url}/comparisons`);
    const form = pa.getByTestId('psi-start');
    await form.getByLabel('Indicators (domains, addresses, URLs, hashes)').check();
    await form.getByLabel('Both sides learn only how many entries are shared').check();
    await form
      .getByLabel('The list', { exact: true })
      .fill('["evil.example", "203.0.113.7", "only-a.example"]');
    await form.getByRole('button', { name: 'Sign and send the offer' }).click();
    await form.getByText('Offer signed and sent.').waitFor();
    const id = await newest(a);
    await eventually(
      'B sees the offer',
      async () => b.comparisons.status(id)?.state === 'awaiting-acceptance',
    );
    await b.comparisons.accept(
      id,
      prepareList('indicators', '["EVIL.example.", "203.0.113.7", "b.example"]', 'json'),
    );
    await waitState(pa, id, 'complete');
    await row(pa, id).getByRole('button', { name: 'Show the result' }).click();
    const r = pa.getByTestId('psi-result');
    assert.equal(await r.getByTestId('psi-overlap').innerText(), 'Shared entries: 2');
    assert.match(await r.innerText(), /only the number of shared entries is learnt/);
    assert.equal(await r.getByTestId('psi-matches').count(), 0, 'no entry is named in count-only mode');
  });

  it('lets B refuse from its UI with a reason that A reads', async () => {
    const pa = await signedIn(a, 'ana');
    await pa.goto(`${a.url}/comparisons`);
    const form = pa.getByTestId('psi-start');
    await form.getByLabel('Indicators (domains, addresses, URLs, hashes)').check();
    await form.getByLabel('Only this side learns which of its entries are shared').check();
    await form.getByLabel('The list', { exact: true }).fill('value\nevil.example\n');
    await form.getByRole('button', { name: 'Sign and send the offer' }).click();
    await form.getByText('Offer signed and sent.').waitFor();
    const id = await newest(a);
    const pb = await signedIn(b, 'bob');
    await pb.goto(`${b.url}/comparisons`);
    await waitState(pb, id, 'awaiting-acceptance');
    await row(pb, id).getByRole('button', { name: 'Refuse' }).click();
    await pb
      .getByTestId('psi-refuse')
      .getByLabel(/^Reason/)
      .fill('one-sided is not agreed');
    await pb.getByTestId('psi-refuse').getByRole('button', { name: 'Sign and refuse' }).click();
    await waitState(pa, id, 'refused');
    assert.match(await row(pa, id).innerText(), /refused[\s\S]*Reason: one-sided is not agreed/);
  });

  it('shows a viewer the comparisons read-only, without acts or results', async () => {
    const pv = await signedIn(a, 'vic');
    await pv.goto(`${a.url}/comparisons`);
    await settled(pv);
    await pv.getByTestId('psi-viewer').waitFor();
    assert.equal(await pv.getByTestId('psi-start').count(), 0);
    assert.ok((await pv.locator('tr[data-comparison]').count()) >= 3);
    assert.equal(await pv.getByRole('button', { name: /Show the result|Accept|Refuse|Abort/ }).count(), 0);
    await a11y(pv, '/comparisons as a viewer');
    await screenshot(pv, 'en-comparisons-viewer');
  });

  it('reads each party’s designation in the other’s taxonomy, uncertain mappings marked, assets in full', async () => {
    await a.threat.designate(channel, {
      taxonomy: 'us-ppd21',
      sectors: ['us-communications', 'us-critical-manufacturing', 'us-dams'],
      assets: [
        {
          id: 'grid-co',
          name: 'Grid Co',
          sector: 'us-energy',
          domains: ['grid.example'],
          ip_ranges: ['198.51.100.0/24'],
          as_numbers: [64500],
        },
      ],
    });
    await b.threat.designate(channel, {
      taxonomy: 'ru-187fz',
      sectors: ['ru-energy', 'ru-interaction-providers'],
      assets: [
        {
          id: 'ix-msk',
          name: 'IX Moscow',
          sector: 'ru-communications',
          domains: ['ix.example'],
          ip_ranges: ['203.0.113.0/24'],
          as_numbers: [64511],
        },
      ],
    });
    for (const n of [a, b])
      await eventually(
        `${n.name} holds both designations`,
        async () => (await n.threat.designations(channel)).length === 2,
      );

    const pa = await signedIn(a, 'ana');
    await pa.goto(`${a.url}/infrastructure`);
    await settled(pa);
    const mine = pa.locator(`[data-testid="crosswalk"][data-party="${a.node.partyId}"]`);
    await mine.locator('[data-confidence]').first().waitFor();
    assert.equal(await mine.getAttribute('data-to'), 'ru-187fz', 'read in the other party’s taxonomy');
    // Source sectors by name, not id; an uncertain mapping says so in words.
    const uncertain = mine.locator(
      'tr[data-sector="us-critical-manufacturing"][data-to="ru-metallurgical-industry"]',
    );
    assert.match(
      await uncertain.innerText(),
      /Critical Manufacturing Sector[\s\S]*Metallurgical industry[\s\S]*uncertain — verify before use/,
    );
    assert.match(
      await mine.locator('tr[data-sector="us-dams"]').innerText(),
      /no counterpart in this taxonomy/,
    );
    assert.match(
      await mine.locator('tr[data-sector="us-communications"]').first().innerText(),
      /Communications Sector/,
    );
    const asset = await mine.locator('tr[data-asset="grid-co"]').innerText();
    for (const part of [/Grid Co/, /Energy Sector/, /grid\.example/, /198\.51\.100\.0\/24/, /AS64500/])
      assert.match(asset, part);
    const theirs = pa.locator(`[data-testid="crosswalk"][data-party="${b.node.partyId}"]`);
    assert.equal(await theirs.getAttribute('data-to'), 'us-ppd21');
    await theirs.locator('[data-confidence="uncertain"]').first().waitFor();
    // The designations table shows names and the assets themselves, not "(+1)".
    const table = await pa.locator('table').first().innerText();
    assert.doesNotMatch(table, /\(\+\d+\)/);
    assert.match(table, /Communications Sector/);
    // Each row's assets open by keyboard or click (a native disclosure).
    for (const summary of await pa.locator('details.assets > summary').all()) await summary.click();
    await pa.locator('details.assets').getByText('198.51.100.0/24').waitFor();
    await pa.locator('details.assets').getByText('AS64511').waitFor();
    await a11y(pa, '/infrastructure with the crosswalk');
    await screenshot(pa, 'en-infrastructure-crosswalk');
    // A chosen taxonomy instead of the other party's.
    await pa.getByLabel('Read each designation in').selectOption('stix-industry-sector-ov');
    await pa.locator('[data-testid="crosswalk"][data-to="stix-industry-sector-ov"]').nth(1).waitFor();
    await mine.locator('[data-confidence]').first().waitFor();

    const pb = await signedIn(b, 'bob', 'ru-RU');
    await pb.goto(`${b.url}/infrastructure`);
    await settled(pb);
    await pb.getByText('неопределённое — проверьте перед использованием').first().waitFor();
    await a11y(pb, '/infrastructure (ru) with the crosswalk');
    await screenshot(pb, 'ru-infrastructure-crosswalk');
  });
});
