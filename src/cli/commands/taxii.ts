import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import {
  DEFAULT_CLIENT_RETRIES,
  TaxiiClient,
  type TaxiiCredentials,
} from '../../service/taxii/taxii-client.js';
import {
  pullCollection,
  pushCollection,
  type SyncProgress,
  type SyncReport,
} from '../../service/taxii/taxii-sync.js';
import { taxiiServiceOf, type TaxiiService } from '../../service/taxii/index.js';
import type { NodeService } from '../../service/node-service.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { createLogger } from '../logger.js';
import { openNode, readPassphrase } from '../open-node.js';
import { emit } from '../output.js';

interface RemoteOptions extends CommonOptions {
  collection: string;
  user?: string;
  passwordFile?: string;
  tokenFile?: string;
  local?: string;
  restart?: boolean;
  limit?: string;
  retries?: string;
}

/** Opens the node, runs `fn` with its TAXII service, closes the node. */
export async function withTaxii<T>(
  o: CommonOptions,
  fn: (taxii: TaxiiService, node: NodeService) => Promise<T>,
): Promise<T> {
  const config = configFromOptions({ logLevel: 'warn', ...o });
  const node = await openNode(
    config,
    createLogger(config.log.level),
    readPassphrase(o.passphraseFile, process.env),
  );
  try {
    const taxii = taxiiServiceOf(node);
    if (!taxii) throw new Error('this node has no TAXII service');
    return await fn(taxii, node);
  } finally {
    await node.close();
  }
}

function readSecret(file: string | undefined, env: string | undefined): string | undefined {
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  return env || undefined;
}

/** Credentials for the remote: a token (file or PARLEY_TAXII_TOKEN) or user + password (file or PARLEY_TAXII_PASSWORD). */
function credentialsOf(o: RemoteOptions): TaxiiCredentials | undefined {
  const token = readSecret(o.tokenFile, process.env.PARLEY_TAXII_TOKEN);
  if (token) return { token };
  if (o.user) {
    const password = readSecret(o.passwordFile, process.env.PARLEY_TAXII_PASSWORD);
    if (password === undefined) throw new Error('--user needs --password-file or PARLEY_TAXII_PASSWORD');
    return { user: o.user, password };
  }
  return undefined;
}

