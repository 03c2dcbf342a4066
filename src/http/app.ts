import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { NodeService } from '../service/node-service.js';
import { problemSchema, registerErrorHandler } from './plugins/errors.js';
import { logRoutes } from './routes/log-routes.js';
import { nodeRoutes } from './routes/node-routes.js';

export interface AppOptions {
  readonly node: NodeService;
  readonly logger: Logger;
  readonly bodyLimit: number;
}

/** Builds the node's HTTP application without listening (tests use inject or listen on port 0). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit,
    genReqId: () => crypto.randomUUID(),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parley node API', version: '1', description: 'Logs, checkpoints and proofs of a Parley node.' },
    },
  });
  app.addSchema(problemSchema);
  registerErrorHandler(app);
  nodeRoutes(app, opts.node);
  logRoutes(app, opts.node);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
