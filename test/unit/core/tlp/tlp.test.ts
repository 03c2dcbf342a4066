import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  assessTlp,
  markingIndex,
  tlp2MarkingDefinition,
  tlpOf,
  type TlpLevel,
} from '../../../../src/core/tlp/index.js';

const obj = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'indicator',
  id,
  ...extra,
});
const marked = (id: string, ...refs: string[]) => obj(id, { object_marking_refs: refs });
const stixInvalid = (e: unknown) => (e as { code?: string }).code === 'STIX_INVALID';

describe('marking ids', () => {
  // Ids transcribed from oasis-open/cti-stix-common-objects extension-definition-specifications/tlp-2.0/
  // extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json and its examples/tlp-amber+strict.json.
  it('uses the OASIS TLP 2.0 extension and marking ids', () => {
    assert.equal(TLP2_EXTENSION_DEFINITION_ID, 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
    assert.deepEqual(tlp2MarkingDefinition('TLP:AMBER+STRICT'), {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
          extension_type: 'property-extension',
          tlp_2_0: 'amber+strict',
        },
      },
    });
  });

  it('matches the TLP 1.0 ids in the OASIS STIX 2.1 schema vendored under src/core/stix/schemas', () => {
    const schema = readFileSync('src/core/stix/schemas/common/marking-definition.json', 'utf8');
    for (const id of Object.values(TLP1_MARKING_IDS)) assert.ok(schema.includes(`"${id}"`), id);
  });

  it('orders levels from CLEAR to RED', () => {
    assert.deepEqual([...TLP_LEVELS], ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
  });
});

describe('tlpOf', () => {
  const cases: { desc: string; object: unknown; bundle?: unknown[]; want: TlpLevel }[] = [
    ...TLP_LEVELS.map((l) => ({
      desc: `TLP 2.0 ${l}`,
      object: marked('indicator--a', TLP2_MARKING_IDS[l]),
      want: l,
    })),
    {
      desc: 'TLP 1.0 WHITE is CLEAR',
      object: marked('indicator--a', TLP1_MARKING_IDS.white),
      want: 'TLP:CLEAR',
    },
    { desc: 'TLP 1.0 GREEN', object: marked('indicator--a', TLP1_MARKING_IDS.green), want: 'TLP:GREEN' },
    {
      desc: 'TLP 1.0 AMBER is AMBER',
      object: marked('indicator--a', TLP1_MARKING_IDS.amber),
      want: 'TLP:AMBER',
    },
    { desc: 'TLP 1.0 RED', object: marked('indicator--a', TLP1_MARKING_IDS.red), want: 'TLP:RED' },
    { desc: 'no marking: default AMBER', object: obj('indicator--a'), want: 'TLP:AMBER' },
    {
      desc: 'strictest of several',
      object: marked(
        'indicator--a',
        TLP2_MARKING_IDS['TLP:GREEN'],
        TLP2_MARKING_IDS['TLP:AMBER+STRICT'],
        TLP1_MARKING_IDS.white,
      ),
      want: 'TLP:AMBER+STRICT',
    },
    {
      desc: 'a granular RED marking makes the whole object RED',
      object: obj('indicator--a', {
        object_marking_refs: [TLP2_MARKING_IDS['TLP:CLEAR']],
        granular_markings: [{ marking_ref: TLP2_MARKING_IDS['TLP:RED'], selectors: ['description'] }],
      }),
      want: 'TLP:RED',
    },
    {
      desc: 'granular only',
      object: obj('indicator--a', {
        granular_markings: [
          { marking_ref: TLP2_MARKING_IDS['TLP:GREEN'], selectors: ['name'] },
          { lang: 'en', selectors: ['name'] },
        ],
      }),
      want: 'TLP:GREEN',
    },
    {
      desc: 'a custom TLP 2.0 definition in the bundle',
      object: marked('indicator--a', 'marking-definition--00000000-0000-4000-8000-000000000001'),
      bundle: [
        {
          type: 'marking-definition',
          id: 'marking-definition--00000000-0000-4000-8000-000000000001',
          extensions: {
            [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: 'red' },
          },
        },
      ],
      want: 'TLP:RED',
    },
    {
      desc: 'a STIX 2.1 definition_type tlp object in the bundle',
      object: marked('indicator--a', 'marking-definition--00000000-0000-4000-8000-000000000002'),
      bundle: [
        {
          type: 'marking-definition',
          id: 'marking-definition--00000000-0000-4000-8000-000000000002',
          definition_type: 'tlp',
          definition: { tlp: 'green' },
        },
      ],
      want: 'TLP:GREEN',
    },
    {
      desc: 'a TLP marking with an unknown value reads as RED',
      object: marked('indicator--a', 'marking-definition--00000000-0000-4000-8000-000000000003'),
      bundle: [
        {
          type: 'marking-definition',
          id: 'marking-definition--00000000-0000-4000-8000-000000000003',
          extensions: { [TLP2_EXTENSION_DEFINITION_ID]: { tlp_2_0: 'purple' } },
        },
      ],
      want: 'TLP:RED',
    },
    {
      desc: 'a bundle cannot relabel the RED id as CLEAR',
      object: marked('indicator--a', TLP2_MARKING_IDS['TLP:RED']),
      bundle: [{ ...tlp2MarkingDefinition('TLP:CLEAR'), id: TLP2_MARKING_IDS['TLP:RED'] }],
      want: 'TLP:RED',
    },
    {
      desc: 'a non-TLP statement marking leaves the default',
      object: marked('indicator--a', 'marking-definition--00000000-0000-4000-8000-000000000004'),
      bundle: [
        {
          type: 'marking-definition',
          id: 'marking-definition--00000000-0000-4000-8000-000000000004',
          definition_type: 'statement',
          definition: { statement: '© X' },
        },
      ],
      want: 'TLP:AMBER',
    },
    {
      desc: 'an unmarked marking-definition is CLEAR',
      object: tlp2MarkingDefinition('TLP:RED'),
      want: 'TLP:CLEAR',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => assert.equal(tlpOf(c.object, c.bundle ?? []), c.want));
  }

  it('takes a configured default', () => {
    assert.equal(tlpOf(obj('indicator--a'), [], { defaultLevel: 'TLP:RED' }), 'TLP:RED');
  });

  it('reports unresolved refs and where the level came from', () => {
    const a = assessTlp(
      marked(
        'indicator--a',
        'marking-definition--00000000-0000-4000-8000-0000000000ff',
        TLP2_MARKING_IDS['TLP:GREEN'],
      ),
      markingIndex([]),
    );
    assert.deepEqual(a, {
      id: 'indicator--a',
      level: 'TLP:GREEN',
      source: 'marking',
      tlpRefs: [TLP2_MARKING_IDS['TLP:GREEN']],
      unresolved: ['marking-definition--00000000-0000-4000-8000-0000000000ff'],
    });
    assert.equal(assessTlp(obj('indicator--b'), markingIndex([])).source, 'default');
  });

  it('refuses objects without an id or with malformed marking properties', () => {
    for (const o of [
      null,
      'x',
      [],
      { type: 'indicator' },
      obj('indicator--a', { object_marking_refs: 'x' }),
      obj('indicator--a', { object_marking_refs: [1] }),
      obj('indicator--a', { granular_markings: {} }),
      obj('indicator--a', { granular_markings: [1] }),
      obj('indicator--a', { granular_markings: [{ marking_ref: 5 }] }),
    ]) {
      assert.throws(() => tlpOf(o), stixInvalid, JSON.stringify(o));
    }
  });
});
