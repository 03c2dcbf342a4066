import type { FastifyInstance } from 'fastify';
import type { JsonObject } from '../../../core/jcs/index.js';
import type { DesignationVersion, ThreatService } from '../../../service/threat/index.js';
import { accessErrors, requireRole } from '../../plugins/session.js';
import {
  ackBodySchema,
  channelIdSchema,
  designateBodySchema,
  designationVersionSchema,
  matchSchema,
  objectionBodySchema,
  openObjectSchema,
  partyIdSchema,
  sentSchema,
  translationSchema,
} from './threat-schemas.js';

/**
 * /api/v1/designations and /api/v1/ci: each party's named critical infrastructure (versions, who
 * acknowledged or objected to which version and when), designating, acknowledging and objecting,
 * version diffs, the taxonomies and their crosswalk, and matching observables against designations.
 * Method: docs/critical-infrastructure.md.
 */

const problems = { 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' }, ...accessErrors } as const;
const DESIGNATION_BODY_LIMIT = 16 * 1024 * 1024;

const sent = (e: { hashHex: string; envelope: { kind: string; seq: number; channel: string } }) => ({
  hash: e.hashHex,
  kind: e.envelope.kind,
  seq: e.envelope.seq,
  channel: e.envelope.channel,
});

function withState(
  versions: readonly DesignationVersion[],
  honoured: readonly DesignationVersion[],
): (DesignationVersion & { current: boolean; honoured: boolean })[] {
  const latest = new Map<string, number>();
  for (const v of versions)
    latest.set(`${v.channel} ${v.party}`, Math.max(latest.get(`${v.channel} ${v.party}`) ?? 0, v.version));
  return versions.map((v) => ({
    ...v,
    current: latest.get(`${v.channel} ${v.party}`) === v.version,
    honoured: honoured.includes(v),
  }));
}

const csv = (s: string | undefined): string[] =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '')
    : [];

