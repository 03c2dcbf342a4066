import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPublicKey, createPrivateKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import { keyPairFromSeed, sign, verify, generateKeyPair, exportPrivateSeed, sha256, equalBytes } from '../../../../src/core/sig/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 8032 §7.1, transcribed from the RFC's text.
const RFC8032 = [
  {
    desc: 'TEST 1 (empty message)',
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    desc: 'TEST 2 (one byte)',
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    desc: 'TEST 3 (two bytes)',
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    desc: 'TEST SHA(abc)',
    seed: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    pk: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    msg: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    sig: 'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

describe('Ed25519 (RFC 8032 §7.1)', () => {
  for (const v of RFC8032) {
    it(`${v.desc}: derives the key, signs and verifies`, () => {
      const kp = keyPairFromSeed(hex(v.seed));
      assert.equal(toHex(kp.publicKey), v.pk);
      assert.equal(toHex(sign(kp.privateKey, hex(v.msg))), v.sig);
      assert.equal(verify(hex(v.pk), hex(v.msg), hex(v.sig)), true);
      assert.equal(toHex(exportPrivateSeed(kp.privateKey)), v.seed);
    });
  }
});

describe('Ed25519 (C2SP/wycheproof ed25519_test.json)', () => {
  // See test/vectors/wycheproof/SOURCE.md. Every "valid" case verifies, every "invalid" one fails.
  const data = JSON.parse(readFileSync('test/vectors/wycheproof/ed25519_test.json', 'utf8')) as {
    testGroups: { publicKey: { pk: string }; tests: { tcId: number; msg: string; sig: string; result: string; comment: string }[] }[];
  };
  let count = 0;
  for (const g of data.testGroups) {
    for (const t of g.tests) {
      count++;
      it(`tcId ${t.tcId} ${t.result} ${t.comment}`, () => {
        const got = verify(hex(g.publicKey.pk), hex(t.msg), hex(t.sig));
        assert.equal(got, t.result === 'valid', `tcId ${t.tcId}`);
      });
    }
  }
  it('ran the whole file', () => assert.ok(count > 100, `only ${count} cases`));
});

describe('interoperability with node:crypto (OpenSSL)', () => {
  const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
  const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
  it('each verifies the other (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (seed, msg) => {
        const kp = keyPairFromSeed(seed);
        const ours = sign(kp.privateKey, msg);
        const pub = createPublicKey({ key: Buffer.concat([SPKI, kp.publicKey]), format: 'der', type: 'spki' });
        const priv = createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' });
        assert.equal(nodeVerify(null, msg, pub, ours), true);
        const theirs = new Uint8Array(nodeSign(null, msg, priv));
        assert.deepEqual(theirs, ours);
        assert.equal(verify(kp.publicKey, msg, theirs), true);
      }),
      { numRuns: 100 },
    );
  });
  it('verify returns false, never throws, on wrong lengths', () => {
    const kp = generateKeyPair();
    const sig = sign(kp.privateKey, new Uint8Array([1]));
    assert.equal(verify(kp.publicKey.subarray(1), new Uint8Array([1]), sig), false);
    assert.equal(verify(kp.publicKey, new Uint8Array([1]), sig.subarray(1)), false);
    assert.equal(verify(kp.publicKey, new Uint8Array([2]), sig), false);
  });
});

describe('digest helpers', () => {
  it('sha256 matches FIPS 180-4 "abc"', () => {
    assert.equal(toHex(sha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('equalBytes compares content and length', () => {
    assert.equal(equalBytes(hex('0102'), hex('0102')), true);
    assert.equal(equalBytes(hex('0102'), hex('0103')), false);
    assert.equal(equalBytes(hex('0102'), hex('01')), false);
  });
});
