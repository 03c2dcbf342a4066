import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  verifyRequest,
  type HttpSigRequest,
  type VerifyRequestOptions,
} from '../../../../src/core/httpsig/index.js';
import { OPTS, at, code, signed } from './fixtures.js';

describe('missing and unacceptable signatures', () => {
  const good = signed();
  const input = good.headers['signature-input'] as string;
  const withHeaders = (h: Record<string, string | undefined>): HttpSigRequest => ({
    ...good,
    headers: { ...good.headers, ...h },
  });
  const cases: {
    desc: string;
    req: HttpSigRequest;
    opts?: Partial<VerifyRequestOptions>;
    wantCode: string;
  }[] = [
    {
      desc: 'no headers',
      req: withHeaders({ 'signature-input': undefined, signature: undefined }),
      wantCode: 'HTTPSIG_MISSING',
    },
    { desc: 'no Signature', req: withHeaders({ signature: undefined }), wantCode: 'HTTPSIG_MISSING' },
    {
      desc: 'labels do not pair',
      req: withHeaders({ signature: (good.headers.signature as string).replace('sig1', 'sig2') }),
      wantCode: 'HTTPSIG_MISSING',
    },
    { desc: 'wanted label absent', req: good, opts: { label: 'other' }, wantCode: 'HTTPSIG_MISSING' },
    {
      desc: 'tag of another application',
      req: signed({ tag: 'someone-else' }),
      wantCode: 'HTTPSIG_TAG_MISMATCH',
    },
    {
      desc: 'no tag when one is required',
      req: signed({ tag: undefined }),
      wantCode: 'HTTPSIG_TAG_MISMATCH',
    },
    {
      desc: 'label given, wrong tag',
      req: signed({ tag: 'x' }),
      opts: { label: 'sig1' },
      wantCode: 'HTTPSIG_TAG_MISMATCH',
    },
    { desc: 'unknown keyid', req: signed({ keyId: 'identity--unknown' }), wantCode: 'HTTPSIG_UNKNOWN_KEY' },
    {
      desc: 'required component not covered',
      req: signed({ components: ['@method', '@authority', 'content-digest', 'content-type'] }),
      wantCode: 'HTTPSIG_COMPONENT_MISSING',
    },
    {
      desc: 'body given, content-digest not covered',
      req: signed({ components: ['@method'] }),
      opts: { requiredComponents: ['@method'] },
      wantCode: 'HTTPSIG_COMPONENT_MISSING',
    },
    {
      desc: 'nonce required, absent',
      req: signed({ nonce: undefined }),
      opts: { requireNonce: true },
      wantCode: 'HTTPSIG_PARAM_MISSING',
    },
    {
      desc: 'no created',
      req: withHeaders({ 'signature-input': input.replace(/;created=\d+/, '') }),
      wantCode: 'HTTPSIG_PARAM_MISSING',
    },
    {
      desc: 'created as a string',
      req: withHeaders({ 'signature-input': input.replace(/created=(\d+)/, 'created="$1"') }),
      wantCode: 'HTTPSIG_PARAM_MISSING',
    },
    {
      desc: 'no keyid',
      req: withHeaders({ 'signature-input': input.replace(/;keyid="[^"]*"/, '') }),
      wantCode: 'HTTPSIG_PARAM_MISSING',
    },
    {
      desc: 'another alg',
      req: withHeaders({ 'signature-input': input.replace('ed25519', 'rsa-pss-sha512') }),
      wantCode: 'HTTPSIG_ALG_UNSUPPORTED',
    },
    {
      desc: 'expires before created',
      req: withHeaders({ 'signature-input': input.replace(/;keyid/, ';expires=1;keyid') }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
    {
      desc: 'Signature-Input not a dictionary',
      req: withHeaders({ 'signature-input': 'sig1=(' }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
    {
      desc: 'Signature-Input an item',
      req: withHeaders({ 'signature-input': 'sig1="x"' }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
    {
      desc: 'Signature not bytes',
      req: withHeaders({ signature: 'sig1="abc"' }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
    {
      desc: 'a line break in Signature-Input',
      req: withHeaders({ 'signature-input': `${input}\r\nx` }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
    {
      desc: 'component parameters',
      req: withHeaders({ 'signature-input': input.replace('"@method"', '"@method";req') }),
      wantCode: 'HTTPSIG_COMPONENT_UNSUPPORTED',
    },
    {
      desc: 'a component listed twice',
      req: withHeaders({ 'signature-input': input.replace('"@method"', '"@method" "@method"') }),
      wantCode: 'HTTPSIG_MALFORMED',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => assert.throws(() => verifyRequest(c.req, { ...OPTS, ...c.opts }), code(c.wantCode)));
  }

  it('a replay inside the window verifies again and exposes the same nonce, for the caller to reject', () => {
    const a = verifyRequest(good, OPTS);
    const b = verifyRequest(good, { ...OPTS, now: at(100) });
    assert.equal(a.nonce, b.nonce);
    assert.equal(a.replayableUntil.getTime(), b.replayableUntil.getTime());
  });
});
