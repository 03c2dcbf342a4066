import type { FastifyInstance } from 'fastify';
import { CHANNEL_ID_RE, HASH_HEX_RE } from '../../../core/envelope/index.js';
import type { DialogueService } from '../../../service/dialogue/dialogue-service.js';
import { incidentReportInput } from '../../../service/dialogue/incident-report.js';
import type { NodeService } from '../../../service/node-service.js';
import { NotFoundError } from '../../plugins/errors.js';
import { accessErrors, requireRole } from '../../plugins/session.js';
import { timelineFacts } from '../../../service/dialogue/timeline-facts.js';

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ type: 'object', properties, ...extra }) as const;
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const channelParams = obj({ id: { type: 'string', pattern: CHANNEL_ID_RE.source } }, { required: ['id'] });
const memberSchema = obj({ party: str, name: str, state: str });
const summarySchema = obj({
  id: str,
  name: str,
  state: str,
  created_at: str,
  members: { type: 'array', items: memberSchema },
  open_items: int,
  overdue_items: int,
});
const itemSchema = obj({
  hash: str,
  channel: str,
  channel_name: str,
  author: str,
  kind: str,
  created: str,
  summary: str,
  receipt_due: str,
  respond_by: str,
  overdue_at: str,
});
const alarmSchema = obj({
  id: int,
  kind: str,
  severity: str,
  channel: str,
  subject: str,
  message: str,
  raised_at: str,
  resolved_at: str,
  escalations: int,
});
const sent = obj({ hash: str, seq: int, kind: str });

/**
 * The dialogue as the browser UI needs it (docs/ui.md): channels and their timelines with
 * verification and receipt state, what awaits an answer, alarms, evidence, the directory and
 * communication checks, and the acts of an analyst — report, respond, co-sign, ping. Reads need
 * `viewer`, acts `analyst`; every act is audited with who did it.
 */
