import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSignatureBase,
  computeContentDigest,
  signRequest,
  verifyContentDigest,
  verifyRequest,
  type HttpSigRequest,
} from '../../../../src/core/httpsig/index.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';

// RFC 9421 Appendix B.1.4, "Example Ed25519 Test Key" (test-key-ed25519), transcribed from the RFC.
// The private key is PKCS#8 (RFC 8410): a 16-byte DER prefix, then the 32-byte seed; the public key
// is SPKI: a 12-byte prefix, then the 32-byte key.
const B14_PRIVATE_PKCS8 = 'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF';
const B14_PUBLIC_SPKI = 'MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=';
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const SPKI_ED25519_PREFIX = '302a300506032b6570032100';

const der = (b64: string): Buffer => Buffer.from(b64, 'base64');
const seed = new Uint8Array(der(B14_PRIVATE_PKCS8).subarray(16));
const publicKey = new Uint8Array(der(B14_PUBLIC_SPKI).subarray(12));

// RFC 9421 Appendix B.2, the test-request message:
//   POST /foo?param=Value&Pet=dog HTTP/1.1
//   Host: example.com
//   Date: Tue, 20 Apr 2021 02:07:55 GMT
//   Content-Type: application/json
//   Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
//   Content-Length: 18
//
//   {"hello": "world"}
const BODY = new Uint8Array(Buffer.from('{"hello": "world"}'));
const TEST_REQUEST: HttpSigRequest = {
  method: 'POST',
  authority: 'example.com',
  path: '/foo',
  query: 'param=Value&Pet=dog',
  headers: {
    Host: 'example.com',
    Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    'Content-Type': 'application/json',
    'Content-Digest':
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    'Content-Length': '18',
  },
};

// RFC 9421 Appendix B.2.6, "Signing a Request Using ed25519"; the RFC 8792 line wrapping undone.
const B26_COMPONENTS = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
const B26_CREATED = 1618884473;
const B26_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join('\n');
const B26_SIGNATURE_INPUT =
  'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const B26_SIGNATURE =
  'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';

describe('RFC 9421 Appendix B.1.4 key', () => {
  it('has the Ed25519 PKCS#8 and SPKI prefixes and the seed derives the published public key', () => {
    assert.equal(der(B14_PRIVATE_PKCS8).subarray(0, 16).toString('hex'), PKCS8_ED25519_PREFIX);
    assert.equal(der(B14_PUBLIC_SPKI).subarray(0, 12).toString('hex'), SPKI_ED25519_PREFIX);
    assert.deepEqual(keyPairFromSeed(seed).publicKey, publicKey);
  });
});

describe('RFC 9421 Appendix B.2.6 (ed25519)', () => {
  it('builds the signature base byte for byte', () => {
    const base = buildSignatureBase(TEST_REQUEST, B26_COMPONENTS, {
      created: B26_CREATED,
      keyid: 'test-key-ed25519',
    });
    assert.equal(base, B26_BASE);
  });

  it('signs to the published Signature-Input and Signature (Ed25519 is deterministic)', () => {
    const out = signRequest(TEST_REQUEST, {
      keyId: 'test-key-ed25519',
      privateKey: keyPairFromSeed(seed).privateKey,
      created: new Date(B26_CREATED * 1000),
      components: B26_COMPONENTS,
      label: 'sig-b26',
      includeAlg: false,
    });
    assert.equal(out.signatureBase, B26_BASE);
    assert.equal(out['signature-input'], B26_SIGNATURE_INPUT);
    assert.equal(out.signature, B26_SIGNATURE);
  });

  it('verifies the published headers with the published public key', () => {
    const req: HttpSigRequest = {
      ...TEST_REQUEST,
      headers: { ...TEST_REQUEST.headers, 'Signature-Input': B26_SIGNATURE_INPUT, Signature: B26_SIGNATURE },
    };
    const v = verifyRequest(req, {
      resolveKey: (k) => (k === 'test-key-ed25519' ? publicKey : undefined),
      now: new Date((B26_CREATED + 10) * 1000),
      maxAgeSeconds: 300,
      clockSkewSeconds: 30,
      requiredComponents: ['@method', '@path', '@authority'],
    });
    assert.equal(v.label, 'sig-b26');
    assert.equal(v.keyid, 'test-key-ed25519');
    assert.deepEqual(v.components, B26_COMPONENTS);
    assert.equal(v.created.getTime(), B26_CREATED * 1000);
    assert.equal(v.nonce, undefined);
  });

  it('re-serialises a Signature-Input with extra spaces inside the list to the same base', () => {
    // A parser that tolerated spaces inside the list would still re-serialise to the same base.
    const spaced = B26_SIGNATURE_INPUT.replace('("date"', '(  "date"').replace(
      '"content-length")',
      '"content-length"  )',
    );
    const req: HttpSigRequest = {
      ...TEST_REQUEST,
      headers: { ...TEST_REQUEST.headers, 'Signature-Input': spaced, Signature: B26_SIGNATURE },
    };
    const v = verifyRequest(req, {
      resolveKey: () => publicKey,
      now: new Date(B26_CREATED * 1000),
      maxAgeSeconds: 60,
      clockSkewSeconds: 0,
      requiredComponents: [],
    });
    assert.equal(v.keyid, 'test-key-ed25519');
  });
});

describe('RFC 9530 Content-Digest', () => {
  // RFC 9530 Appendix B / RFC 9421 Appendix B.2 values for the body {"hello": "world"}.
  const SHA256 = 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:';
  const SHA512 =
    'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:';
  const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

  it('computes the published sha-256 value', () => {
    assert.equal(computeContentDigest(BODY), SHA256);
  });

  it('verifies sha-256, sha-512, both, and ignores unknown algorithms next to a known one', () => {
    verifyContentDigest(SHA256, BODY);
    verifyContentDigest(SHA512, BODY);
    verifyContentDigest(`${SHA256}, ${SHA512}`, BODY);
    verifyContentDigest(`md5=:AAAA:, ${SHA256}`, BODY);
  });

  const cases: { desc: string; header: string | undefined; body: Uint8Array; wantCode: string }[] = [
    { desc: 'no header', header: undefined, body: BODY, wantCode: 'CONTENT_DIGEST_MISSING' },
    {
      desc: 'body changed',
      header: SHA256,
      body: new Uint8Array(Buffer.from('{"hello": "world!"}')),
      wantCode: 'CONTENT_DIGEST_MISMATCH',
    },
    {
      desc: 'one of two digests wrong',
      header: `${SHA256}, sha-512=:${Buffer.alloc(64).toString('base64')}:`,
      body: BODY,
      wantCode: 'CONTENT_DIGEST_MISMATCH',
    },
    {
      desc: 'only unknown algorithms',
      header: 'md5=:AAAA:',
      body: BODY,
      wantCode: 'CONTENT_DIGEST_UNSUPPORTED',
    },
    { desc: 'empty header', header: '', body: BODY, wantCode: 'CONTENT_DIGEST_UNSUPPORTED' },
    { desc: 'not a byte sequence', header: 'sha-256="X48E9q"', body: BODY, wantCode: 'HTTPSIG_MALFORMED' },
    {
      desc: 'legacy Digest syntax',
      header: 'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
      body: BODY,
      wantCode: 'HTTPSIG_MALFORMED',
    },
  ];
  for (const c of cases) {
    it(`refuses: ${c.desc}`, () => {
      assert.throws(() => verifyContentDigest(c.header, c.body), code(c.wantCode));
    });
  }
});