function progressReporter(
  json: boolean,
  label: string,
): { onPage: (p: SyncProgress) => void; stop: () => void } {
  const tty = !json && process.stderr.isTTY && !process.env.NO_PROGRESS;
  const bar = new SingleBar(
    {
      format: `${label} {bar} page {pages} | {value} objects | {added} new, {duplicates} known, {rejected} rejected`,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onPage: (p) => {
      if (!tty) return;
      if (!started) bar.start(0, 0, {});
      started = true;
      bar.setTotal(p.objects + (p.objects > 0 ? 1000 : 0));
      bar.update(p.objects, { ...p });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function renderSync(verb: string, url: string, r: SyncReport): string {
  const lines = [
    `${verb} ${url}: ${r.objects} objects in ${r.pages} pages — ${r.added} new, ${r.duplicates} already there, ${r.rejected} rejected`,
    ...(r.resumedFrom ? [`resumed after ${r.resumedFrom}`] : []),
    ...r.rejections.slice(0, 20).map((x) => `  rejected ${x.id}: ${x.message}`),
  ];
  return lines.join('\n') + '\n';
}

function remoteCommand(cmd: Command): Command {
  return withNodeOptions(cmd)
    .requiredOption('--collection <id>', 'the remote collection id (or alias)')
    .option('--local <collection>', 'the local collection id or alias', 'local')
    .option(
      '--user <name>',
      'HTTP Basic user on the remote (password from --password-file or PARLEY_TAXII_PASSWORD)',
    )
    .option('--password-file <file>', 'file holding the remote password')
    .option('--token-file <file>', 'file holding a bearer token for the remote (or PARLEY_TAXII_TOKEN)')
    .option('--limit <n>', 'objects per page', '1000')
    .option(
      '--retries <n>',
      'retries per request on 429, 5xx and network errors (exponential backoff)',
      String(DEFAULT_CLIENT_RETRIES),
    )
    .option('--restart', 'ignore the saved position and start from the beginning')
    .option('--json', 'print the report as JSON');
}

async function ensureLocal(taxii: TaxiiService, local: string): Promise<void> {
  if (await taxii.findCollection(local)) return;
  if (local !== 'local')
    throw new Error(`no local collection ${local}; create it with \`parley taxii collection add\``);
  await taxii.createCollection({ title: 'Local', alias: 'local', description: 'Imported and pulled STIX' });
}

export function registerTaxii(program: Command): void {
  const taxii = program
    .command('taxii')
    .description('TAXII 2.1: pull and push collections, users and tokens, collections');

  remoteCommand(taxii.command('pull <url>'))
    .description('pull a remote TAXII 2.1 collection into a local one (paged, resumable, with retries)')
    .addHelpText(
      'after',
      `
<url> is the remote API root. Every version is pulled. The last date_added seen is saved after
each page, so a second run (or a run after a crash) continues from there; --restart ignores it.
Retries with backoff on 429, 5xx and network errors.

Examples:
  $ parley taxii pull https://cert.example/taxii2/api/ --collection 2c4f… --token-file ./token
  $ parley taxii pull http://127.0.0.1:7701/taxii2/api/ --collection outbox --user alice --password-file pw`,
    )
    .action(async (url: string, o: RemoteOptions) => {
      await withTaxii(o, async (t) => {
        await ensureLocal(t, o.local ?? 'local');
        const client = new TaxiiClient({
          apiRoot: url,
          collection: o.collection,
          credentials: credentialsOf(o),
          maxRetries: Number(o.retries ?? DEFAULT_CLIENT_RETRIES),
          onRetry: (r) => process.stderr.write(`retry ${r.attempt} in ${r.delayMs} ms: ${r.reason}\n`),
        });
        const p = progressReporter(!!o.json, 'pulling');
        const report = await pullCollection({
          taxii: t,
          store: t.syncState,
          client,
          local: o.local ?? 'local',
          pageSize: Number(o.limit),
          restart: !!o.restart,
          onPage: p.onPage,
        }).finally(p.stop);
        emit(!!o.json, report, () => renderSync('pulled', url, report));
      });
    });

  remoteCommand(taxii.command('push <url>'))
    .description('push a local collection to a remote TAXII 2.1 collection (paged, resumable, with retries)')
    .addHelpText(
      'after',
      `\nExample:\n  $ parley taxii push https://cert.example/taxii2/api/ --collection 2c4f… --local outbox --token-file ./token`,
    )
    .action(async (url: string, o: RemoteOptions) => {
      await withTaxii(o, async (t) => {
        const client = new TaxiiClient({
          apiRoot: url,
          collection: o.collection,
          credentials: credentialsOf(o),
          maxRetries: Number(o.retries ?? DEFAULT_CLIENT_RETRIES),
          onRetry: (r) => process.stderr.write(`retry ${r.attempt} in ${r.delayMs} ms: ${r.reason}\n`),
        });
        const p = progressReporter(!!o.json, 'pushing');
        const report = await pushCollection({
          taxii: t,
          store: t.syncState,
          client,
          local: o.local ?? 'local',
          pageSize: Number(o.limit),
          restart: !!o.restart,
          onPage: p.onPage,
        }).finally(p.stop);
        emit(!!o.json, report, () => renderSync('pushed', url, report));
      });
    });

  registerUserCommands(taxii);
  registerCollectionCommands(taxii);
}

function splitList(s: string | undefined): string[] {
  return (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function registerUserCommands(taxii: Command): void {
  const user = taxii
    .command('user')
    .description('TAXII users: HTTP Basic passwords, bearer tokens, rights per collection');

  withNodeOptions(user.command('add <name>'))
    .description('create a user (or change its password) and grant rights; optionally issue a bearer token')
    .option(
      '--password-file <file>',
      'file holding the password (or PARLEY_TAXII_PASSWORD); none: token-only user',
    )
    .option(
      '--read <collections>',
      'collections (ids or aliases, comma-separated, * for all) the user may read',
    )
    .option('--write <collections>', 'collections the user may write (implies read)')
    .option('--token [label]', 'issue a bearer token and print it (shown once)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Rights name collections by id or alias, or * for all. Channel collections are never writable.
Anonymous access stays off unless you grant rights to the user "anonymous".

Examples:
  $ parley taxii user add alice --password-file ./pw --read '*' --write outbox
  $ parley taxii user add misp --read '*' --token misp-sync
  $ parley taxii user add anonymous --read public-feed`,
    )
    .action(
      async (
        name: string,
        o: CommonOptions & {
          passwordFile?: string;
          read?: string;
          write?: string;
          token?: string | boolean;
          json?: boolean;
        },
      ) => {
        await withTaxii(o, async (t) => {
          const password = readSecret(o.passwordFile, process.env.PARLEY_TAXII_PASSWORD);
          if (name !== 'anonymous' || password !== undefined) await t.auth.putUser(name, password);
          const write = splitList(o.write);
          const read = [...new Set([...splitList(o.read), ...write])];
          for (const c of read) await t.auth.grant(name, c, true, write.includes(c));
          const token = o.token
            ? await t.auth.issueToken(name, typeof o.token === 'string' ? o.token : 'cli')
            : undefined;
          const result = { user: name, read, write, ...(token ? { token } : {}) };
          emit(
            !!o.json,
            result,
            () =>
              `user ${name}: read ${read.join(',') || '-'}; write ${write.join(',') || '-'}${token ? `\ntoken (shown once): ${token}` : ''}\n`,
          );
        });
      },
    );

  withNodeOptions(user.command('list'))
    .description('list TAXII users and their rights')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions) => {
      await withTaxii(o, async (t) => {
        const users = await t.auth.listUsers();
        emit(
          !!o.json,
          users,
          () =>
            users
              .map(
                (u) =>
                  `${u.name}${u.hasPassword ? '' : ' (no password)'}: ${u.rights.map((r) => `${r.collection}:${r.canRead ? 'r' : ''}${r.canWrite ? 'w' : ''}`).join(' ')}`,
              )
              .join('\n') + '\n',
        );
      });
    });

  withNodeOptions(user.command('remove <name>'))
    .description('remove a user with its tokens and rights')
    .action(async (name: string, o: CommonOptions) => {
      await withTaxii(o, async (t) => {
        const removed = await t.auth.removeUser(name);
        process.stderr.write(removed ? `removed ${name}\n` : `no user ${name}\n`);
        if (!removed) process.exitCode = 1;
      });
    });
}

function registerCollectionCommands(taxii: Command): void {
  const coll = taxii.command('collection').description('TAXII collections of this node');

  withNodeOptions(coll.command('add'))
    .description('create a collection')
    .requiredOption('--title <title>', 'its title')
    .option('--alias <alias>', 'a short name usable in URLs instead of the id')
    .option('--description <text>', 'a description')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions & { title: string; alias?: string; description?: string }) => {
      await withTaxii(o, async (t) => {
        const c = await t.createCollection({ title: o.title, alias: o.alias, description: o.description });
        emit(!!o.json, c, () => `${c.id}${c.alias ? ` (${c.alias})` : ''} ${c.title}\n`);
      });
    });

  withNodeOptions(coll.command('list'))
    .description('list collections with their object counts')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions) => {
      await withTaxii(o, async (t) => {
        await t.outbox();
        const list = await Promise.all(
          (await t.objects.listCollections()).map(async (c) => ({
            ...c,
            objects: await t.objects.countObjects(c.id),
          })),
        );
        emit(
          !!o.json,
          list,
          () =>
            list
              .map(
                (c) =>
                  `${c.id} ${c.kind.padEnd(7)} ${(c.alias ?? '-').padEnd(20)} ${String(c.objects).padStart(9)} ${c.title}`,
              )
              .join('\n') + '\n',
        );
      });
    });
}
