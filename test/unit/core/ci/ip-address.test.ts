import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isIP } from 'node:net';
import { checkCidr, formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../../../src/core/ci/index.js';

describe('parseIPv4', () => {
  const table: [string, number][] = [
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['192.0.2.1', 0xc0000201],
    ['10.0.0.256', -1],
    ['01.2.3.4', -1],
    ['1.2.3', -1],
    ['1.2.3.4.5', -1],
    ['1..3.4', -1],
    ['1.2.3.4 ', -1],
    ['', -1],
  ];
  for (const [s, want] of table) it(`parses "${s}"`, () => assert.equal(parseIPv4(s), want));
  it('round-trips every address (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => assert.equal(parseIPv4(formatIPv4(v)), v)),
    );
  });
});

describe('parseIPv6', () => {
  const ok: [string, string][] = [
    ['::', '::'],
    ['::1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['1::', '1::'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  ];
  for (const [s, want] of ok) {
    it(`parses "${s}" as ${want}`, () => {
      const out = new Uint32Array(4);
      assert.equal(parseIPv6(s, out), true);
      assert.equal(formatIPv6(out), want);
    });
  }
  for (const s of [
    ':',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::',
    '1:2:3:4:5:6:7',
    'g::',
    '1:',
    ':1',
    '::1.2.3',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7::8',
  ]) {
    it(`refuses "${s}"`, () => assert.equal(parseIPv6(s, new Uint32Array(4)), false));
  }
  it('agrees with node:net on random addresses in every text form (property)', () => {
    const words = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(words, (w) => {
        const text = formatIPv6(w);
        assert.equal(isIP(text), 6);
        const out = new Uint32Array(4);
        assert.equal(parseIPv6(text, out), true);
        assert.deepEqual([...out], w);
        const full = Array.from({ length: 8 }, (_, k) =>
          ((w[k >> 1]! >>> (k % 2 ? 0 : 16)) & 0xffff).toString(16).padStart(4, '0'),
        ).join(':');
        assert.equal(parseIPv6(full.toUpperCase(), out), true);
        assert.deepEqual([...out], w);
      }),
    );
  });
});

describe('checkCidr', () => {
  it('canonicalises and accepts /0, /32, /128 and bare addresses', () => {
    assert.equal((checkCidr('0.0.0.0/0') as { text: string }).text, '0.0.0.0/0');
    assert.equal((checkCidr('192.0.2.7') as { text: string }).text, '192.0.2.7/32');
    assert.equal((checkCidr('2001:DB8:0::/48') as { text: string }).text, '2001:db8::/48');
    assert.equal((checkCidr('::/0') as { text: string }).text, '::/0');
    assert.equal((checkCidr('2001:db8::1/128') as { text: string }).text, '2001:db8::1/128');
  });
  for (const bad of [
    '10.0.0.1/8',
    '10.0.0.0/33',
    '10.0.0.0/08',
    '2001:db8::1/64',
    '::/129',
    'x/8',
    '10.0.0.0/',
  ]) {
    it(`refuses "${bad}"`, () => assert.equal(typeof checkCidr(bad), 'string'));
  }
});
