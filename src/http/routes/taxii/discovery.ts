import type { FastifyInstance } from 'fastify';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { sendTaxii } from '../../plugins/taxii-media.js';
import { errorResponses } from './taxii-schemas.js';

/** GET /taxii2/ — server discovery (§4.1). */
export function discoveryRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get(
    '/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'TAXII 2.1 server discovery',
        response: {
          200: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              description: { type: 'string' },
              default: { type: 'string' },
              api_roots: { type: 'array', items: { type: 'string' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (_req, reply) => sendTaxii(reply, 200, taxii.discovery()),
  );
}
