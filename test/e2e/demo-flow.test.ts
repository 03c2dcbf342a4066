/**
 * The demo's whole exchange in real Chromium, one browser context per party (analyst logins):
 * A reports an incident with NCISS answers; it reaches B's timeline; B acknowledges and answers
 * it in the UI; A's timeline shows the receipt and both answers; the threat level on both
 * overviews rises; re-verification is all green on both. axe-core and a screenshot at each step.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot, type Win } from './browser.js';
import { startDemo, type Demo } from './demo-nodes.js';
import { a11y, heading, login, settled } from './ui-helpers.js';

const DEMO_PASSWORD = 'demo-analyst-password';
// Unique per run, so that the row found is this run's report and not a seeded one.
const DESCRIPTION = `Wiper on the water utility's SCADA servers (e2e ${Date.now().toString(36)})`;
const ANSWER = 'IOCs shared; blocking the C2 range 203.0.113.0/24 at our border.';

/**
 * Reloads `url` until `ready` holds: another node's envelopes reach a page only on reload. Each
 * attempt waits on the page itself; between attempts a growing pause spares a loaded machine.
 */
async function untilShown(
  page: Page,
  url: string,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
    await page.goto(url);
    await settled(page);
    if (await ready()) return;
    if (Date.now() > deadline) assert.fail(`${what}: not shown within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, pause));
  }
}

const shown = (l: Locator, timeout = 5_000): Promise<boolean> =>
  l.waitFor({ timeout }).then(
    () => true,
    () => false,
  );

/** The channel's computed level as the overview shows it: "2 Medium (51.6)". */
async function channelLevel(page: Page): Promise<{ text: string; score: number }> {
  await page.waitForFunction(
    () => (globalThis as unknown as Win).document.body.dataset.overview === 'drawn',
    undefined,
    {
      timeout: 60_000,
    },
  );
  await settled(page);
  const row = page
    .locator('main tbody tr')
    .filter({ has: page.locator('th span', { hasText: /^channel$/ }) });
  const text = (await row.first().locator('td').first().innerText({ timeout: 30_000 })).trim();
  const m = /\(([\d.,]+)\)/.exec(text);
  assert.ok(m, `a score in "${text}"`);
  return { text, score: Number(m[1]!.replace(/,/g, '')) };
}

describeInBrowser('the demo exchange in Chromium', { timeout: 900_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  let pa: Page, pb: Page;

  before(async () => {
    demo = await startDemo();
    browser = await launchChromium();
    const page = async (): Promise<Page> =>
      (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    [pa, pb] = [await page(), await page()];
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('A reports, B acknowledges and answers, A sees the receipt and the answers; levels rise; all verifies', async () => {
    const { a, b, channel } = demo;
    // Both analysts sign in; the level each overview shows before the report.
    await login(pa, a, 'analyst', DEMO_PASSWORD);
    await pa.waitForURL(/\/overview$/);
    await login(pb, b, 'analyst', DEMO_PASSWORD);
    await pb.waitForURL(/\/overview$/);
    const beforeA = await channelLevel(pa);
    const beforeB = await channelLevel(pb);
    await a11y(pa, "A's overview");
    await screenshot(pa, 'demo-a-overview-before');
    await screenshot(pb, 'demo-b-overview-before');

    // A reports through the Report page, with NCISS answers of a severe incident.
    await pa.getByRole('navigation').getByRole('link', { name: 'Report incident', exact: true }).click();
    assert.equal(await heading(pa), 'Report an incident');
    await pa.getByTestId('nciss-inputs').waitFor({ timeout: 60_000 });
    await pa.getByLabel('Channel', { exact: true }).selectOption(channel);
    await pa.getByLabel('Description of the ICT incident').fill(DESCRIPTION);
    await pa.getByLabel('Affected sectors').fill('water');
    await pa.getByLabel('Sending State', { exact: true }).fill('XAR');
    await pa.getByLabel('Receiving State', { exact: true }).fill('XBO');
    await pa.getByLabel('Victim organisation').fill('Ardenian Water Board');
    await pa.getByLabel('Victim sector (STIX industry sector)').selectOption('utilities');
    for (const [label, option] of [
      ['Functional Impact', 'denial-of-critical-services-or-loss-of-control'],
      ['Observed Activity', 'effect'],
      ['Location of Observed Activity', 'level-6-critical-systems'],
      ['Actor Characterization', 'apt-targeted'],
      ['Information Impact', 'destruction-of-critical-system'],
      ['Recoverability', 'not-recoverable'],
      ['Potential Impact', 'severe'],
    ] as const)
      await pa.getByLabel(label, { exact: true }).selectOption(option);
    await pa.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { dataset: Record<string, string> } | null };
          }
        ).document.querySelector('[data-testid="live-score"]')?.dataset.state === 'ok',
      undefined,
      { timeout: 60_000 },
    );
    await a11y(pa, 'the report form, filled in');
    await screenshot(pa, 'demo-a-report-filled');
    await pa.getByTestId('send-incident').click();
    const open = pa.getByRole('link', { name: 'Open the incident' });
    await open.waitFor({ timeout: 60_000 });
    const hash = /\/incidents\/([0-9a-f]{64})$/.exec((await open.getAttribute('href')) ?? '')?.[1];
    assert.ok(hash, 'the confirmation links the notify by its hash');

    // B's timeline shows the notify, asking for an acknowledgement.
    const timeline = `/channels/${channel}`;
    const bRow = pb.locator(`li[data-hash="${hash}"]`);
    await untilShown(pb, `${b}${timeline}`, "the notify in B's timeline", () => shown(bRow));
    const bText = await bRow.innerText();
    assert.match(bText, new RegExp(`incident notification[\\s\\S]*${DESCRIPTION.replace(/[()]/g, '\\$&')}`));
    assert.match(bText, /The sender asks for an acknowledgement\./);
    assert.match(bText, /Signature: verified[\s\S]*In log: verified/);
    await a11y(pb, "B's channel timeline");
    await screenshot(pb, 'demo-b-timeline-notify');

    // B acknowledges, then answers, from the notify's row.
    await bRow.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await bRow
      .getByText(/Signed and sent \(#\d+\)\./)
      .first()
      .waitFor({ timeout: 60_000 });
    await bRow.getByRole('button', { name: 'Respond', exact: true }).click();
    await bRow.getByLabel('Answer', { exact: true }).selectOption('answered');
    await bRow.getByLabel('Text of the response', { exact: true }).fill(ANSWER);
    await bRow.getByRole('button', { name: 'Sign and send the response' }).click();
    await bRow
      .getByText(/Signed and sent \(#\d+\)\./)
      .nth(1)
      .waitFor({ timeout: 60_000 });
    const bAnswers = bRow.getByTestId('answers');
    await bAnswers.filter({ hasText: ANSWER }).waitFor({ timeout: 60_000 });
    assert.match(await bAnswers.innerText(), /— acknowledged[\s\S]*— answered/);
    await a11y(pb, "B's timeline after answering");
    await screenshot(pb, 'demo-b-acknowledged-answered');

    // A sees, in its own timeline, the receipt of its notify and both of B's answers.
    const aRow = pa.locator(`li[data-hash="${hash}"]`);
    await untilShown(
      pa,
      `${a}${timeline}`,
      "the receipt and B's answers in A's timeline",
      async () =>
        (await shown(aRow.getByTestId('answers').filter({ hasText: ANSWER }))) &&
        /Receipt: received/.test(await aRow.innerText()),
    );
    const aText = await aRow.innerText();
    assert.match(aText, /receipt signed /);
    assert.match(aText, /Borealia[^\n]*— acknowledged[\s\S]*Borealia[^\n]*— answered/);
    assert.match(
      await pa.locator('li[data-kind="response"]').filter({ hasText: ANSWER }).first().innerText(),
      /Status: answered · In answer to #\d+ of Republic of Ardenia/,
    );
    await a11y(pa, "A's timeline with the answers");
    await screenshot(pa, 'demo-a-receipt-and-answers');
    // The same row in Russian: receipt, answers and statuses in words.
    await pa.getByTestId('language').first().selectOption('ru');
    await aRow.getByText('Ответы:').waitFor({ timeout: 30_000 });
    const ruText = await aRow.innerText();
    for (const words of ['Квитанция: получено', 'квитанция подписана', 'принято к сведению', 'дан ответ'])
      assert.ok(ruText.includes(words), `"${words}" in the Russian row:\n${ruText}`);
    await a11y(pa, "A's timeline with the answers (ru)");
    await screenshot(pa, 'demo-a-receipt-and-answers-ru');
    await pa.getByTestId('language').first().selectOption('en');
    await pa.getByText('Answers:').first().waitFor({ timeout: 30_000 });

    // The level each overview shows rose on both sides.
    for (const [p, url, was, who] of [
      [pa, a, beforeA, 'a'],
      [pb, b, beforeB, 'b'],
    ] as const) {
      let now = was;
      await untilShown(
        p,
        `${url}/overview`,
        `a higher level on ${who}'s overview than ${was.text}`,
        async () => {
          now = await channelLevel(p);
          return now.score > was.score;
        },
      );
      console.log(`${who}: the channel's level went from ${was.text} to ${now.text}`);
      await screenshot(p, `demo-${who}-overview-after`);
    }

    // Re-verification on both nodes: every log verifies, no evidence of equivocation.
    for (const [p, url, who] of [
      [pa, a, 'a'],
      [pb, b, 'b'],
    ] as const) {
      // Each log's latest checkpoint turns green once it covers the head: the nodes fetch and
      // sign them every minute in the demo, so the last answers' logs may need one round.
      await untilShown(
        p,
        `${url}/verification`,
        `every log checkpointed at its head on ${who}`,
        async () => {
          const logs = p.locator('main table tbody tr');
          await logs.first().locator('.vstate-ok, .vstate-wait').waitFor({ timeout: 30_000 });
          return (await logs.locator('.vstate-wait').count()) === 0;
        },
        240_000,
      );
      assert.equal(await heading(p), 'Verification');
      await p.getByRole('button', { name: 'Re-verify everything' }).click();
      const result = p.locator('main .vstate-ok, main .vstate-bad').filter({ hasText: /re-verified/ });
      await result.waitFor({ timeout: 120_000 });
      assert.equal(await result.getAttribute('class'), 'vstate vstate-ok', await result.innerText());
      assert.match(await result.innerText(), /^verified \d+ logs, [\d,]+ envelopes re-verified$/);
      assert.equal(
        await p.locator('main .vstate-bad, main .vstate-wait').count(),
        0,
        'nothing red or pending on the page',
      );
      assert.equal(
        await p.locator('main table tbody tr .vstate-ok').count(),
        await p.locator('main table tbody tr').count(),
        'every log has a checkpoint at its head',
      );
      await p.getByText('No evidence of equivocation or forgery.').waitFor({ timeout: 30_000 });
      await a11y(p, `${who}'s verification page`);
      await screenshot(p, `demo-${who}-verification`);
    }
  });
});
