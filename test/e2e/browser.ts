/**
 * Real Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser build). Without it the tests skip loudly, except in CI
 * (CI=true), where a missing browser is a failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/**
 * The few DOM members the tests touch inside the page. The test program is compiled without
 * the DOM lib, so callbacks passed to page.evaluate reach them as `(globalThis as unknown as Win)`.
 */
export interface Win {
  document: {
    cookie: string;
    body: { innerText: string; dataset: Record<string, string | undefined> };
    documentElement: { lang: string };
    activeElement: { tagName: string; textContent: string | null } | null;
  };
  axe?: { run: (ctx: unknown, o: object) => Promise<{ violations: AxeViolation[] }> };
}

export const SCREENSHOT_DIR = resolve('test-artifacts/screenshots');

export type BrowserTarget =
  { kind: 'run' } | { kind: 'skip'; reason: string } | { kind: 'fail'; reason: string };

export function browserTarget(env: NodeJS.ProcessEnv = process.env): BrowserTarget {
  if (existsSync(CHROMIUM_PATH)) return { kind: 'run' };
  const reason = `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it)`;
  return env.CI === 'true'
    ? { kind: 'fail', reason }
    : { kind: 'skip', reason: `browser tests SKIPPED: ${reason}` };
}

/**
 * `describe` when Chromium is here; otherwise one test of that name, skipped with the reason said
 * loudly, or failed where `browserTarget` says so (CI).
 */
export function describeInBrowser(name: string, opts: { timeout: number }, fn: () => void): void {
  const target = browserTarget();
  if (target.kind === 'fail') {
    test(name, () => assert.fail(target.reason));
  } else if (target.kind === 'skip') {
    console.warn(`\n*** ${target.reason} ***\n`);
    test(name, { skip: target.reason }, () => {});
  } else {
    describe(name, opts, fn);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Injects axe-core's own source into the page and runs it; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate (DevTools) rather than a <script> tag: the UI's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = globalThis as unknown as Win;
    const r = await w.axe!.run(w.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

/** Saves a full-page PNG under test-artifacts/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
