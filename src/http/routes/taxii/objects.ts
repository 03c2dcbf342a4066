import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RawQuery } from '../../../service/taxii/taxii-filters.js';
import type { TaxiiPage } from '../../../service/taxii/taxii-resources.types.js';
import type { TaxiiService } from '../../../service/taxii/taxii-service.js';
import { principalOf } from '../../plugins/taxii-auth.js';
import { sendTaxii } from '../../plugins/taxii-media.js';
import {
  collectionParams,
  envelopeSchema,
  errorResponses,
  filterQuery,
  objectParams,
  pageHeaders,
  statusSchema,
  taxiiErrorRef,
  versionsSchema,
} from './taxii-schemas.js';

interface CollectionParams {
  root: string;
  collection: string;
}
interface ObjectParams extends CollectionParams {
  object: string;
}

/** Sends a page with its X-TAXII-Date-Added-First/Last headers (§3.3.1). */
export function sendPage(reply: FastifyReply, page: TaxiiPage): FastifyReply {
  if (page.dateAddedFirst) void reply.header('X-TAXII-Date-Added-First', page.dateAddedFirst);
  if (page.dateAddedLast) void reply.header('X-TAXII-Date-Added-Last', page.dateAddedLast);
  return sendTaxii(reply, 200, page.json);
}

/** The objects endpoints (§5.3–§5.7). */
export function objectRoutes(scope: FastifyInstance, taxii: TaxiiService): void {
  scope.get<{ Params: CollectionParams; Querystring: RawQuery }>(
    '/:root/collections/:collection/objects/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Objects of a collection, paged by date_added',
        params: collectionParams,
        querystring: filterQuery,
        response: { 200: { ...envelopeSchema, headers: pageHeaders }, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await taxii.getObjects(principalOf(req), req.params.root, req.params.collection, req.query),
      ),
  );

  scope.post<{ Params: CollectionParams; Body: unknown }>(
    '/:root/collections/:collection/objects/',
    {
      bodyLimit: taxii.maxContentLength,
      schema: {
        tags: ['taxii'],
        summary: 'Add objects (a TAXII envelope); answers with a status resource',
        params: collectionParams,
        response: {
          202: statusSchema,
          ...errorResponses,
          413: taxiiErrorRef,
          415: taxiiErrorRef,
          422: taxiiErrorRef,
        },
      },
    },
    async (req, reply) =>
      sendTaxii(
        reply,
        202,
        await taxii.addObjects(principalOf(req), req.params.root, req.params.collection, req.body),
      ),
  );

  scope.get<{ Params: ObjectParams; Querystring: RawQuery }>(
    '/:root/collections/:collection/objects/:object/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'One object (by default its last version)',
        params: objectParams,
        querystring: filterQuery,
        response: { 200: { ...envelopeSchema, headers: pageHeaders }, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await taxii.getObject(
          principalOf(req),
          req.params.root,
          req.params.collection,
          req.params.object,
          req.query,
        ),
      ),
  );

  scope.delete<{ Params: ObjectParams; Querystring: RawQuery }>(
    '/:root/collections/:collection/objects/:object/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Delete an object (the versions match[version] selects; default all)',
        params: objectParams,
        querystring: filterQuery,
        response: { 200: { type: 'object' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      await taxii.deleteObject(
        principalOf(req),
        req.params.root,
        req.params.collection,
        req.params.object,
        req.query,
      );
      return sendTaxii(reply, 200, '{}');
    },
  );

  scope.get<{ Params: ObjectParams; Querystring: RawQuery }>(
    '/:root/collections/:collection/objects/:object/versions/',
    {
      schema: {
        tags: ['taxii'],
        summary: 'Versions of an object',
        params: objectParams,
        querystring: filterQuery,
        response: { 200: { ...versionsSchema, headers: pageHeaders }, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendPage(
        reply,
        await taxii.getVersions(
          principalOf(req),
          req.params.root,
          req.params.collection,
          req.params.object,
          req.query,
        ),
      ),
  );
}
