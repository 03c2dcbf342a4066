import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { NodeService } from '../service/node-service.js';
import { problemSchema, registerErrorHandler } from './plugins/errors.js';
import { logRoutes } from './routes/log-routes.js';
import { nodeRoutes } from './routes/node-routes.js';
import type { UsersService } from '../service/users/index.js';
import { registerUi } from './routes/api/users-ui.js';
import type { DialogueService } from '../service/dialogue/dialogue-service.js';
import { federationRoutes } from './routes/federation/federation-routes.js';
import type { FederationLimits } from './plugins/federation-limits.js';
import { dialogueApiRoutes } from './routes/api/dialogue-api.js';
import { channelsAdminRoutes } from './routes/api/channels-admin-api.js';
import { logProofsRoutes } from './routes/api/log-proofs-api.js';
import { contactChecksRoutes } from './routes/api/contact-checks-api.js';
import { uiChangesRoutes } from './routes/api/ui-changes-api.js';
import type { ThreatService } from '../service/threat/index.js';
import { threatRoutes } from './routes/api/threat.js';
import { designationRoutes } from './routes/api/designations.js';
import type { ComparisonService } from '../service/psi/index.js';
import { comparisonRoutes } from './routes/api/comparisons.js';
import { taxiiServiceOf } from '../service/taxii/index.js';
import { registerTaxiiRoutes } from './routes/taxii/index.js';

export interface AppOptions {
  readonly node: NodeService;
  readonly logger: Logger;
  readonly bodyLimit: number;
  /** Accounts and sessions: with it, the app serves /api/v1/auth, /api/v1/users and the web UI. */
  readonly users?: UsersService;
  readonly publicUrl?: string;
  /** The dialogue: with it, the app serves the federation API. */
  readonly dialogue?: DialogueService;
  /** Threat levels and designations: with it and `users`, the app serves /api/v1/threat, /api/v1/designations, /api/v1/ci. */
  readonly threat?: ThreatService;
  /** Private list comparisons: with it and `users`, the app serves /api/v1/comparisons. */
  readonly comparisons?: ComparisonService;
  /** Federation rate limits; unset ones take DEFAULT_FEDERATION_LIMITS. */
  readonly federationLimits?: Partial<FederationLimits>;
}

/** How long close() lets requests in flight finish before it cuts the remaining connections. */
export const CLOSE_GRACE_MS = 3000;

/** Builds the node's HTTP application without listening (tests use inject or listen on port 0). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit,
    genReqId: () => crypto.randomUUID(),
  });
  // Closing waits for connections to end. One a peer opened but never sent a request on (its
  // process stopped mid-send) is neither in flight nor idle to Node, and would hold close() until
  // the server's headersTimeout (60 s): requests in flight get a grace period, then what is left
  // is cut.
  let cut: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
    cut.unref();
    done();
  });
  app.addHook('onClose', (_app, done) => {
    clearTimeout(cut);
    done();
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley node API',
        version: '1',
        description: 'Logs, checkpoints and proofs of a Parley node.',
      },
    },
  });
  app.addSchema(problemSchema);
  registerErrorHandler(app);
  nodeRoutes(app, opts.node);
  logRoutes(app, opts.node);
  if (opts.users) registerUi(app, opts.users, { publicUrl: opts.publicUrl });
  if (opts.users && opts.threat) {
    threatRoutes(app, opts.threat);
    designationRoutes(app, opts.threat);
  }
  if (opts.users && opts.comparisons) comparisonRoutes(app, opts.comparisons);
  const taxii = taxiiServiceOf(opts.node);
  if (taxii) await registerTaxiiRoutes(app, taxii);
  if (opts.dialogue && opts.users) {
    dialogueApiRoutes(app, opts.node, opts.dialogue);
    channelsAdminRoutes(app, opts.dialogue);
    logProofsRoutes(app, opts.node);
    contactChecksRoutes(app, opts.dialogue);
    uiChangesRoutes(app, opts.node.store);
  }
  if (opts.dialogue) {
    const dialogue = opts.dialogue;
    const limits = opts.federationLimits ? { limits: opts.federationLimits } : {};
    await app.register(async (scope) =>
      federationRoutes(scope, {
        node: opts.node,
        dialogue,
        publicUrl: opts.publicUrl,
        bodyLimit: opts.bodyLimit,
        ...limits,
      }),
    );
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
