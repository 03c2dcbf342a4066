import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_TAG,
  computeContentDigest,
  requestFromUrl,
  signRequest,
  verifyRequest,
  type HttpSigRequest,
} from '../../../../src/core/httpsig/index.js';
import { ALICE, BOB, BODY, OPTS, T0, alice, at, baseRequest, bob, code, signed } from './fixtures.js';

describe('signRequest / verifyRequest round trip', () => {
  it('verifies and returns keyid, params, nonce and the replay horizon', () => {
    const v = verifyRequest(signed(), OPTS);
    assert.equal(v.keyid, ALICE);
    assert.equal(v.label, 'sig1');
    assert.equal(v.nonce, 'n-0001');
    assert.deepEqual(v.params, {
      created: T0.getTime() / 1000,
      keyid: ALICE,
      alg: 'ed25519',
      nonce: 'n-0001',
      tag: FEDERATION_TAG,
    });
    assert.deepEqual(v.components, [...FEDERATION_BODY_COMPONENTS]);
    assert.equal(v.replayableUntil.getTime(), at(330).getTime());
  });

  it('writes parameters in a fixed order, alg included', () => {
    const req = baseRequest();
    const h = signRequest(req, {
      keyId: ALICE,
      privateKey: alice.privateKey,
      created: new Date(T0.getTime() + 999),
      expires: at(60),
      nonce: 'n',
      tag: 't',
      components: ['@method'],
    });
    const c = T0.getTime() / 1000;
    assert.equal(
      h['signature-input'],
      `sig1=("@method");created=${c};expires=${c + 60};keyid="${ALICE}";alg="ed25519";nonce="n";tag="t"`,
    );
    assert.match(h.signature, /^sig1=:[A-Za-z0-9+/]{86}==:$/);
  });

  it('verifies when the receiver sees the default port and an upper-case host', () => {
    const req = signed(
      {},
      requestFromUrl('POST', 'https://node-b.example/federation/v1/inbox', {
        'content-type': 'application/json',
        'content-digest': computeContentDigest(BODY),
      }),
    );
    verifyRequest({ ...req, authority: 'NODE-B.example:443' }, OPTS);
  });

  it('verifies a request without a body when no body is given', () => {
    const req = signed(
      { components: ['@method', '@target-uri', '@authority'] },
      requestFromUrl('GET', 'https://node-b.example/log?from=3', {}),
    );
    verifyRequest(req, { ...OPTS, body: undefined, requiredComponents: ['@method', '@target-uri'] });
  });

  it('picks the signature by label and by tag when a proxy added another', () => {
    const req = signed();
    const other = signRequest(req, {
      keyId: BOB,
      privateKey: bob.privateKey,
      created: T0,
      components: ['@method'],
      label: 'proxy',
      tag: 'other',
    });
    const both = {
      ...req,
      headers: {
        ...req.headers,
        'signature-input': `${req.headers['signature-input']}, ${other['signature-input']}`,
        signature: `${req.headers.signature}, ${other.signature}`,
      },
    };
    assert.equal(verifyRequest(both, OPTS).keyid, ALICE);
    assert.equal(
      verifyRequest(both, {
        ...OPTS,
        requiredTag: undefined,
        body: undefined,
        requiredComponents: [],
        label: 'proxy',
      }).keyid,
      BOB,
    );
    assert.throws(() => verifyRequest(both, { ...OPTS, requiredTag: undefined }), code('HTTPSIG_AMBIGUOUS'));
  });
});

