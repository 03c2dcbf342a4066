import type { Command } from 'commander';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { createLogger } from '../logger.js';
import { readPassphrase } from '../open-node.js';
import { createRuntime } from '../runtime.js';
import { initDataDir } from '../data-dir.js';
import type { NodeConfig } from '../../service/node-config.js';

/** Runs a node until SIGINT/SIGTERM; resolves with the bound address. */
export async function serveNode(
  config: NodeConfig,
  passphrase: string | undefined,
): Promise<{ url: string; close: () => Promise<void> }> {
  const logger = createLogger(config.log.level);
  const runtime = await createRuntime(config, {
    logger,
    ...(passphrase ? { passphrase } : {}),
    ...(config.escalation ? { webhookUrl: config.escalation.webhookUrl } : {}),
    schedule: { pingEveryMs: (config.ping?.everySeconds ?? 0) * 1000 },
  });
  const url = await runtime.listen();
  const close = async (): Promise<void> => {
    await runtime.close();
    logger.info('node stopped');
    logger.flush();
  };
  return { url, close };
}

function onSignals(close: () => Promise<void>): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void close().then(() => process.exit(0));
    });
  }
}

/** `parley serve` and `parley start`. */
export function registerServe(program: Command): void {
  const common = (cmd: Command): Command =>
    withNodeOptions(cmd)
      .option('--host <host>', 'address to bind (env PARLEY_HOST; default 127.0.0.1 — loopback only)')
      .option('-p, --port <port>', 'port to listen on (env PARLEY_PORT; default 7700; 0 picks a free one)');

  common(program.command('serve'))
    .description("run the node's HTTP server: health, identity, logs, checkpoints and proofs")
    .addHelpText(
      'after',
      `
Binds to 127.0.0.1 by default: put a TLS-terminating proxy in front, or pass --host to expose it.
Endpoints: /healthz, /v1/identity, /v1/logs, /v1/logs/{channel}/{author}/checkpoint,
…/entries, …/proof/inclusion, …/proof/consistency; the OpenAPI document is at /openapi.json.

Example:
  $ parley serve --data ./node-a --port 7701`,
    )
    .action(async (o: CommonOptions) => {
      const config = configFromOptions(o);
      const s = await serveNode(config, readPassphrase(o.passphraseFile, process.env));
      process.stderr.write(`parley node listening on ${s.url}\n`);
      onSignals(s.close);
    });

  common(program.command('start'))
    .description('initialise the data folder if needed, then serve (what `npm start` runs)')
    .option('--name <name>', 'party name used if the data folder is new')
    .action(async (o: CommonOptions & { name?: string }) => {
      const config = configFromOptions(o);
      const init = initDataDir({
        dataDir: config.dataDir,
        name: o.name ?? config.party.name,
        now: new Date(),
      });
      if (init.created) process.stderr.write(`created party ${init.partyId} in ${init.dataDir}\n`);
      const s = await serveNode(config, readPassphrase(o.passphraseFile, process.env));
      process.stderr.write(
        `parley node of ${init.partyId}\n  listening on ${s.url}\n  identity:   ${s.url}/v1/identity\n  API:        ${s.url}/openapi.json\n`,
      );
      onSignals(s.close);
    });
}
