/**
 * A real node for the TAXII benches: data folder, key, SQLite store, the composition root and the
 * Fastify app on 127.0.0.1 (port 0), with one bearer token that may read and write everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/http/app.js';
import { loadConfig } from '../src/cli/config.js';
import { initDataDir } from '../src/cli/data-dir.js';
import { createLogger } from '../src/cli/logger.js';
import { openNode } from '../src/cli/open-node.js';
import { taxiiServiceOf, type TaxiiService } from '../src/service/taxii/index.js';

export interface BenchNode {
  readonly api: string;
  readonly taxii: TaxiiService;
  readonly auth: string;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startBenchNode(opts: { keep?: boolean } = {}): Promise<BenchNode> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-taxii-bench-'));
  const dataDir = join(dir, 'node');
  initDataDir({ dataDir, name: 'Bench CERT', now: new Date() });
  const config = loadConfig({ env: {}, flags: { dataDir, log: { level: 'silent' } }, cwd: dir });
  const logger = createLogger('silent');
  const node = await openNode(config, logger);
  const taxii = taxiiServiceOf(node)!;
  await taxii.auth.putUser('bench', undefined);
  await taxii.auth.grant('bench', '*', true, true);
  const token = await taxii.auth.issueToken('bench', 'bench');
  const app = await buildApp({ node, logger, bodyLimit: config.limits.maxBodyBytes });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    api: `${url}/taxii2/api/`,
    taxii,
    auth: `Bearer ${token}`,
    dir,
    close: async () => {
      await app.close();
      await node.close();
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const TAXII_CT = 'application/taxii+json;version=2.1';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