describe('tampering with each covered component fails', () => {
  const good = signed();
  const cases: { desc: string; req: HttpSigRequest; body?: Uint8Array; wantCode: string }[] = [
    { desc: '@method', req: { ...good, method: 'PUT' }, wantCode: 'SIG_INVALID' },
    { desc: '@target-uri path', req: { ...good, path: '/federation/v1/logs' }, wantCode: 'SIG_INVALID' },
    { desc: '@target-uri query', req: { ...good, query: 'batch=2' }, wantCode: 'SIG_INVALID' },
    { desc: '@target-uri query removed', req: { ...good, query: undefined }, wantCode: 'SIG_INVALID' },
    {
      desc: '@authority (another node)',
      req: { ...good, authority: 'node-c.example:8443' },
      wantCode: 'SIG_INVALID',
    },
    { desc: '@scheme (downgrade)', req: { ...good, scheme: 'http' }, wantCode: 'SIG_INVALID' },
    {
      desc: 'content-type',
      req: { ...good, headers: { ...good.headers, 'content-type': 'text/plain' } },
      wantCode: 'SIG_INVALID',
    },
    {
      desc: 'content-digest header and body together',
      req: {
        ...good,
        headers: { ...good.headers, 'content-digest': computeContentDigest(new Uint8Array([1])) },
      },
      body: new Uint8Array([1]),
      wantCode: 'SIG_INVALID',
    },
    {
      desc: 'body alone',
      req: good,
      body: new Uint8Array(Buffer.from('{"envelopes":[1]}')),
      wantCode: 'CONTENT_DIGEST_MISMATCH',
    },
    {
      desc: 'content-digest removed',
      req: { ...good, headers: { ...good.headers, 'content-digest': undefined } },
      wantCode: 'HTTPSIG_COMPONENT_MISSING',
    },
  ];
  for (const c of cases) {
    it(c.desc, () =>
      assert.throws(
        () => verifyRequest(c.req, { ...OPTS, ...(c.body ? { body: c.body } : {}) }),
        code(c.wantCode),
      ),
    );
  }

  it('every single-bit flip of the signature fails', () => {
    const sigB64 = /:(.*):/.exec(good.headers.signature as string)![1]!;
    const sig = Buffer.from(sigB64, 'base64');
    for (let bit = 0; bit < sig.length * 8; bit++) {
      const flipped = Buffer.from(sig);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const req = {
        ...good,
        headers: { ...good.headers, signature: `sig1=:${flipped.toString('base64')}:` },
      };
      assert.throws(() => verifyRequest(req, OPTS), code('SIG_INVALID'), `bit ${bit}`);
    }
  });

  it('changing a signed parameter fails (created, nonce, keyid swapped to another member)', () => {
    const input = good.headers['signature-input'] as string;
    const edits = [
      input.replace(`created=${T0.getTime() / 1000}`, `created=${T0.getTime() / 1000 + 1}`),
      input.replace('nonce="n-0001"', 'nonce="n-0002"'),
      input.replace(ALICE, BOB),
      input.replace(';alg="ed25519"', ''),
    ];
    for (const e of edits) {
      assert.throws(
        () => verifyRequest({ ...good, headers: { ...good.headers, 'signature-input': e } }, OPTS),
        code('SIG_INVALID'),
        e,
      );
    }
  });

  it('a signature by a key other than the keyid names fails', () => {
    const req = signed({ keyId: BOB });
    assert.throws(() => verifyRequest(req, OPTS), code('SIG_INVALID'));
  });
});

describe('time: created, expires, max age, skew (inclusive bounds)', () => {
  const req = signed();
  const cases: { desc: string; now: Date; wantCode?: string }[] = [
    { desc: 'created exactly skew seconds ahead', now: at(-30) },
    {
      desc: 'created skew + 1 ms ahead',
      now: new Date(at(-30).getTime() - 1),
      wantCode: 'HTTPSIG_NOT_YET_VALID',
    },
    { desc: 'created far in the future', now: at(-3600), wantCode: 'HTTPSIG_NOT_YET_VALID' },
    { desc: 'exactly max age + skew old', now: at(330) },
    { desc: 'max age + skew + 1 ms old', now: new Date(at(330).getTime() + 1), wantCode: 'HTTPSIG_EXPIRED' },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      if (c.wantCode) assert.throws(() => verifyRequest(req, { ...OPTS, now: c.now }), code(c.wantCode));
      else verifyRequest(req, { ...OPTS, now: c.now });
    });
  }

  it('expires is honoured (with skew) before max age', () => {
    const r = signed({ expires: at(60) });
    assert.equal(verifyRequest(r, { ...OPTS, now: at(90) }).replayableUntil.getTime(), at(90).getTime());
    assert.throws(
      () => verifyRequest(r, { ...OPTS, now: new Date(at(90).getTime() + 1) }),
      code('HTTPSIG_EXPIRED'),
    );
  });

  it('refuses a negative max age or skew', () => {
    assert.throws(
      () => verifyRequest(req, { ...OPTS, maxAgeSeconds: -1 }),
      (e: unknown) => (e as { code?: string }).code === 'CONFIG_INVALID',
    );
    assert.throws(
      () => verifyRequest(req, { ...OPTS, clockSkewSeconds: Number.NaN }),
      (e: unknown) => (e as { code?: string }).code === 'CONFIG_INVALID',
    );
  });
});
