import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../http/app.js';
import { FederationClient } from '../http/client/federation-client.js';
import { WebhookNotifier } from '../http/webhook-notifier.js';
import type { FederationLimits } from '../http/plugins/federation-limits.js';
import {
  DEFAULT_DIALOGUE_OPTIONS,
  type DialogueContext,
  type DialogueExtension,
  type DialogueOptions,
  type Notifier,
} from '../service/dialogue/context.js';
import { DialogueService, type DialogueSchedule } from '../service/dialogue/dialogue-service.js';
import type { Transport } from '../service/dialogue/transport.js';
import type { NodeConfig } from '../service/node-config.js';
import type { NodeService } from '../service/node-service.js';
import { systemClock, type Clock } from '../service/ports.js';
import { ThreatService } from '../service/threat/index.js';
import { threatSettings } from './threat-settings.js';
import { taxonomyRegistryOf } from './ci-settings.js';
import { ComparisonService, chunkSizeFor } from '../service/psi/index.js';
import { loadKeyPair } from './data-dir.js';
import { taxiiServiceOf } from '../service/taxii/index.js';
import { channelCollectionExtension, forwardOutbox } from '../service/dialogue/taxii-bridge.js';
import { openNode, usersOf } from './open-node.js';

export interface RuntimeOptions {
  readonly logger: Logger;
  readonly passphrase?: string;
  readonly clock?: Clock;
  readonly transport?: Transport;
  readonly notifier?: Notifier;
  readonly webhookUrl?: string;
  readonly dialogue?: Partial<DialogueOptions>;
  readonly schedule?: Partial<DialogueSchedule>;
  /** Features projecting envelopes (see DialogueExtension). */
  readonly extensions?: readonly DialogueExtension[];
  /** How often the TAXII outbox is forwarded to the channels; 0 turns it off. */
  readonly outboxEveryMs?: number;
  /** Federation rate limits over the configured ones (config.federation). */
  readonly federationLimits?: Partial<FederationLimits>;
}

export const DEFAULT_SCHEDULE: DialogueSchedule = {
  deadlineEveryMs: 30_000,
  checkpointEveryMs: 5 * 60_000,
  pingEveryMs: 0,
};

/** A whole node: store, services, background work and HTTP app, started and stopped as one. */
export interface NodeRuntime {
  readonly config: NodeConfig;
  readonly node: NodeService;
  readonly dialogue: DialogueService;
  /** Threat levels, assessments and critical-infrastructure designations. */
  readonly threat: ThreatService;
  /** Private list comparisons (docs/psi.md); listen() starts it, a CLI calls start() itself. */
  readonly comparisons: ComparisonService;
  readonly app: FastifyInstance;
  /** Listens, starts background work, and returns the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets in-flight work finish, then closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Wires a node from its configuration: the composition root of `parley serve`, the demo and the
 * integration tests (which run several nodes in one process, each on its own loopback port).
 */
export async function createRuntime(config: NodeConfig, opts: RuntimeOptions): Promise<NodeRuntime> {
  const clock = opts.clock ?? systemClock;
  // Before the store opens: a bad taxonomy file stops the start with nothing to close.
  const registry = taxonomyRegistryOf(config);
  const node = await openNode(config, opts.logger, opts.passphrase, clock);
  const keyPair = loadKeyPair(config.dataDir, opts.passphrase);
  // Request signatures use the wall clock: their freshness is checked against the peer's wall clock.
  const transport =
    opts.transport ??
    new FederationClient({ partyId: node.partyId, privateKey: keyPair.privateKey, logger: opts.logger });
  const ctx: DialogueContext & { endpoint: string } = {
    store: node.store,
    logs: node.logs,
    partyId: node.partyId,
    partyName: node.identity().name,
    keyPair,
    // Known once the server listens (port 0 picks a free one); set again in listen().
    endpoint:
      config.http.publicUrl?.replace(/\/+$/, '') ??
      (config.http.port ? `http://${config.http.host}:${config.http.port}` : ''),
    clock,
    logger: opts.logger,
    transport,
    notifier: opts.notifier ?? (opts.webhookUrl ? new WebhookNotifier(opts.webhookUrl) : undefined),
    options: { ...DEFAULT_DIALOGUE_OPTIONS, ...opts.dialogue },
    extensions: [...(opts.extensions ?? [])],
  };
  const dialogue = new DialogueService(ctx);
  const threat = new ThreatService({
    store: node.store,
    partyId: node.partyId,
    clock,
    logger: opts.logger,
    clockSkewSeconds: ctx.options.clockSkewSeconds,
    ...threatSettings(config),
    ...(registry ? { registry } : {}),
  });
  threat.attach((channel, input) => dialogue.send(channel, input));
  ctx.extensions.push(threat.extension);
  const comparisons = new ComparisonService({
    dialogue,
    chunkSize: chunkSizeFor(config.limits.maxEnvelopeBytes),
  });
  ctx.extensions.push(comparisons.extension);
  const taxii = taxiiServiceOf(node);
  if (taxii) ctx.extensions.push(channelCollectionExtension(taxii));
  let outboxTimer: NodeJS.Timeout | undefined;
  const users = usersOf(node);
  const app = await buildApp({
    node,
    dialogue,
    threat,
    comparisons,
    logger: opts.logger,
    bodyLimit: config.limits.maxBodyBytes,
    // The configured limits; a test or embedder may still override single numbers in code.
    federationLimits: { ...config.federation, ...opts.federationLimits },
    ...(users ? { users } : {}),
    ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    config,
    node,
    dialogue,
    threat,
    comparisons,
    app,
    async listen(): Promise<string> {
      const url = await app.listen({ host: config.http.host, port: config.http.port });
      const base = config.http.publicUrl?.replace(/\/+$/, '') ?? url;
      ctx.endpoint = base;
      await threat.ready();
      await dialogue.start({ ...DEFAULT_SCHEDULE, ...opts.schedule });
      await comparisons.start({ abandonOrphans: true });
      if (taxii && (opts.outboxEveryMs ?? 5000) > 0) {
        // What the party's tools POST to the TAXII outbox goes out as `share` envelopes.
        let running = false;
        outboxTimer = setInterval(() => {
          if (running) return;
          running = true;
          void forwardOutbox(taxii, dialogue)
            .catch((e: unknown) => opts.logger.error({ err: e }, 'outbox forwarding failed'))
            .finally(() => (running = false));
        }, opts.outboxEveryMs ?? 5000);
        outboxTimer.unref();
      }
      opts.logger.info({ url: base, party: node.partyId, engine: node.engine }, 'node listening');
      return base;
    },
    close(): Promise<void> {
      return (closing ??= (async () => {
        if (outboxTimer) clearInterval(outboxTimer);
        await app.close();
        await comparisons.close();
        await dialogue.stop();
        await node.close();
      })());
    },
  };
}