export function designationRoutes(app: FastifyInstance, threat: ThreatService): void {
  app.addSchema(designationVersionSchema);
  const list = {
    type: 'object',
    properties: { designations: { type: 'array', items: { $ref: 'DesignationVersion#' } } },
    required: ['designations'],
  } as const;

  app.get<{ Querystring: { channel?: string; party?: string } }>(
    '/api/v1/designations',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'Designation versions with acknowledgements and objections (who, which version, when)',
        tags: ['designations'],
        querystring: { type: 'object', properties: { channel: channelIdSchema, party: partyIdSchema } },
        response: { 200: list, ...problems },
      },
    },
    async (req) => {
      const versions = (await threat.designations(req.query.channel)).filter(
        (v) => !req.query.party || v.party === req.query.party,
      );
      const channels = [...new Set(versions.map((v) => v.channel))];
      const honoured = (await Promise.all(channels.map((c) => threat.honoured(c)))).flat();
      return { designations: withState(versions, honoured) };
    },
  );

  app.get<{ Params: { channel: string; party: string; version: string } }>(
    '/api/v1/designations/:channel/:party/:version',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'One designation version (`latest` for the current one)',
        tags: ['designations'],
        params: {
          type: 'object',
          properties: {
            channel: channelIdSchema,
            party: partyIdSchema,
            version: { type: 'string', pattern: '^([1-9][0-9]{0,8}|latest)$' },
          },
          required: ['channel', 'party', 'version'],
        },
        response: { 200: { $ref: 'DesignationVersion#' }, ...problems },
      },
    },
    async (req) =>
      threat.designation(
        req.params.channel,
        req.params.party,
        req.params.version === 'latest' ? undefined : Number(req.params.version),
      ),
  );

  app.get<{ Params: { channel: string; party: string }; Querystring: { from: number; to: number } }>(
    '/api/v1/designations/:channel/:party/diff',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'What changed between two versions: sectors, assets added/removed, and per asset its entries',
        tags: ['designations'],
        params: {
          type: 'object',
          properties: { channel: channelIdSchema, party: partyIdSchema },
          required: ['channel', 'party'],
        },
        querystring: {
          type: 'object',
          properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
          required: ['from', 'to'],
        },
        response: { 200: openObjectSchema, ...problems },
      },
    },
    async (req) => threat.diff(req.params.channel, req.params.party, req.query.from, req.query.to),
  );

  app.post<{
    Body: { channel: string; taxonomy: string; sectors: string[]; assets: JsonObject[]; version?: number };
  }>(
    '/api/v1/designations',
    {
      bodyLimit: DESIGNATION_BODY_LIMIT,
      preHandler: requireRole('analyst'),
      schema: {
        summary: 'Designate: send this party’s next designation version (checked against the taxonomy first)',
        tags: ['designations'],
        body: designateBodySchema,
        response: { 201: sentSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { channel, ...input } = req.body;
      const e = await threat.designate(channel, input);
      await req.auditAs('designation.send', channel, { hash: e.hashHex, version: e.envelope.body.version });
      return reply.status(201).send(sent(e));
    },
  );

  app.post<{ Body: { channel: string; party: string; version?: number } }>(
    '/api/v1/designations/ack',
    {
      bodyLimit: 4096,
      preHandler: requireRole('analyst'),
      schema: {
        summary: 'Acknowledge a version of another party’s designation (the latest when omitted)',
        tags: ['designations'],
        body: ackBodySchema,
        response: { 201: sentSchema, ...problems },
      },
    },
    async (req, reply) => {
      const e = await threat.acknowledge(req.body.channel, req.body.party, req.body.version);
      await req.auditAs('designation.ack', req.body.channel, {
        party: req.body.party,
        version: e.envelope.body.version,
        hash: e.hashHex,
      });
      return reply.status(201).send(sent(e));
    },
  );

  app.post<{ Body: { channel: string; party: string; version: number; reasons: string[] } }>(
    '/api/v1/designations/objection',
    {
      bodyLimit: 512 * 1024,
      preHandler: requireRole('analyst'),
      schema: {
        summary: 'Object to a version of another party’s designation, with reasons (signed)',
        tags: ['designations'],
        body: objectionBodySchema,
        response: { 201: sentSchema, ...problems },
      },
    },
    async (req, reply) => {
      const e = await threat.object(req.body.channel, req.body.party, req.body.version, req.body.reasons);
      await req.auditAs('designation.object', req.body.channel, {
        party: req.body.party,
        version: req.body.version,
        hash: e.hashHex,
      });
      return reply.status(201).send(sent(e));
    },
  );

  ciRoutes(app, threat);
}

function ciRoutes(app: FastifyInstance, threat: ThreatService): void {
  app.get(
    '/api/v1/ci/taxonomies',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary: 'The critical-infrastructure taxonomies this node knows, with sources and caveats',
        tags: ['designations'],
        response: {
          200: {
            type: 'object',
            properties: { taxonomies: { type: 'array', items: openObjectSchema } },
            required: ['taxonomies'],
          },
          ...problems,
        },
      },
    },
    async () => ({ taxonomies: threat.taxonomies() }),
  );

  app.get<{
    Querystring: {
      from?: string;
      to: string;
      sectors?: string;
      channel?: string;
      party?: string;
      version?: number;
    };
  }>(
    '/api/v1/ci/crosswalk',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'How sectors (or a party’s designation) read in another taxonomy, each mapping with its confidence',
        tags: ['designations'],
        querystring: {
          type: 'object',
          properties: {
            to: { type: 'string', minLength: 1 },
            from: { type: 'string', description: 'taxonomy of `sectors`' },
            sectors: { type: 'string', description: 'comma-separated sector ids' },
            channel: channelIdSchema,
            party: partyIdSchema,
            version: { type: 'integer', minimum: 1 },
          },
          required: ['to'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              translation: translationSchema,
              designation: { $ref: 'DesignationVersion#' },
              assets: { type: 'array', items: openObjectSchema },
              unknown_taxonomy: {
                type: 'string',
                description:
                  'set when the designation’s taxonomy is not loaded on this node: its sector ids are shown as given, untranslated',
              },
            },
            required: ['translation'],
          },
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.channel && q.party) {
        const r = await threat.crosswalkDesignation(q.channel, q.party, q.to, q.version);
        return {
          translation: r.sectors,
          designation: r.designation,
          assets: r.assets,
          ...(r.unknownTaxonomy ? { unknown_taxonomy: r.unknownTaxonomy } : {}),
        };
      }
      return { translation: threat.crosswalk(csv(q.sectors), q.from ?? 'stix-industry-sector-ov', q.to) };
    },
  );

  app.get<{
    Querystring: {
      channel: string;
      ip?: string;
      domain?: string;
      url?: string;
      asn?: string;
      sectors?: string;
      taxonomy?: string;
    };
  }>(
    '/api/v1/ci/match',
    {
      preHandler: requireRole('viewer'),
      schema: {
        summary:
          'Which designated infrastructure observables and sectors fall inside (against the designations the channel honours)',
        tags: ['designations'],
        querystring: {
          type: 'object',
          properties: {
            channel: channelIdSchema,
            ip: { type: 'string', description: 'comma-separated IPv4/IPv6 addresses or CIDRs' },
            domain: { type: 'string', description: 'comma-separated domain names' },
            url: { type: 'string', description: 'one URL' },
            asn: { type: 'string', description: 'comma-separated AS numbers' },
            sectors: { type: 'string', description: 'comma-separated sector ids in `taxonomy`' },
            taxonomy: { type: 'string', default: 'stix-industry-sector-ov' },
          },
          required: ['channel'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              observables: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    observable: openObjectSchema,
                    matches: { type: 'array', items: matchSchema },
                  },
                  required: ['observable', 'matches'],
                },
              },
              sectors: { type: 'array', items: matchSchema },
            },
            required: ['observables', 'sectors'],
          },
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const observables = [
        ...csv(q.ip).map((value) => ({ type: value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value })),
        ...csv(q.domain).map((value) => ({ type: 'domain-name', value })),
        ...(q.url ? [{ type: 'url', value: q.url }] : []),
        ...csv(q.asn).map((value) => ({ type: 'autonomous-system', value })),
      ];
      return threat.match(q.channel, {
        observables,
        sectors: csv(q.sectors),
        ...(q.taxonomy ? { taxonomy: q.taxonomy } : {}),
      });
    },
  );
}
