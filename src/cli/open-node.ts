import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { openStore, type StoreConfig } from '../store/index.js';
import { NodeService } from '../service/node-service.js';
import { systemClock, type Clock } from '../service/ports.js';
import type { NodeConfig } from '../service/node-config.js';
import { loadKeyPair, readIdentity } from './data-dir.js';
import { UsersService } from '../service/users/index.js';
import { attachTaxii, TaxiiService } from '../service/taxii/index.js';

/** Reads the key passphrase from --passphrase-file or PARLEY_KEY_PASSPHRASE, if either is set. */
export function readPassphrase(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  return env.PARLEY_KEY_PASSPHRASE || undefined;
}

export function storeConfigOf(config: NodeConfig): StoreConfig {
  return config.store.engine === 'postgres'
    ? { engine: 'postgres', url: config.store.url, schema: config.store.schema }
    : { engine: 'sqlite', path: config.store.path, synchronous: config.store.synchronous };
}

/**
 * The composition root: the one place that picks concrete classes — key, store, clock,
 * logger — and wires them into a NodeService.
 */
export async function openNode(
  config: NodeConfig,
  logger: Logger,
  passphrase?: string,
  clock: Clock = systemClock,
): Promise<NodeService> {
  const keyPair = loadKeyPair(config.dataDir, passphrase);
  const identity = readIdentity(config.dataDir);
  const store = await openStore(storeConfigOf(config));
  const node = new NodeService({
    store,
    keyPair,
    identity,
    clock,
    logger,
    checkpointEvery: config.checkpointEvery,
  });
  try {
    await node.start();
  } catch (e) {
    await store.close();
    throw e;
  }
  usersByNode.set(node, new UsersService({ store, clock, logger }));
  attachTaxii(
    node,
    new TaxiiService({
      store,
      clock,
      logger,
      title: `Parley TAXII 2.1 server of ${String(identity.name ?? node.partyId)}`,
    }),
  );
  return node;
}

const usersByNode = new WeakMap<NodeService, UsersService>();
/** The accounts service over the store of a node opened by openNode (the web UI's sessions). */
export function usersOf(node: NodeService): UsersService | undefined {
  return usersByNode.get(node);
}
