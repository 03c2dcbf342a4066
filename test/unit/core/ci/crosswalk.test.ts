import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUILTIN_TAXONOMIES,
  createTaxonomyRegistry,
  registerTaxonomy,
  translateSectors,
} from '../../../../src/core/ci/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const registry = createTaxonomyRegistry();
const rows = (t: ReturnType<typeof translateSectors>) =>
  t.mappings.map((m) => [m.from, m.to, m.confidence, m.basis]);

describe('built-in taxonomies', () => {
  it('ship the four taxonomies with their sources', () => {
    const sizes = Object.fromEntries(BUILTIN_TAXONOMIES.map((t) => [t.id, t.entries.length]));
    assert.equal(sizes['us-ppd21'], 16);
    // 13 spheres plus the class of subjects that ensure their systems' interaction.
    assert.equal(sizes['ru-187fz'], 14);
    assert.equal(sizes['stix-industry-sector-ov'], 34);
    assert.ok(BUILTIN_TAXONOMIES.every((t) => t.sources.length > 0));
  });
  it('keep a NIS2 subsector’s parent', () => {
    const eu = BUILTIN_TAXONOMIES.find((t) => t.id === 'eu-nis2')!;
    assert.equal(eu.entries.find((e) => e.id === 'eu-a1-energy-gas')!.parent, 'eu-a1-energy');
  });
});

describe('translateSectors', () => {
  const table: {
    desc: string;
    sectors: string[];
    from: string;
    to: string;
    want: (string | undefined)[][];
    unmapped?: string[];
  }[] = [
    {
      desc: 'US energy to Russia: both spheres, close (crosswalk "high")',
      sectors: ['us-energy'],
      from: 'us-ppd21',
      to: 'ru-187fz',
      want: [
        ['us-energy', 'ru-energy', 'close', 'crosswalk'],
        ['us-energy', 'ru-fuel-energy-complex', 'close', 'crosswalk'],
      ],
    },
    {
      desc: 'US water has no 187-FZ counterpart and says so',
      sectors: ['us-water-wastewater'],
      from: 'us-ppd21',
      to: 'ru-187fz',
      want: [],
      unmapped: ['us-water-wastewater'],
    },
    {
      desc: 'US food to NIS2 food: partial (crosswalk "medium")',
      sectors: ['us-food-and-agriculture'],
      from: 'us-ppd21',
      to: 'eu-nis2',
      want: [['us-food-and-agriculture', 'eu-a2-food', 'partial', 'crosswalk']],
    },
    {
      desc: 'postal to US transport stays uncertain (entry marked uncertain in the source)',
      sectors: ['eu-a2-postal-courier'],
      from: 'eu-nis2',
      to: 'us-ppd21',
      want: [['eu-a2-postal-courier', 'us-transportation-systems', 'uncertain', 'crosswalk']],
    },
    {
      desc: 'US food to STIX: partial, from the entry’s own mapping',
      sectors: ['us-food-and-agriculture'],
      from: 'us-ppd21',
      to: 'stix-industry-sector-ov',
      want: [['us-food-and-agriculture', 'agriculture', 'partial', 'stix']],
    },
    {
      desc: 'STIX utilities to US: ambiguous, so partial at best',
      sectors: ['utilities'],
      from: 'stix-industry-sector-ov',
      to: 'us-ppd21',
      want: [
        ['utilities', 'us-energy', 'partial', 'stix'],
        ['utilities', 'us-water-wastewater', 'partial', 'stix'],
      ],
    },
    {
      desc: 'same taxonomy is identity',
      sectors: ['us-dams'],
      from: 'us-ppd21',
      to: 'us-ppd21',
      want: [['us-dams', 'us-dams', 'exact', 'identity']],
    },
  ];
  for (const c of table) {
    it(c.desc, () => {
      const t = translateSectors(registry, c.sectors, c.from, c.to);
      assert.deepEqual(rows(t), c.want);
      assert.deepEqual(t.unmapped, c.unmapped ?? []);
    });
  }
  it('uses the parent sector for a subsector outside the crosswalk', () => {
    const t = translateSectors(registry, ['eu-a1-transport-rail'], 'eu-nis2', 'ru-187fz');
    assert.deepEqual(
      t.mappings.map((m) => [m.to, m.viaParent]),
      [['ru-transport', 'eu-a1-transport']],
    );
  });
  it('lists unknown sector ids and refuses an unknown taxonomy', () => {
    assert.deepEqual(translateSectors(registry, ['nope'], 'us-ppd21', 'eu-nis2').unknown, ['nope']);
    assert.throws(
      () => translateSectors(registry, [], 'us-ppd21', 'mars'),
      (e: unknown) => e instanceof ValidationError && e.code === 'TAXONOMY_INVALID',
    );
  });
});

describe('registerTaxonomy', () => {
  const ua = {
    id: 'ua-cii',
    title: 'A party’s own sectors',
    sources: ['party statement'],
    entries: [
      { id: 'ua-power', name: 'Power', stix: ['energy'], stix_mapping_confidence: 'exact' },
      {
        id: 'ua-grid',
        name: 'Grid',
        parent: 'ua-power',
        stix: ['energy', 'utilities'],
        stix_mapping_confidence: 'close',
      },
      { id: 'ua-other', name: 'Other', stix: [], stix_mapping_confidence: 'uncertain' },
    ],
  };
  it('adds a party taxonomy that reaches the others through STIX, never better than partial', () => {
    const r = registerTaxonomy(registry, ua);
    const t = translateSectors(r, ['ua-power', 'ua-other'], 'ua-cii', 'ru-187fz');
    assert.deepEqual(rows(t), [
      ['ua-power', 'ru-energy', 'partial', 'stix-pivot'],
      ['ua-power', 'ru-fuel-energy-complex', 'partial', 'stix-pivot'],
      ['ua-power', 'ru-nuclear-energy', 'partial', 'stix-pivot'],
    ]);
    assert.deepEqual(t.unmapped, ['ua-other']);
    assert.equal(registry.taxonomies.has('ua-cii'), false, 'the original registry is unchanged');
  });
  it('lists every problem', () => {
    const bad = {
      id: 'us-ppd21',
      title: '',
      entries: [
        { id: 'a', name: 'A', stix: ['energy'], stix_mapping_confidence: 'sure' },
        { id: 'a', name: '', stix: [], stix_mapping_confidence: 'close' },
      ],
    };
    try {
      registerTaxonomy(registry, bad);
      assert.fail('expected TAXONOMY_INVALID');
    } catch (e) {
      assert.ok(e instanceof ValidationError && e.code === 'TAXONOMY_INVALID');
      const p = e.details?.problems as string[];
      for (const re of [
        /built-in/,
        /^title/,
        /stix_mapping_confidence/,
        /duplicate entry id "a"/,
        /entries\[1\].name/,
        /only be "uncertain"/,
      ]) {
        assert.ok(
          p.some((x) => re.test(x)),
          `${re} missing from ${p.join(' | ')}`,
        );
      }
    }
  });
  it('refuses a parent cycle', () => {
    const cyc = {
      ...ua,
      entries: [
        { id: 'x', name: 'X', parent: 'y', stix: ['energy'], stix_mapping_confidence: 'exact' },
        { id: 'y', name: 'Y', parent: 'x', stix: ['energy'], stix_mapping_confidence: 'exact' },
      ],
    };
    assert.throws(() => registerTaxonomy(registry, cyc), /cycle/);
  });
});
