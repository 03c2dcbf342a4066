/**
 * The TAXII 2.1 server under /taxii2/, in its own Fastify scope: TAXII media types only, the
 * TAXII error format, and authentication on every route.
 */
import type { FastifyInstance } from 'fastify';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { registerTaxiiErrorHandler } from '../../plugins/errors.js';
import { registerTaxiiAuth } from '../../plugins/taxii-auth.js';
import { registerTaxiiMedia } from '../../plugins/taxii-media.js';
import { apiRootRoutes } from './api-root.js';
import { collectionRoutes } from './collections.js';
import { discoveryRoutes } from './discovery.js';
import { manifestRoutes } from './manifest.js';
import { objectRoutes } from './objects.js';
import { statusRoutes } from './status.js';
import { taxiiErrorSchema } from './taxii-schemas.js';

export const TAXII_PREFIX = '/taxii2';

export async function registerTaxiiRoutes(app: FastifyInstance, taxii: TaxiiService): Promise<void> {
  app.addSchema(taxiiErrorSchema);
  await app.register(
    async (scope) => {
      registerTaxiiErrorHandler(scope);
      registerTaxiiMedia(scope);
      registerTaxiiAuth(scope, taxii);
      discoveryRoutes(scope, taxii);
      apiRootRoutes(scope, taxii);
      collectionRoutes(scope, taxii);
      objectRoutes(scope, taxii);
      manifestRoutes(scope, taxii);
      statusRoutes(scope, taxii);
    },
    { prefix: TAXII_PREFIX },
  );
}
