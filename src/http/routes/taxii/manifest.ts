import type { FastifyInstance } from 'fastify';
import type { RawQuery } from '../../../service/taxii/taxii-filters.js';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { principalOf } from '../../plugins/taxii-auth.js';
import { sendPage } from './objects.js';
import {
  collectionParams,
  errorResponses,
  filterQuery,
  manifestSchema,
  pageHeaders,
} from './taxii-schemas.js';

/** GET …/manifest/ (§5.3): id, date_added, version and media type of each object. */
export function manifestRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get<{ Params: { root: string; collection: string }; Querystring: RawQuery }>(
    '/:root/collections/:collection/manifest/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Manifest of a collection',
        params: collectionParams,
        querystring: filterQuery,
        response: { 200: { ...manifestSchema, headers: pageHeaders }, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await taxii.getManifest(principalOf(req), req.params.root, req.params.collection, req.query),
      ),
  );
}
