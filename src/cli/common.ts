import type { Command } from 'commander';
import { loadConfig } from './config.js';
import type { NodeConfig } from '../service/node-config.js';

export interface CommonOptions {
  data?: string;
  json?: boolean;
  host?: string;
  port?: string;
  store?: string;
  databaseUrl?: string;
  logLevel?: string;
  passphraseFile?: string;
}

/** Adds the options every node command shares. */
export function withNodeOptions(cmd: Command): Command {
  return cmd
    .option('-d, --data <dir>', 'data folder (env PARLEY_DATA_DIR)', undefined)
    .option('--store <engine>', 'storage engine: sqlite or postgres (env PARLEY_STORE)')
    .option('--database-url <url>', 'PostgreSQL URL when --store postgres (env PARLEY_DATABASE_URL)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env PARLEY_LOG_LEVEL)')
    .option('--passphrase-file <file>', 'file holding the key passphrase (env PARLEY_KEY_PASSPHRASE)');
}

/** Flags → config keys; flags win over environment, file and defaults. */
export function configFromOptions(o: CommonOptions): NodeConfig {
  const flags: Record<string, unknown> = {};
  if (o.data) flags.dataDir = o.data;
  if (o.host) flags['http.host'] = o.host;
  if (o.port !== undefined) flags['http.port'] = /^\d+$/.test(o.port) ? Number(o.port) : o.port;
  if (o.store) flags['store.engine'] = o.store;
  if (o.databaseUrl) flags['store.url'] = o.databaseUrl;
  if (o.logLevel) flags['log.level'] = o.logLevel;
  const nested: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags)) {
    const parts = k.split('.');
    let t = nested;
    for (const p of parts.slice(0, -1)) t = (t[p] ??= {}) as Record<string, unknown>;
    t[parts[parts.length - 1]!] = v;
  }
  return loadConfig({ env: process.env, flags: nested, cwd: process.cwd() });
}
