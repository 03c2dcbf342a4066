import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTaxonomyRegistry, diffDesignations, parseDesignation } from '../../../../src/core/ci/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const party = 'identity--0a0a0a0a-0000-4000-8000-000000000001';
const registry = createTaxonomyRegistry();
const v1 = parseDesignation(
  {
    party,
    version: 1,
    taxonomy: 'us-ppd21',
    sectors: ['us-food-and-agriculture'],
    assets: [
      {
        id: 'meat-co',
        name: 'Meat Co',
        sector: 'us-food-and-agriculture',
        domains: ['example.com'],
        ip_ranges: ['198.51.100.0/24'],
        as_numbers: [64500],
      },
      { id: 'grid', name: 'Grid', sector: 'us-energy', ip_ranges: ['2001:db8::/32'] },
      { id: 'dam', name: 'Dam', sector: 'us-dams' },
    ],
  },
  registry,
);

describe('parseDesignation', () => {
  it('canonicalises entries', () => {
    const d = parseDesignation({
      party,
      version: 2,
      taxonomy: 'x',
      sectors: [],
      assets: [
        {
          id: 'a',
          name: ' A ',
          sector: 's',
          domains: ['WWW.Example.com.'],
          ip_ranges: ['2001:0DB8:0000::/48', '192.0.2.1'],
        },
      ],
    });
    assert.deepEqual(d.assets[0], {
      id: 'a',
      name: 'A',
      sector: 's',
      domains: ['www.example.com'],
      ip_ranges: ['2001:db8::/48', '192.0.2.1/32'],
    });
  });
  it('lists every problem at once', () => {
    try {
      parseDesignation(
        {
          party: 'someone',
          version: 0,
          taxonomy: 'us-ppd21',
          sectors: ['us-moon'],
          assets: [
            {
              id: 'a',
              name: '',
              sector: 'us-energy',
              domains: ['exa mple.com', '-bad.com'],
              ip_ranges: ['10.0.0.1/8', '300.0.0.0/8'],
              as_numbers: [-1, 2 ** 32],
            },
            { id: 'a', name: 'dup', sector: 'us-moon' },
          ],
        },
        registry,
      );
      assert.fail('expected DESIGNATION_INVALID');
    } catch (e) {
      assert.ok(e instanceof ValidationError && e.code === 'DESIGNATION_INVALID');
      const p = e.details?.problems as string[];
      const want = [
        /^party/,
        /^version/,
        /^sectors\[0\]/,
        /assets\[0\].name/,
        /domains\[0\]/,
        /domains\[1\]/,
        /host bits set/,
        /300.0.0.0/,
        /as_numbers\[0\]/,
        /as_numbers\[1\]/,
        /assets\[1\].sector/,
        /duplicate asset id "a"/,
      ];
      for (const re of want)
        assert.ok(
          p.some((x) => re.test(x)),
          `${re} missing from ${p.join(' | ')}`,
        );
      assert.equal(p.length, want.length);
    }
  });
  it('refuses an unknown taxonomy when given a registry', () => {
    assert.throws(
      () => parseDesignation({ party, version: 1, taxonomy: 'mars', sectors: [], assets: [] }, registry),
      ValidationError,
    );
  });
});

describe('diffDesignations', () => {
  it('reports nothing between a version and itself', () => {
    const d = diffDesignations(v1, { ...v1, version: 2 });
    assert.equal(d.empty, true);
    assert.equal(d.assets.unchanged, 3);
  });
  it('reports added and removed sectors and assets, and per-asset field changes', () => {
    const v2 = parseDesignation(
      {
        party,
        version: 2,
        taxonomy: 'us-ppd21',
        sectors: ['us-food-and-agriculture', 'us-water-wastewater'],
        assets: [
          {
            id: 'meat-co',
            name: 'Meat Co Ltd',
            sector: 'us-food-and-agriculture',
            domains: ['example.com', 'example.net'],
            ip_ranges: [],
            as_numbers: [64500, 64501],
          },
          { id: 'grid', name: 'Grid', sector: 'us-energy', ip_ranges: ['2001:DB8:0::/32'] },
          { id: 'water', name: 'Water works', sector: 'us-water-wastewater', domains: ['water.example'] },
        ],
      },
      registry,
    );
    const d = diffDesignations(v1, v2);
    assert.equal(d.empty, false);
    assert.deepEqual(d.sectors, { added: ['us-water-wastewater'], removed: [] });
    assert.deepEqual(
      d.assets.added.map((a) => a.id),
      ['water'],
    );
    assert.deepEqual(
      d.assets.removed.map((a) => a.id),
      ['dam'],
    );
    assert.deepEqual(d.assets.changed, [
      {
        id: 'meat-co',
        name: { from: 'Meat Co', to: 'Meat Co Ltd' },
        domains: { added: ['example.net'], removed: [] },
        ip_ranges: { added: [], removed: ['198.51.100.0/24'] },
        as_numbers: { added: [64501], removed: [] },
      },
    ]);
    assert.equal(d.assets.unchanged, 1, 'the grid range differs only in spelling');
  });
});
