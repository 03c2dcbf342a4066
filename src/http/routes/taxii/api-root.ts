import type { FastifyInstance } from 'fastify';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { sendTaxii } from '../../plugins/taxii-media.js';
import { errorResponses, rootParams } from './taxii-schemas.js';

interface RootParams {
  root: string;
}

/** GET /taxii2/{root}/ — API root information (§4.2). */
export function apiRootRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get<{ Params: RootParams }>(
    '/:root/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'TAXII 2.1 API root',
        params: rootParams,
        response: {
          200: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              description: { type: 'string' },
              versions: { type: 'array', items: { type: 'string' } },
              max_content_length: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => sendTaxii(reply, 200, taxii.apiRoot(req.params.root)),
  );
}
