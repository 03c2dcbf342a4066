import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type Sodium from 'libsodium-wrappers-sumo';
import { expandMessageXmd, loadPsiGroup, PSI_SUITES } from '../../../../src/core/psi/index.js';
import { PsiError } from '../../../../src/core/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

describe('expandMessageXmd', () => {
  // RFC 9380 Appendix K.3, expand_message_xmd(SHA-512), DST QUUX-V01-CS02-with-expander-SHA512-256.
  it('matches the RFC 9380 K.3 vector for the empty message', () => {
    const out = expandMessageXmd(new Uint8Array(), enc('QUUX-V01-CS02-with-expander-SHA512-256'), 0x20);
    assert.equal(hex(out), '6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba');
  });
  it('rejects an empty DST', () => {
    assert.throws(
      () => expandMessageXmd(enc('x'), new Uint8Array(), 32),
      (e: unknown) => e instanceof PsiError && e.code === 'PSI_INPUT_INVALID',
    );
  });
});

describe('curve25519_XMD:SHA-512_ELL2_NU_X25519 hashing', () => {
  // RFC 9380 Appendix J.4.2 (curve25519_XMD:SHA-512_ELL2_NU_): P.x, big-endian.
  const cases = [
    { msg: '', px: '1bb913f0c9daefa0b3375378ffa534bda5526c97391952a7789eb976edfe4d08' },
    { msg: 'abc', px: '7c22950b7d900fa866334262fcaea47a441a578df43b894b4625c9b450f9a026' },
    { msg: 'abcdef0123456789', px: '31ad08a8b0deeb2a4d8b0206ca25f567ab4e042746f792f4b7973f3ae2096c52' },
  ];
  for (const c of cases) {
    it(`gives the RFC 9380 J.4.2 u-coordinate for ${JSON.stringify(c.msg)}`, async () => {
      const g = await loadPsiGroup('curve25519_XMD:SHA-512_ELL2_NU_X25519');
      const out = g.hashToGroup([enc(c.msg)], enc('QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_NU_'));
      assert.equal(hex(Buffer.from(out).reverse()), c.px);
    });
  }
});

describe('ristretto255 one-way map', () => {
  // RFC 9496 Appendix A.3: 64 uniform bytes -> encoding. Checks the libsodium map our hashing uses.
  const cases = [
    [
      '5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c14d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6',
      '3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46',
    ],
    [
      'f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b270102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38',
      'f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b',
    ],
    [
      '8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c',
      '006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826',
    ],
  ] as const;
  it('matches RFC 9496 A.3', async () => {
    // The WebAssembly build's map; the native addon is checked against it in ristretto255-backends.test.ts.
    const sodium = createRequire(import.meta.url)('libsodium-wrappers-sumo') as typeof Sodium;
    await sodium.ready;
    for (const [input, output] of cases)
      assert.equal(hex(sodium.crypto_core_ristretto255_from_hash(unhex(input))), output);
  });
});

describe('blind', () => {
  const k = new Uint8Array(32).fill(3);
  // RFC 9496 Appendix A.2 bad encodings, and for X25519 small-order and non-canonical u values.
  const bad: Record<(typeof PSI_SUITES)[number], string[]> = {
    'ristretto255_XMD:SHA-512_R255MAP_RO_': [
      '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
      '0000000000000000000000000000000000000000000000000000000000000000',
    ],
    'curve25519_XMD:SHA-512_ELL2_NU_X25519': [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      '0900000000000000000000000000000000000000000000000000000000000080',
    ],
  };
  for (const suite of PSI_SUITES) {
    describe(suite, () => {
      it('rejects each invalid element with PSI_POINT_INVALID and its index', async () => {
        const g = await loadPsiGroup(suite);
        const good = g.hashToGroup([enc('a')], enc('T'));
        for (const b of bad[suite]) {
          const packed = new Uint8Array(64);
          packed.set(good, 0);
          packed.set(unhex(b), 32);
          assert.throws(
            () => g.blind(packed, k),
            (e: unknown) =>
              e instanceof PsiError && e.code === 'PSI_POINT_INVALID' && e.details?.['index'] === 1,
            b,
          );
        }
      });
      it('commutes: (x^a)^b = (x^b)^a', async () => {
        const g = await loadPsiGroup(suite);
        const p = g.hashToGroup([enc('one'), enc('two')], enc('T'));
        const a = new Uint8Array(32).fill(5);
        const b = new Uint8Array(32).fill(9);
        assert.deepEqual(g.blind(g.blind(p, a), b), g.blind(g.blind(p, b), a));
      });
      it('separates domains: another DST gives other points', async () => {
        const g = await loadPsiGroup(suite);
        assert.notDeepEqual(g.hashToGroup([enc('x')], enc('A')), g.hashToGroup([enc('x')], enc('B')));
      });
    });
  }
});
