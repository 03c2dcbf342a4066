/**
 * Shared by the browser tests: a real node with three accounts, sign-in, and waits.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runCli, startServer, tempDir } from '../helpers/cli.js';
import { describeViolations, seriousA11yViolations, type Win } from './browser.js';

export const PASSWORD = 'e2e-password-0123';
export const CHANNEL = 'channel--0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/** Every page in the navigation, with its heading in both languages. */
export const PAGES = [
  { path: '/overview', name: 'overview', en: 'Overview', ru: 'Обзор' },
  { path: '/channels', name: 'channels', en: 'Channels', ru: 'Каналы' },
  {
    path: '/report',
    name: 'report',
    en: 'Report an incident',
    ru: 'Сообщить об инциденте',
    navEn: 'Report incident',
  },
  {
    path: '/infrastructure',
    name: 'infrastructure',
    en: 'Critical infrastructure',
    ru: 'Критическая инфраструктура',
  },
  { path: '/contacts', name: 'contacts', en: 'Points of contact', ru: 'Контактные пункты' },
  { path: '/verification', name: 'verification', en: 'Verification', ru: 'Проверка' },
  { path: '/settings', name: 'settings', en: 'Settings', ru: 'Настройки' },
] as const;

function must(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

/** A node with three accounts and one short log, served on a free port. */
export async function startUiNode(
  opts: { prepare?: (dataDir: string) => Promise<void> } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.PARLEY_E2E_URL) return { url: process.env.PARLEY_E2E_URL, stop: async () => {} };
  assert.ok(
    existsSync('web/dist/index.html'),
    'web/dist is not built: run `npm run build:web` (npm test does it first)',
  );
  const { dir, cleanup } = tempDir('parley-e2e-');
  const pw = join(dir, 'pw.txt');
  writeFileSync(pw, `${PASSWORD}\n`, { mode: 0o600 });
  const data = join(dir, 'node');
  must(runCli(['init', '--data', data, '--name', 'CERT of Ruritania', '--admin-password-file', pw]), 'init');
  must(
    runCli(['user', 'add', '--data', data, '--username', 'ana', '--role', 'analyst', '--password-file', pw]),
    'user add ana',
  );
  must(
    runCli(['user', 'add', '--data', data, '--username', 'vic', '--role', 'viewer', '--password-file', pw]),
    'user add vic',
  );
  for (let i = 0; i < 3; i++)
    must(
      runCli(
        [
          'log',
          'append',
          '--data',
          data,
          '--channel',
          CHANNEL,
          '--kind',
          'ping',
          '--body',
          JSON.stringify({ n: i }),
        ],
        { PARLEY_CHECKPOINT_EVERY: '1' },
      ),
      'log append',
    );
  await opts.prepare?.(data);
  const server = await startServer(['--data', data]);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      cleanup();
    },
  };
}

export async function login(page: Page, url: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/^(Username|Имя пользователя)$/).fill(username);
  await page.getByLabel(/^(Password|Пароль)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Войти)$/ }).click();
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('main h1').first().textContent({ timeout: 30_000 })) ?? '';
}

/** Waits until no panel says "Loading…". */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as unknown as Win).document.body.innerText.includes('Loading…') &&
      !(globalThis as unknown as Win).document.body.innerText.includes('Загрузка…'),
    undefined,
    { timeout: 30_000 },
  );
}

export async function a11y(page: Page, what: string): Promise<void> {
  const v = await seriousA11yViolations(page);
  assert.equal(
    v.length,
    0,
    `axe-core found serious or critical violations on ${what}:\n${describeViolations(v)}`,
  );
}
