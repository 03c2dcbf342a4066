import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildDesignationIndex,
  createTaxonomyRegistry,
  parseDesignation,
} from '../../../../src/core/ci/index.js';
import type { Envelope } from '../../../../src/core/envelope/index.js';
import type { JsonObject } from '../../../../src/core/jcs/index.js';
import {
  DEFAULT_DESIGNATED_ESCALATION,
  DEFAULT_LEVEL_BANDS,
  NCISS_DEMO_MODEL,
} from '../../../../src/core/score/index.js';
import { entryKey } from '../../../../src/service/threat/index.js';
import { scoreNotification } from '../../../../src/service/threat/score-notification.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../../../helpers/threat-fixtures.js';

const A = 'identity--11111111-1111-4111-8111-111111111111';
const B = 'identity--22222222-2222-4222-8222-222222222222';
const registry = createTaxonomyRegistry();
const setup = {
  model: NCISS_DEMO_MODEL,
  registry,
  rule: DEFAULT_DESIGNATED_ESCALATION,
  bands: DEFAULT_LEVEL_BANDS,
};
const index = buildDesignationIndex([
  parseDesignation({ party: A, version: 1, ...FOOD_DESIGNATION }, registry),
]);
const empty = buildDesignationIndex([]);

function envelope(body: JsonObject, author = A): Envelope {
  return {
    v: 1,
    channel: 'channel--33333333-3333-4333-8333-333333333333',
    author,
    seq: 3,
    created: '2026-11-27T09:00:00.000Z',
    kind: 'notify',
    body,
    sig: '',
  };
}

describe('scoreNotification', () => {
  it('scores nothing without a bundle or without an incident', () => {
    assert.deepEqual(
      scoreNotification(setup, index, envelope({ template: NOTIFY_TEMPLATE }), 'h').records,
      [],
    );
    const noIncident = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [{ type: 'ipv4-addr', id: 'ipv4-addr--1', value: '198.51.100.1' }],
    };
    assert.deepEqual(
      scoreNotification(setup, index, envelope({ template: NOTIFY_TEMPLATE, bundle: noIncident }), 'h')
        .records,
      [],
    );
  });

  it('flags an incident whose observable is inside a designated range and whose victim sector is designated', () => {
    const { bundle, incidentId } = ransomwareBundle();
    const { records, problems } = scoreNotification(
      setup,
      index,
      envelope({ template: NOTIFY_TEMPLATE, bundle }),
      'h1',
    );
    assert.deepEqual(problems, []);
    const [r] = records;
    assert.equal(r!.incidentId, incidentId);
    assert.equal(r!.at, Date.parse('2026-11-27T09:00:00.000Z'));
    assert.deepEqual(r!.sectors, ['agriculture']);
    assert.ok(
      r!.designated.includes(`${A} v1 asset meat-co (Meat Co processing plant) ipv4 198.51.100.0/24`),
      r!.designated.join('\n'),
    );
    assert.ok(r!.designated.includes(`${A} v1 sector us-food-and-agriculture`));
    assert.ok(r!.score > r!.original && r!.score >= 40);
    const detail = JSON.parse(r!.detail) as {
      escalation: { rule: string; escalated: boolean };
      observables: { entries: string[] }[];
    };
    assert.equal(detail.escalation.escalated, true);
    assert.match(detail.escalation.rule, /0\.25/);
    assert.equal(detail.observables.length, 1);
  });

  it('concerns the party whose infrastructure matched, even when another party notified', () => {
    const { bundle } = ransomwareBundle({ ip: '2001:db8:100::7', victimSectors: ['energy'] });
    const [r] = scoreNotification(
      setup,
      index,
      envelope({ template: NOTIFY_TEMPLATE, bundle }, B),
      'h2',
    ).records;
    assert.equal(r!.author, B);
    assert.equal(r!.party, A);
    assert.deepEqual(r!.designated, [
      `${A} v1 asset meat-co (Meat Co processing plant) ipv6 2001:db8:100::/48`,
    ]);
  });

  it('does not flag an incident outside designated infrastructure, and then concerns the notifier', () => {
    const { bundle } = ransomwareBundle({ ip: '192.0.2.1', victimSectors: ['financial-services'] });
    const [r] = scoreNotification(
      setup,
      index,
      envelope({ template: NOTIFY_TEMPLATE, bundle }, B),
      'h3',
    ).records;
    assert.deepEqual(r!.designated, []);
    assert.equal(r!.score, r!.original);
    assert.equal(r!.party, B);
  });

  it('reads the template’s affected_sectors in a national taxonomy: matched as designated and translated to STIX', () => {
    const { bundle } = ransomwareBundle({ ip: '192.0.2.1', victimSectors: [] });
    const [r] = scoreNotification(
      setup,
      index,
      envelope({ template: { ...NOTIFY_TEMPLATE, affected_sectors: ['us-food-and-agriculture'] }, bundle }),
      'h4',
    ).records;
    assert.deepEqual(r!.designated, [`${A} v1 sector us-food-and-agriculture`]);
    assert.ok(r!.sectors.includes('agriculture'), r!.sectors.join(','));
  });

  it('without designations nothing is flagged and the score is NCISS’s alone', () => {
    const { bundle } = ransomwareBundle();
    const [r] = scoreNotification(
      setup,
      empty,
      envelope({ template: NOTIFY_TEMPLATE, bundle }),
      'h5',
    ).records;
    assert.deepEqual(r!.designated, []);
    assert.equal(r!.score, r!.original);
  });

  it('reports an incident it cannot score instead of throwing', () => {
    const { bundle } = ransomwareBundle();
    const objects = (bundle.objects as JsonObject[]).map((o) =>
      o.type === 'incident'
        ? {
            ...o,
            extensions: {
              'extension-definition--39355ea9-6ee9-475e-8e97-1fecade7de1c': {
                extension_type: 'property-extension',
                model_id: 'nciss-demo-notional',
                model_version: '1',
                inputs: { functional_impact: 'no-such-option' },
              },
            },
          }
        : o,
    );
    const out = scoreNotification(
      setup,
      index,
      envelope({ template: NOTIFY_TEMPLATE, bundle: { ...bundle, objects } }),
      'h6',
    );
    assert.equal(out.records.length, 0);
    assert.equal(out.problems.length, 1);
  });

  it('names entries readably', () => {
    assert.equal(
      entryKey({
        kind: 'asn',
        party: A,
        version: 2,
        taxonomy: 'us-ppd21',
        sector: 's',
        assetId: 'x',
        entry: 'AS64500',
        confidence: 'exact',
      }),
      `${A} v2 asset x asn AS64500`,
    );
  });
});
