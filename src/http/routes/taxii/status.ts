import type { FastifyInstance } from 'fastify';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { principalOf } from '../../plugins/taxii-auth.js';
import { sendTaxii } from '../../plugins/taxii-media.js';
import { errorResponses, statusSchema } from './taxii-schemas.js';

/** GET /taxii2/{root}/status/{id}/ (§4.3). */
export function statusRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get<{ Params: { root: string; status: string } }>(
    '/:root/status/:status/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Status of an earlier POST',
        params: {
          type: 'object',
          properties: { root: { type: 'string' }, status: { type: 'string', maxLength: 100 } },
          required: ['root', 'status'],
        },
        response: { 200: statusSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendTaxii(reply, 200, await taxii.getStatus(principalOf(req), req.params.root, req.params.status)),
  );
}
