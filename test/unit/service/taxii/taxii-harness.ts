/**
 * A real node for TAXII tests: data folder, key, store (SQLite or PostgreSQL), the composition
 * root (openNode) and the Fastify app listening on 127.0.0.1, port 0. Users:
 *   admin  (password)  read+write on every collection
 *   reader (token)     read on every collection
 *   writer (token)     read+write on the outbox only
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../../src/http/app.js';
import { loadConfig } from '../../../../src/cli/config.js';
import { initDataDir } from '../../../../src/cli/data-dir.js';
import { createLogger } from '../../../../src/cli/logger.js';
import { openNode } from '../../../../src/cli/open-node.js';
import type { NodeService } from '../../../../src/service/node-service.js';
import { attachTaxii, TaxiiService, taxiiServiceOf } from '../../../../src/service/taxii/index.js';
import { pgTestTarget, randomSchemaName, dropSchema } from '../../../helpers/pg.js';

export const TAXII_CT = 'application/taxii+json;version=2.1';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const FIXTURES = resolve('../shared/fixtures/stix');

export type Engine = 'sqlite' | 'postgres';

export interface TaxiiNode {
  readonly url: string;
  readonly api: string;
  readonly node: NodeService;
  readonly taxii: TaxiiService;
  readonly app: FastifyInstance;
  readonly dataDir: string;
  readonly readerToken: string;
  readonly writerToken: string;
  readonly adminAuth: string;
  /** Stops the app and the node and keeps their data, so that `startTaxiiNode(…, { reuse })` reopens it. */
  stop(): Promise<void>;
  /** What a second process needs to open the same data: the data folder and the PostgreSQL schema. */
  readonly reuse: { readonly dir: string; readonly schema: string };
  close(): Promise<void>;
}

/** Engines to run on: SQLite always, PostgreSQL when PARLEY_TEST_PG_URL is set (loud skip otherwise). */
export function taxiiEngines(): Engine[] {
  const t = pgTestTarget();
  if (t.kind === 'skip') console.warn(`\n*** TAXII tests on ${t.reason} ***\n`);
  if (t.kind === 'fail') throw new Error(t.reason);
  return t.kind === 'run' ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function startTaxiiNode(
  engine: Engine,
  opts: { maxContentLength?: number; name?: string; reuse?: { dir: string; schema: string } } = {},
): Promise<TaxiiNode> {
  const dir = opts.reuse?.dir ?? mkdtempSync(join(tmpdir(), 'parley-taxii-'));
  const dataDir = join(dir, 'node');
  if (!opts.reuse) initDataDir({ dataDir, name: opts.name ?? 'CERT of Ruritania', now: new Date() });
  const pg = pgTestTarget();
  const schema = opts.reuse?.schema ?? randomSchemaName('parley_taxii');
  const store =
    engine === 'postgres' && pg.kind === 'run'
      ? { engine: 'postgres', url: pg.url, schema }
      : { engine: 'sqlite' };
  const config = loadConfig({ env: {}, flags: { dataDir, store, log: { level: 'silent' } }, cwd: dir });
  const logger = createLogger('silent');
  const node = await openNode(config, logger);
  const base = taxiiServiceOf(node)!;
  const taxii = opts.maxContentLength
    ? new TaxiiService({
        store: {
          objects: base.objects,
          getMeta: base.syncState.getMeta.bind(base.syncState),
          setMeta: base.syncState.setMeta.bind(base.syncState),
        },
        clock: { now: () => new Date() },
        maxContentLength: opts.maxContentLength,
      })
    : base;
  attachTaxii(node, taxii);
  await taxii.auth.putUser('admin', ADMIN_PASSWORD);
  await taxii.auth.grant('admin', '*', true, true);
  await taxii.auth.putUser('reader', undefined);
  await taxii.auth.grant('reader', '*', true, false);
  await taxii.auth.putUser('writer', undefined);
  await taxii.auth.grant('writer', 'outbox', true, true);
  const readerToken = await taxii.auth.issueToken('reader', 'test');
  const writerToken = await taxii.auth.issueToken('writer', 'test');
  const app = await buildApp({ node, logger, bodyLimit: config.limits.maxBodyBytes });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    api: `${url}/taxii2/api/`,
    node,
    taxii,
    app,
    dataDir,
    readerToken,
    writerToken,
    adminAuth: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
    reuse: { dir, schema },
    stop: async () => {
      await app.close();
      await node.close();
    },
    close: async () => {
      await app.close();
      await node.close();
      if (engine === 'postgres' && pg.kind === 'run') await dropSchema(pg.url, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Res {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** A TAXII request with the right Accept (and Content-Type for bodies) unless overridden. */
export async function taxiiFetch(
  url: string,
  init: { method?: string; auth?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { accept: TAXII_CT };
  if (init.auth) headers.authorization = init.auth;
  if (init.body !== undefined) headers['content-type'] = TAXII_CT;
  const res = await fetch(url, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers: { ...headers, ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // left empty: tests that care check text
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Every *.json file under a fixtures folder. */
export function fixtureFiles(sub = ''): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.json')) out.push(p);
    }
  };
  walk(join(FIXTURES, sub));
  return out;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}
