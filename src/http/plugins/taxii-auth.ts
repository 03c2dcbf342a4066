/**
 * Resolves the caller of every TAXII route (HTTP Basic or bearer token, else `anonymous` if it
 * was granted rights) before the body is read; failures are TAXII_UNAUTHORIZED (401).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../service/taxii/taxii-auth.js';
import type { TaxiiService } from '../../service/taxii/taxii-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    taxiiPrincipal: Principal | undefined;
  }
}

export function registerTaxiiAuth(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.decorateRequest('taxiiPrincipal', undefined);
  scope.addHook('onRequest', async (req: FastifyRequest) => {
    req.taxiiPrincipal = await taxii.authenticate(req.headers.authorization);
  });
}

/** The caller, as resolved by the preHandler (always set inside TAXII handlers). */
export function principalOf(req: FastifyRequest): Principal {
  const p = req.taxiiPrincipal;
  if (!p) throw new Error('TAXII route without a resolved principal');
  return p;
}
