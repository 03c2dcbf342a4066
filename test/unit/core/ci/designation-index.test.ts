import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildDesignationIndex,
  createTaxonomyRegistry,
  formatIPv4,
  formatIPv6,
  parseDesignation,
  type Designation,
} from '../../../../src/core/ci/index.js';

const party = 'identity--0a0a0a0a-0000-4000-8000-000000000001';
const designation: Designation = parseDesignation({
  party,
  version: 3,
  taxonomy: 'us-ppd21',
  sectors: ['us-food-and-agriculture', 'us-energy'],
  assets: [
    {
      id: 'meat-co',
      name: 'Meat Co',
      sector: 'us-food-and-agriculture',
      domains: ['Example.COM.'],
      ip_ranges: ['10.0.0.0/8', '2001:db8::/32'],
      as_numbers: [64500],
    },
    {
      id: 'meat-plant',
      name: 'Meat Co plant 2',
      sector: 'us-food-and-agriculture',
      domains: ['plant.example.com'],
      ip_ranges: ['10.1.2.0/24', '2001:db8:1::/48', '10.1.2.0/24'],
    },
    {
      id: 'grid',
      name: 'Grid operator',
      sector: 'us-energy',
      domains: ['пример.рф'],
      ip_ranges: ['192.0.2.255/32', '0.0.0.0/0'],
      as_numbers: [4200000000],
    },
    {
      id: 'v6-all',
      name: 'Everything v6',
      sector: 'us-energy',
      ip_ranges: ['::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'],
    },
  ],
});
const index = buildDesignationIndex([designation]);
const ids = (ms: readonly { assetId?: string; entry: string }[]) =>
  ms.map((m) => `${m.assetId}:${m.entry}`).sort();

