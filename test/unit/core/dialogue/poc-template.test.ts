import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ValidationError } from '../../../../src/core/errors.js';
import { POC_TEMPLATE_FIELDS, checkBody, completeTemplate } from '../../../../src/core/dialogue/index.js';
import type { JsonObject } from '../../../../src/core/jcs/index.js';

/** Every required field, as a caller sends it (the node adds message_id and sent_at). */
const CALLER = {
  sender_state: 'XAR',
  sender_poc_role: 'technical',
  recipient_state: 'XBO',
  recipient_poc_role: 'diplomatic',
  communication_type: 'notification',
  urgency: 'urgent',
  incident_description: 'Ransomware at a meat-processing plant',
  handling: 'TLP:AMBER',
  acknowledgement_requested: true,
};
const FILL = { messageId: '0b6f2c3e-9a1d-4e8b-8c2f-5d7e1a3b9c40', sentAt: '2026-11-27T10:00:00.000Z' };
const full = (extra: Record<string, unknown> = {}) =>
  completeTemplate({ template: { ...CALLER, ...extra } } as JsonObject, FILL);
const without = (field: string) => {
  const t: Record<string, unknown> = { ...CALLER, message_id: FILL.messageId, sent_at: FILL.sentAt };
  delete t[field];
  return { template: t } as JsonObject;
};

function failure(
  kind: 'notify' | 'request',
  body: JsonObject,
): { code: string; pointer: string; message: string } | undefined {
  try {
    checkBody(kind, body);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return { code: e.code, pointer: e.details?.['pointer'] as string, message: e.message };
  }
}

describe('the POC template schema (docs/poc-template.md)', () => {
  it('is derived from the shipped field list, which is the shared research file byte for byte', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../../../src/core/dialogue/data/poc-template.json', import.meta.url), 'utf8'),
    ) as {
      fields: { id: string; app_required: boolean }[];
    };
    assert.deepEqual(
      POC_TEMPLATE_FIELDS.map((f) => f.id),
      shipped.fields.map((f) => f.id),
    );
    // The eleven fields docs/poc-template.md marks "required here".
    assert.deepEqual(
      shipped.fields.filter((f) => f.app_required).map((f) => f.id),
      [
        'message_id',
        'sent_at',
        'sender_state',
        'sender_poc_role',
        'recipient_state',
        'recipient_poc_role',
        'communication_type',
        'urgency',
        'incident_description',
        'handling',
        'acknowledgement_requested',
      ],
    );
  });

  it('accepts a template with every required field once the node filled its own', () => {
    assert.equal(failure('notify', full()), undefined);
    assert.equal(
      failure('request', { request_type: 'information', subject: 's', text: 't', ...full() } as JsonObject),
      undefined,
    );
  });

  it('accepts every optional field in its documented type', () => {
    const optional = {
      in_reply_to: null,
      language: 'ru',
      affected_sectors: ['us-energy', 'energy'],
      affected_asset_is_designated_ci: null,
      // Left blank in the report form when nothing is asked.
      requested_action: '',
      response_deadline: '2026-11-28T10:00:00Z',
      incident_first_seen: null,
      incident_last_seen: '2026-11-27T09:00:00.000Z',
      severity_assessment: 3,
      technical_annex: { type: 'bundle', id: 'bundle--0b6f2c3e-9a1d-4e8b-8c2f-5d7e1a3b9c41', objects: [] },
      norm_references: ['A/70/174 para 13(h)'],
      follow_up_contact: { name: 'Duty officer', channel: 'phone' },
      attachments: [{ name: 'pcap', media_type: 'application/vnd.tcpdump.pcap', sha256: 'a'.repeat(64) }],
    };
    assert.equal(failure('notify', full(optional)), undefined);
  });

  it('keeps a caller’s own message_id and sent_at', () => {
    const t = completeTemplate({ template: { ...CALLER, message_id: 'x', sent_at: 'y' } } as JsonObject, FILL)
      .template as JsonObject;
    assert.deepEqual([t.message_id, t.sent_at], ['x', 'y']);
    assert.deepEqual(completeTemplate({ text: 'no template' } as JsonObject, FILL), { text: 'no template' });
  });

  const cases: {
    desc: string;
    body: JsonObject;
    kind?: 'notify' | 'request';
    wantPointer: string;
    wantMessage?: RegExp;
  }[] = [
    ...[
      'sender_state',
      'sender_poc_role',
      'recipient_state',
      'recipient_poc_role',
      'communication_type',
      'urgency',
      'incident_description',
      'handling',
      'acknowledgement_requested',
      'message_id',
      'sent_at',
    ].map((f) => ({
      desc: `missing ${f}`,
      body: without(f),
      wantPointer: `/template/${f}`,
      wantMessage: /is required/,
    })),
    {
      desc: 'an urgency outside the enum',
      body: full({ urgency: 'asap' }),
      wantPointer: '/template/urgency',
      wantMessage: /"urgent", "priority", "routine"/,
    },
    {
      desc: 'a handling that is not a TLP 2.0 label',
      body: full({ handling: 'TLP:WHITE' }),
      wantPointer: '/template/handling',
    },
    {
      desc: 'a communication type outside the enum',
      body: full({ communication_type: 'incident_notification' }),
      wantPointer: '/template/communication_type',
    },
    {
      desc: 'a state that is not ISO 3166-1 alpha-3',
      body: full({ sender_state: 'Ardenia' }),
      wantPointer: '/template/sender_state',
    },
    {
      desc: 'acknowledgement_requested as a string',
      body: full({ acknowledgement_requested: 'yes' }),
      wantPointer: '/template/acknowledgement_requested',
    },
    {
      desc: 'a severity out of range',
      body: full({ severity_assessment: 6 }),
      wantPointer: '/template/severity_assessment',
    },
    {
      desc: 'a message_id that is not a UUID',
      body: full({ message_id: 'm-1' }),
      wantPointer: '/template/message_id',
    },
    {
      desc: 'a deadline that is not UTC',
      body: full({ response_deadline: '2026-11-28T10:00:00+03:00' }),
      wantPointer: '/template/response_deadline',
    },
    {
      desc: 'a technical annex that is not a bundle',
      body: full({ technical_annex: { type: 'indicator' } }),
      wantPointer: '/template/technical_annex/id',
    },
    {
      desc: 'a misspelt field',
      body: full({ urgancy: 'urgent' }),
      wantPointer: '/template/urgancy',
      wantMessage: /not a field/,
    },
    {
      desc: 'an empty description',
      body: full({ incident_description: '' }),
      wantPointer: '/template/incident_description',
    },
    {
      desc: 'an invalid template in a request',
      kind: 'request',
      body: {
        request_type: 'information',
        subject: 's',
        text: 't',
        template: { urgency: 'urgent' },
      } as JsonObject,
      wantPointer: '/template/message_id',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.desc} with ENVELOPE_INVALID naming ${c.wantPointer}`, () => {
      const f = failure(c.kind ?? 'notify', c.body);
      assert.equal(f?.code, 'ENVELOPE_INVALID');
      assert.equal(f?.pointer, c.wantPointer);
      assert.ok(f?.message.includes(c.wantPointer), f?.message);
      if (c.wantMessage) assert.match(f?.message ?? '', c.wantMessage);
    });
  }
});