export function dialogueApiRoutes(app: FastifyInstance, node: NodeService, dialogue: DialogueService): void {
  const viewer = { preHandler: requireRole('viewer') };
  const analyst = { preHandler: requireRole('analyst') };

  async function overdueByChannel(): Promise<Map<string, Set<string>>> {
    const m = new Map<string, Set<string>>();
    for (const a of await dialogue.alarms(true)) {
      if (!a.channel || (a.kind !== 'receipt-overdue' && a.kind !== 'response-overdue')) continue;
      m.set(a.channel, (m.get(a.channel) ?? new Set()).add(a.subject));
    }
    return m;
  }

  async function summary(id: string, overdue: Map<string, Set<string>>): Promise<Record<string, unknown>> {
    const c = (await dialogue.channels()).find((x) => x.id === id);
    if (!c) throw new NotFoundError(`channel ${id}`);
    const members = await dialogue.members(id);
    const open = await dialogue.inbox(id);
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      created_at: c.createdAt,
      members: members.map((m) => ({ party: m.party, name: m.name, state: m.state })),
      open_items: open.awaitingUs.length + open.awaitingThem.length,
      overdue_items: overdue.get(id)?.size ?? 0,
    };
  }

  app.get(
    '/api/v1/channels',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        summary: 'Channels this party belongs to or is invited to',
        response: { 200: obj({ channels: { type: 'array', items: summarySchema } }), ...accessErrors },
      },
    },
    async () => {
      const overdue = await overdueByChannel();
      return { channels: await Promise.all((await dialogue.channels()).map((c) => summary(c.id, overdue))) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/channels/:id',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        params: channelParams,
        response: { 200: summarySchema, 404: { $ref: 'Problem#' }, ...accessErrors },
      },
    },
    async (req) => summary(req.params.id, await overdueByChannel()),
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; before?: number } }>(
    '/api/v1/channels/:id/envelopes',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        summary: "The channel's timeline, newest first, paged with `before`",
        params: channelParams,
        querystring: obj({
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          before: { type: 'integer', minimum: 1 },
        }),
        response: {
          200: obj({
            envelopes: {
              type: 'array',
              items: obj({
                hash: str,
                seq: int,
                author: str,
                author_name: str,
                kind: str,
                created: str,
                summary: str,
                respond_by: str,
                ref: str,
                status: str,
                ack_requested: { type: 'boolean' },
                responded_at: str,
                verification: obj({ signature: str, inclusion: str, receipt: str, receipt_at: str }),
              }),
            },
            next_before: int,
          }),
          ...accessErrors,
        },
      },
    },
    async (req) => {
      const rows = await node.store.dialogue.listTimeline(req.params.id, req.query.limit, req.query.before);
      const members = await dialogue.members(req.params.id);
      const names = new Map(members.map((m) => [m.party, m.name]));
      const others = (author: string) =>
        members.filter((m) => m.party !== author && m.state !== 'left').map((m) => m.party);
      const overdue = (await overdueByChannel()).get(req.params.id) ?? new Set<string>();
      const facts = await timelineFacts(node.store, rows);
      const envelopes = [];
      for (const r of rows) {
        const item = await node.store.dialogue.getItem(r.hash);
        let receipt = 'not-required';
        let receiptAt: string | undefined;
        if (item && r.author === node.partyId) {
          const got = await node.store.dialogue.receiptsFor(r.hash);
          const missing = others(r.author).filter((p) => !got.some((g) => g.party === p));
          receipt = missing.length === 0 ? 'received' : overdue.has(r.hash) ? 'overdue' : 'pending';
          receiptAt =
            missing.length === 0
              ? got
                  .map((g) => g.receivedAt)
                  .sort()
                  .at(-1)
              : undefined;
        }
        envelopes.push({
          hash: r.hash,
          seq: r.seq,
          author: r.author,
          author_name: names.get(r.author) ?? r.author,
          kind: r.kind,
          created: r.created,
          summary: r.summary,
          ...(item?.respondBy ? { respond_by: item.respondBy } : {}),
          ...(r.ref ? { ref: r.ref } : {}),
          ...(item?.respondedAt ? { responded_at: item.respondedAt } : {}),
          ...facts.get(r.hash),
          // Only envelopes whose signature and place in the author's log verified are stored.
          verification: {
            signature: 'verified',
            inclusion: 'verified',
            receipt,
            ...(receiptAt ? { receipt_at: receiptAt } : {}),
          },
        });
      }
      const last = rows.at(-1);
      return { envelopes, ...(rows.length === req.query.limit && last ? { next_before: last.id } : {}) };
    },
  );

  app.get<{ Querystring: { state?: string } }>(
    '/api/v1/items',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        summary: 'What awaits an answer, with deadlines',
        querystring: obj({ state: { enum: ['open'] } }),
        response: { 200: obj({ items: { type: 'array', items: itemSchema } }), ...accessErrors },
      },
    },
    async () => {
      const names = new Map((await dialogue.channels()).map((c) => [c.id, c.name]));
      const box = await dialogue.inbox();
      return {
        items: [...box.awaitingUs, ...box.awaitingThem].map((i) => ({
          hash: i.hash,
          channel: i.channel,
          channel_name: names.get(i.channel) ?? i.channel,
          author: i.author,
          kind: i.kind,
          created: i.created,
          summary: i.summary,
          receipt_due: i.receiptDueAt,
          ...(i.respondBy ? { respond_by: i.respondBy } : {}),
        })),
      };
    },
  );

  app.get<{ Querystring: { state?: string } }>(
    '/api/v1/alarms',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        querystring: obj({ state: { enum: ['open', 'all'] } }),
        response: { 200: obj({ alarms: { type: 'array', items: alarmSchema } }), ...accessErrors },
      },
    },
    async (req) => ({
      alarms: (await dialogue.alarms(req.query.state !== 'all')).map((a) => ({
        id: a.id,
        kind: a.kind,
        severity: a.severity,
        ...(a.channel ? { channel: a.channel } : {}),
        subject: a.subject,
        message: a.message,
        raised_at: a.raisedAt,
        escalations: a.escalations,
        ...(a.resolvedAt ? { resolved_at: a.resolvedAt } : {}),
      })),
    }),
  );

  app.get(
    '/api/v1/evidence',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        response: {
          200: obj({
            evidence: {
              type: 'array',
              items: obj({
                id: int,
                kind: str,
                channel: str,
                author: str,
                seq: int,
                detail: str,
                detected_at: str,
                first: str,
                second: str,
              }),
            },
          }),
          ...accessErrors,
        },
      },
    },
    async () => ({
      evidence: (await dialogue.evidence()).map((e) => ({
        id: e.id,
        kind: e.kind,
        channel: e.channel,
        author: e.author,
        ...(e.seq !== undefined ? { seq: e.seq } : {}),
        detail: e.detail,
        detected_at: e.detectedAt,
        first: Buffer.from(e.first).toString('base64'),
        ...(e.second ? { second: Buffer.from(e.second).toString('base64') } : {}),
      })),
    }),
  );

  app.get(
    '/api/v1/contacts',
    {
      ...viewer,
      schema: {
        tags: ['directory'],
        response: {
          200: obj({
            contacts: {
              type: 'array',
              items: obj({
                party: str,
                name: str,
                endpoint: str,
                channels: { type: 'array', items: str },
                home: { type: 'boolean' },
              }),
            },
          }),
          ...accessErrors,
        },
      },
    },
    async () => {
      const byParty = new Map<
        string,
        { party: string; name: string; endpoint: string; channels: string[]; home: boolean }
      >();
      for (const c of await dialogue.channels()) {
        for (const m of await dialogue.members(c.id)) {
          const e = byParty.get(m.party) ?? {
            party: m.party,
            name: m.name,
            endpoint: m.endpoint,
            channels: [],
            home: m.party === node.partyId,
          };
          e.channels.push(c.id);
          byParty.set(m.party, e);
        }
      }
      return { contacts: [...byParty.values()] };
    },
  );

  app.get(
    '/api/v1/contacts/checks',
    {
      ...viewer,
      schema: {
        tags: ['directory'],
        summary: 'Communication checks: pings and how fast each member answered',
        response: {
          200: obj({
            checks: {
              type: 'array',
              items: obj({
                channel: str,
                party: str,
                pings: int,
                answered: int,
                median_ms: int,
                last_ms: int,
              }),
            },
          }),
          ...accessErrors,
        },
      },
    },
    async () => ({
      checks: (await dialogue.pingStats()).map((s) => ({
        channel: s.channel,
        party: s.party,
        pings: s.pings,
        answered: s.answered,
        ...(s.medianMs !== undefined ? { median_ms: s.medianMs } : {}),
        ...(s.lastMs !== undefined ? { last_ms: s.lastMs } : {}),
      })),
    }),
  );

  app.get(
    '/api/v1/peers',
    {
      ...viewer,
      schema: {
        tags: ['directory'],
        summary: 'Delivery to each member: how far it confirmed, retries, last error',
        response: {
          200: obj({
            peers: {
              type: 'array',
              items: obj({
                channel: str,
                party: str,
                acked_seq: int,
                attempts: int,
                next_attempt_at: str,
                last_error: str,
                last_success_at: str,
              }),
            },
          }),
          ...accessErrors,
        },
      },
    },
    async () => ({
      peers: (await node.store.dialogue.listDeliveries()).map((d) => ({
        channel: d.channel,
        party: d.recipient,
        acked_seq: d.ackedSeq,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt,
        ...(d.lastError ? { last_error: d.lastError } : {}),
        ...(d.lastSuccessAt ? { last_success_at: d.lastSuccessAt } : {}),
      })),
    }),
  );

  app.post(
    '/api/v1/verify',
    {
      ...viewer,
      schema: {
        tags: ['verification'],
        summary: 'Re-verify every stored envelope, Merkle root and checkpoint',
        response: {
          200: obj({
            ok: { type: 'boolean' },
            logs: int,
            entries: int,
            checkpoints: int,
            failures: {
              type: 'array',
              items: obj({ channel: str, author: str, code: str, message: str, at: int }),
            },
          }),
          ...accessErrors,
        },
      },
    },
    async () => {
      const r = await node.verifyAll();
      return {
        ok: r.ok,
        logs: r.logs.length,
        entries: r.entries,
        checkpoints: r.checkpoints,
        failures: r.problems.map((p) => ({
          channel: p.channel,
          author: p.author,
          code: p.code,
          message: p.message,
          ...(p.at !== undefined ? { at: p.at } : {}),
        })),
      };
    },
  );

  // Every field of the POC template passes through; the service fills message_id and sent_at and checks the rest.
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/api/v1/channels/:id/incidents',
    {
      ...analyst,
      schema: {
        tags: ['dialogue'],
        summary:
          'Report an incident (POC template fields, optional STIX bundle): sent as notify, or as request when it asks for something',
        description:
          'The bundle is checked first: each observable (ipv4-addr, ipv6-addr, domain-name, url, autonomous-system, email-addr, file hashes) must hold a value the designation matcher reads (400 OBSERVABLE_INVALID), and every object must be valid STIX 2.1 (400 STIX_INVALID); the detail starts with the JSON pointer of the value, e.g. /bundle/objects/3/value.',
        params: channelParams,
        body: obj(
          {
            // Checked with the whole template by the service (ENVELOPE_INVALID naming the field).
            sender_state: str,
            sender_poc_role: str,
            recipient_state: str,
            recipient_poc_role: str,
            communication_type: {
              enum: [
                'incident_notification',
                'notification',
                'request_for_information',
                'request_for_assistance',
                'other',
              ],
            },
            urgency: { enum: ['urgent', 'priority', 'routine'] },
            incident_description: { type: 'string', minLength: 1, maxLength: 100_000 },
            affected_sectors: { type: 'array', items: str },
            requested_action: { type: 'string', maxLength: 10_000 },
            response_deadline: { type: 'string', format: 'date-time' },
            handling: { enum: ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] },
            acknowledgement_requested: { type: 'boolean' },
            bundle: { type: 'object' },
          },
          {
            required: ['communication_type', 'urgency', 'incident_description', 'handling'],
            additionalProperties: true,
          },
        ),
        response: { 201: sent, 400: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' }, ...accessErrors },
      },
    },
    async (req, reply) => {
      const e = await dialogue.send(req.params.id, incidentReportInput(req.body));
      await req.auditAs(`dialogue.${e.envelope.kind}`, e.hashHex, { channel: req.params.id });
      return reply.status(201).send({ hash: e.hashHex, seq: e.envelope.seq, kind: e.envelope.kind });
    },
  );

  const hashParams = obj(
    {
      id: { type: 'string', pattern: CHANNEL_ID_RE.source },
      hash: { type: 'string', pattern: HASH_HEX_RE.source },
    },
    { required: ['id', 'hash'] },
  );
  app.post<{
    Params: { id: string; hash: string };
    Body: { status: 'answered' | 'partial' | 'declined' | 'acknowledged'; text: string };
  }>(
    '/api/v1/channels/:id/items/:hash/response',
    {
      ...analyst,
      schema: {
        tags: ['dialogue'],
        summary:
          'Answer a request, or acknowledge or answer an incident notification (a response referring to it)',
        params: hashParams,
        body: obj(
          {
            status: { enum: ['answered', 'partial', 'declined', 'acknowledged'] },
            text: { type: 'string', minLength: 1, maxLength: 100_000 },
          },
          { required: ['status', 'text'] },
        ),
        response: { 201: sent, ...accessErrors },
      },
    },
    async (req, reply) => {
      const e = await dialogue.respond(req.params.id, req.params.hash, req.body.status, req.body.text);
      await req.auditAs('dialogue.response', e.hashHex, { channel: req.params.id, request: req.params.hash });
      return reply.status(201).send({ hash: e.hashHex, seq: e.envelope.seq, kind: e.envelope.kind });
    },
  );

  app.post<{ Params: { id: string; hash: string } }>(
    '/api/v1/channels/:id/statements/:hash/sign',
    {
      ...analyst,
      schema: {
        tags: ['dialogue'],
        summary: 'Co-sign a proposed statement',
        params: hashParams,
        response: { 201: sent, ...accessErrors },
      },
    },
    async (req, reply) => {
      const e = await dialogue.signStatement(req.params.id, req.params.hash);
      await req.auditAs('dialogue.statement-sign', e.hashHex, {
        channel: req.params.id,
        statement: req.params.hash,
      });
      return reply.status(201).send({ hash: e.hashHex, seq: e.envelope.seq, kind: e.envelope.kind });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/channels/:id/ping',
    {
      ...analyst,
      schema: {
        tags: ['dialogue'],
        summary: 'Send a communication check',
        params: channelParams,
        response: { 201: sent, ...accessErrors },
      },
    },
    async (req, reply) => {
      const e = await dialogue.ping(req.params.id);
      await req.auditAs('dialogue.ping', e.hashHex, { channel: req.params.id });
      return reply.status(201).send({ hash: e.hashHex, seq: e.envelope.seq, kind: e.envelope.kind });
    },
  );

  app.get<{ Params: { id: string; hash: string } }>(
    '/api/v1/channels/:id/statements/:hash',
    {
      ...viewer,
      schema: {
        tags: ['dialogue'],
        summary: "A statement's co-signatures, verified with the members' pinned keys",
        params: hashParams,
        response: {
          200: obj({
            statement: str,
            title: str,
            text: str,
            author: str,
            complete: { type: 'boolean' },
            signatures: { type: 'array', items: obj({ party: str, valid: { type: 'boolean' }, at: str }) },
          }),
          ...accessErrors,
        },
      },
    },
    async (req) => {
      const s = await dialogue.verifyStatement(req.params.hash);
      return {
        statement: s.statement,
        title: s.title,
        text: s.text,
        author: s.author,
        complete: s.complete,
        signatures: s.signatures,
      };
    },
  );
}
