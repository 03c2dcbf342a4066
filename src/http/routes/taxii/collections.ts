import type { FastifyInstance } from 'fastify';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { principalOf } from '../../plugins/taxii-auth.js';
import { sendTaxii } from '../../plugins/taxii-media.js';
import { collectionParams, collectionSchema, errorResponses, rootParams } from './taxii-schemas.js';

/** GET /taxii2/{root}/collections/ and /collections/{id}/ (§5.1, §5.2). */
export function collectionRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get<{ Params: { root: string } }>(
    '/:root/collections/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Collections the caller may read or write',
        params: rootParams,
        response: {
          200: { type: 'object', properties: { collections: { type: 'array', items: collectionSchema } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      sendTaxii(reply, 200, await taxii.listCollections(principalOf(req), req.params.root)),
  );

  scope.get<{ Params: { root: string; collection: string } }>(
    '/:root/collections/:collection/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'One collection',
        params: collectionParams,
        response: { 200: collectionSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendTaxii(
        reply,
        200,
        await taxii.getCollection(principalOf(req), req.params.root, req.params.collection),
      ),
  );
}