describe('DesignationIndex', () => {
  describe('IPv4', () => {
    const table: [string, string[]][] = [
      ['10.1.2.3', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8', 'meat-plant:10.1.2.0/24']],
      ['10.1.2.0', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8', 'meat-plant:10.1.2.0/24']],
      ['10.1.2.255', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8', 'meat-plant:10.1.2.0/24']],
      ['10.1.3.0', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8']],
      ['10.1.1.255', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8']],
      ['10.255.255.255', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8']],
      ['11.0.0.0', ['grid:0.0.0.0/0']],
      ['9.255.255.255', ['grid:0.0.0.0/0']],
      ['192.0.2.255', ['grid:0.0.0.0/0', 'grid:192.0.2.255/32']],
      ['192.0.2.254', ['grid:0.0.0.0/0']],
      ['0.0.0.0', ['grid:0.0.0.0/0']],
      ['255.255.255.255', ['grid:0.0.0.0/0']],
      ['not.an.ip', []],
    ];
    for (const [addr, want] of table)
      it(`matches ${addr}`, () => assert.deepEqual(ids(index.matchIp(addr)), want));
    it('reports a range designated twice in one asset once (canonical de-duplication)', () => {
      assert.equal(designation.assets[1]!.ip_ranges!.length, 2);
    });
  });

  describe('IPv6', () => {
    const table: [string, string[]][] = [
      ['2001:db8::1', ['meat-co:2001:db8::/32', 'v6-all:::/0']],
      ['2001:db8:1::5', ['meat-co:2001:db8::/32', 'meat-plant:2001:db8:1::/48', 'v6-all:::/0']],
      [
        '2001:db8:1:ffff:ffff:ffff:ffff:ffff',
        ['meat-co:2001:db8::/32', 'meat-plant:2001:db8:1::/48', 'v6-all:::/0'],
      ],
      ['2001:db8:2::', ['meat-co:2001:db8::/32', 'v6-all:::/0']],
      ['2001:db9::', ['v6-all:::/0']],
      ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', ['v6-all:::/0']],
      [
        'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        ['v6-all:::/0', 'v6-all:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'],
      ],
      ['::', ['v6-all:::/0']],
    ];
    for (const [addr, want] of table)
      it(`matches ${addr}`, () => assert.deepEqual(ids(index.matchIp(addr)), want));
  });

  describe('domains on label boundaries', () => {
    const table: [string, string[]][] = [
      ['example.com', ['meat-co:example.com']],
      ['a.example.com', ['meat-co:example.com']],
      ['A.B.EXAMPLE.COM.', ['meat-co:example.com']],
      ['plant.example.com', ['meat-co:example.com', 'meat-plant:plant.example.com']],
      ['x.plant.example.com', ['meat-co:example.com', 'meat-plant:plant.example.com']],
      ['evilexample.com', []],
      ['example.com.evil.org', []],
      ['com', []],
      ['xn--e1afmkfd.xn--p1ai', ['grid:xn--e1afmkfd.xn--p1ai']],
      ['почта.пример.рф', ['grid:xn--e1afmkfd.xn--p1ai']],
    ];
    for (const [host, want] of table)
      it(`matches ${host}`, () => assert.deepEqual(ids(index.matchDomain(host)), want));
  });

  describe('URLs', () => {
    const table: [string, string[]][] = [
      ['https://user:pw@a.example.com:8443/path?q=1#f', ['meat-co:example.com']],
      ['http://evilexample.com/example.com', []],
      ['http://10.1.2.3:80/', ['grid:0.0.0.0/0', 'meat-co:10.0.0.0/8', 'meat-plant:10.1.2.0/24']],
      ['http://[2001:db8::1]:8080/x', ['meat-co:2001:db8::/32', 'v6-all:::/0']],
      ['not a url', []],
    ];
    for (const [url, want] of table)
      it(`matches ${url}`, () => assert.deepEqual(ids(index.matchUrl(url)), want));
  });

  describe('AS numbers', () => {
    it('matches by number and by "AS" text, including 32-bit ASNs', () => {
      assert.deepEqual(ids(index.matchAsn(64500)), ['meat-co:AS64500']);
      assert.deepEqual(ids(index.matchAsn('as4200000000')), ['grid:AS4200000000']);
      assert.deepEqual(index.matchAsn(64501), []);
      assert.deepEqual(index.matchAsn('AS'), []);
    });
  });

  describe('STIX observables', () => {
    it('matches a bundle’s SCOs, CIDR values by overlap', () => {
      const found = index.matchStixObjects([
        { type: 'ipv4-addr', value: '10.1.2.0/23' },
        { type: 'domain-name', value: 'mail.example.com' },
        { type: 'autonomous-system', number: 64500 },
        { type: 'url', value: 'https://evilexample.com/' },
        { type: 'incident', name: 'x' },
      ]);
      assert.deepEqual(
        found.map((f) => f.observable.type),
        ['ipv4-addr', 'domain-name', 'autonomous-system'],
      );
      assert.deepEqual(ids(found[0]!.matches), [
        'grid:0.0.0.0/0',
        'meat-co:10.0.0.0/8',
        'meat-plant:10.1.2.0/24',
      ]);
    });
  });

  describe('sectors through the crosswalk', () => {
    const registry = createTaxonomyRegistry();
    it('matches a STIX victim sector to a designated US sector with its confidence', () => {
      const m = index.matchSectors(registry, ['agriculture'], 'stix-industry-sector-ov');
      assert.deepEqual(
        m.map((x) => [x.entry, x.confidence, x.via]),
        [['us-food-and-agriculture', 'partial', 'agriculture']],
      );
    });
    it('matches an EU sector through the curated crosswalk', () => {
      const m = index.matchSectors(registry, ['eu-a1-energy-gas'], 'eu-nis2');
      assert.deepEqual(
        m.map((x) => [x.entry, x.confidence]),
        [['us-energy', 'close']],
      );
    });
    it('leaves out matches below the floor', () => {
      assert.deepEqual(index.matchSectors(registry, ['agriculture'], 'stix-industry-sector-ov', 'close'), []);
    });
  });

  describe('random addresses inside random ranges (property)', () => {
    it('IPv4: an address inside always matches, one just outside never matches that range', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 0xffffffff }),
          (base, prefix, r) => {
            const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
            const lo = (base & mask) >>> 0;
            const hi = (lo | ~mask) >>> 0;
            const cidr = `${formatIPv4(lo)}/${prefix}`;
            const idx = buildDesignationIndex([
              parseDesignation({
                party,
                version: 1,
                taxonomy: 't',
                sectors: [],
                assets: [{ id: 'a', name: 'A', sector: 's', ip_ranges: [cidr] }],
              }),
            ]);
            const inside = (lo + (r % (hi - lo + 1))) >>> 0;
            assert.equal(idx.matchIPv4(formatIPv4(inside)).length, 1);
            if (lo > 0) assert.equal(idx.matchIPv4(formatIPv4(lo - 1)).length, 0);
            if (hi < 0xffffffff) assert.equal(idx.matchIPv4(formatIPv4(hi + 1)).length, 0);
          },
        ),
      );
    });
    it('IPv6: an address inside always matches', () => {
      const words = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 });
      fc.assert(
        fc.property(words, words, fc.integer({ min: 0, max: 128 }), (base, rnd, prefix) => {
          const lo: number[] = [];
          const inside: number[] = [];
          for (let w = 0; w < 4; w++) {
            const bits = Math.max(0, Math.min(32, prefix - 32 * w));
            const mask = bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
            lo.push((base[w]! & mask) >>> 0);
            inside.push(((base[w]! & mask) | (rnd[w]! & ~mask)) >>> 0);
          }
          const idx = buildDesignationIndex([
            parseDesignation({
              party,
              version: 1,
              taxonomy: 't',
              sectors: [],
              assets: [{ id: 'a', name: 'A', sector: 's', ip_ranges: [`${formatIPv6(lo)}/${prefix}`] }],
            }),
          ]);
          assert.equal(idx.matchIPv6(formatIPv6(inside)).length, 1);
        }),
      );
    });
    it('IPv4 with many overlapping ranges agrees with a linear scan', () => {
      const range = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 32 }));
      fc.assert(
        fc.property(
          fc.array(range, { minLength: 1, maxLength: 30 }),
          fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 30 }),
          (ranges, probes) => {
            const rs = ranges.map(([b, p]) => {
              const mask = (0xffffffff << (32 - p)) >>> 0;
              // Cluster the ranges so that they nest and overlap often.
              const lo = (b & 0x0f0fffff & mask) >>> 0;
              return { lo, hi: (lo | ~mask) >>> 0, text: `${formatIPv4(lo)}/${p}` };
            });
            const idx = buildDesignationIndex([
              parseDesignation({
                party,
                version: 1,
                taxonomy: 't',
                sectors: [],
                assets: rs.map((r, i) => ({ id: `a${i}`, name: 'A', sector: 's', ip_ranges: [r.text] })),
              }),
            ]);
            for (const p0 of [...probes, ...rs.flatMap((r) => [r.lo, r.hi, r.lo - 1, r.hi + 1])]) {
              const p = p0 >>> 0;
              const want = rs.flatMap((r, i) => (r.lo <= p && p <= r.hi ? [`a${i}`] : [])).sort();
              assert.deepEqual(
                idx
                  .matchIPv4(formatIPv4(p))
                  .map((m) => m.assetId!)
                  .sort(),
                want,
              );
            }
          },
        ),
      );
    });
  });
});
