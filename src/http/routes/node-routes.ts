import type { FastifyInstance } from 'fastify';
import type { NodeService } from '../../service/node-service.js';

const identitySchema = {
  type: 'object',
  properties: {
    party_id: { type: 'string' },
    name: { type: 'string' },
    public_key: { type: 'string', description: 'base64 raw Ed25519 public key' },
    note_verifier_key: { type: 'string', description: 'C2SP signed-note verifier key for checkpoints' },
    identity: {
      type: 'object',
      additionalProperties: true,
      description: 'the STIX 2.1 identity of the party',
    },
  },
  required: ['party_id', 'name', 'public_key', 'note_verifier_key', 'identity'],
} as const;

/** Health and the node's identity. */
export function nodeRoutes(app: FastifyInstance, node: NodeService): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and storage check',
        tags: ['node'],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              engine: { type: 'string' },
              party_id: { type: 'string' },
            },
          },
        },
      },
    },
    async () => {
      const h = await node.health();
      return { status: h.ok ? 'ok' : 'degraded', engine: h.engine, party_id: node.partyId };
    },
  );

  const identityHandler = async (): Promise<Record<string, unknown>> => {
    const id = node.identity();
    return {
      party_id: id.partyId,
      name: id.name,
      public_key: id.publicKey,
      note_verifier_key: id.noteVerifierKey,
      identity: id.identity,
    };
  };
  const schema = {
    summary: "The node's party: id, key and STIX identity",
    tags: ['node'],
    response: { 200: identitySchema },
  };
  app.get('/v1/identity', { schema }, identityHandler);
  app.get('/.well-known/parley', { schema: { ...schema, hide: true } }, identityHandler);
}
