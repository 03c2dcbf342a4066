import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_REPORTED_UNKNOWN_FIELDS,
  checkBody,
  checkReceivedBody,
  unknownTemplateFields,
} from '../../../../src/core/dialogue/index.js';
import { ValidationError } from '../../../../src/core/errors.js';
import type { JsonObject } from '../../../../src/core/jcs/index.js';

/** A template as a node signs it: every required field, the node's own two included. */
const TEMPLATE = {
  message_id: '0b6f2c3e-9a1d-4e8b-8c2f-5d7e1a3b9c40',
  sent_at: '2026-11-27T10:00:00.000Z',
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
const notify = (extra: Record<string, unknown> = {}): JsonObject =>
  ({ template: { ...TEMPLATE, ...extra } }) as JsonObject;
const request = (extra: Record<string, unknown> = {}): JsonObject =>
  ({ request_type: 'information', subject: 's', text: 't', ...notify(extra) }) as JsonObject;

describe('checkReceivedBody: a peer’s body during a POC template rollout', () => {
  const cases: {
    desc: string;
    kind: 'notify' | 'request' | 'ping' | 'note';
    body: JsonObject;
    wantUnknown: string[];
    wantPointer?: string;
  }[] = [
    { desc: 'a conforming notify', kind: 'notify', body: notify(), wantUnknown: [] },
    {
      desc: 'a notify with a field the template dropped',
      kind: 'notify',
      body: notify({ legacy_contact_fax: '+00 0000 0000' }),
      wantUnknown: ['legacy_contact_fax'],
    },
    {
      desc: 'a request with fields added after this release, of any JSON type',
      kind: 'request',
      body: request({ impact_estimate: { people: 3 }, regional_group: ['A', 'B'], flags: null }),
      wantUnknown: ['impact_estimate', 'regional_group', 'flags'],
    },
    {
      desc: 'an unknown field beside a bad known one: the known one is still checked',
      kind: 'notify',
      body: notify({ legacy_contact_fax: 'x', urgency: 'whenever' }),
      wantUnknown: ['legacy_contact_fax'],
      wantPointer: '/template/urgency',
    },
    {
      desc: 'an unknown field and a missing required one',
      kind: 'notify',
      body: { template: { legacy_contact_fax: 'x' } } as JsonObject,
      wantUnknown: ['legacy_contact_fax'],
      wantPointer: '/template/message_id',
    },
    {
      desc: 'an unknown field beside the template, not in it: the body itself stays closed',
      kind: 'notify',
      body: { ...notify(), priority: 'high' } as JsonObject,
      wantUnknown: [],
      wantPointer: '/priority',
    },
    {
      desc: 'a template that is not an object',
      kind: 'notify',
      body: { template: 'urgent' } as JsonObject,
      wantUnknown: [],
      wantPointer: '/template',
    },
    {
      desc: 'a kind without a template, checked as checkBody does',
      kind: 'ping',
      body: { nonce: 'n', extra: 1 } as JsonObject,
      wantUnknown: [],
      wantPointer: '/extra',
    },
    { desc: 'a kind without a schema of its own', kind: 'note', body: { anything: 1 }, wantUnknown: [] },
  ];
  for (const c of cases) {
    it(`${c.desc}: ${c.wantPointer ? `problem at ${c.wantPointer}` : 'no problem'}, unknown [${c.wantUnknown.join(', ')}]`, () => {
      const r = checkReceivedBody(c.kind, c.body);
      assert.deepEqual(r.unknownTemplateFields, c.wantUnknown);
      if (c.wantPointer === undefined) assert.equal(r.problem, undefined, r.problem?.message);
      else {
        assert.ok(r.problem instanceof ValidationError);
        assert.equal(r.problem.code, 'ENVELOPE_INVALID');
        assert.equal(r.problem.details?.['pointer'], c.wantPointer);
      }
    });
  }

  it('leaves the send-side check strict: a node never signs a field it does not know', () => {
    assert.throws(
      () => checkBody('notify', notify({ legacy_contact_fax: 'x' })),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === 'ENVELOPE_INVALID' &&
        e.details?.['pointer'] === '/template/legacy_contact_fax',
    );
  });

  it('finds the same problem checkBody throws when the unknown fields are not the cause', () => {
    const body = notify({ severity_assessment: 9 });
    const r = checkReceivedBody('notify', body);
    assert.throws(
      () => checkBody('notify', body),
      (e: unknown) => e instanceof ValidationError && e.message === r.problem?.message,
    );
  });
});

describe('unknownTemplateFields', () => {
  it('names the fields outside the shipped list, in the template’s order', () => {
    assert.deepEqual(unknownTemplateFields({ ...TEMPLATE, zeta: 1, alpha: 2 }), ['zeta', 'alpha']);
    assert.deepEqual(unknownTemplateFields(TEMPLATE), []);
  });

  it('has none for anything but an object', () => {
    for (const v of [undefined, null, 'x', 3, ['message_id', 'odd']])
      assert.deepEqual(unknownTemplateFields(v), []);
  });

  it(`reports at most ${MAX_REPORTED_UNKNOWN_FIELDS} names`, () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i]));
    const names = unknownTemplateFields({ ...TEMPLATE, ...many });
    assert.equal(names.length, MAX_REPORTED_UNKNOWN_FIELDS);
    assert.equal(names[0], 'f0');
  });
});
