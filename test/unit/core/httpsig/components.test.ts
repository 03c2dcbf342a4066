import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSignatureBase,
  parseDictionary,
  requestFromUrl,
  type HttpSigRequest,
} from '../../../../src/core/httpsig/index.js';

const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
const P = { created: 1, keyid: 'k' };
// The value line of one component in the base: the first line, after `"name": `.
function value(req: HttpSigRequest, component: string): string {
  const first = buildSignatureBase(req, [component], P).split('\n')[0]!;
  return first.slice(component.length + 4);
}
const req = (over: Partial<HttpSigRequest>): HttpSigRequest => ({
  method: 'GET',
  authority: 'example.com',
  path: '/',
  headers: {},
  ...over,
});

describe('derived components (RFC 9421 §2.2)', () => {
  const cases: { desc: string; req: HttpSigRequest; component: string; want: string }[] = [
    { desc: '@method is case-sensitive', req: req({ method: 'post' }), component: '@method', want: 'post' },
    {
      desc: '@authority lower-cased',
      req: req({ authority: 'Example.COM' }),
      component: '@authority',
      want: 'example.com',
    },
    {
      desc: '@authority drops :443 for https',
      req: req({ authority: 'example.com:443' }),
      component: '@authority',
      want: 'example.com',
    },
    {
      desc: '@authority keeps :443 for http',
      req: req({ scheme: 'http', authority: 'example.com:443' }),
      component: '@authority',
      want: 'example.com:443',
    },
    {
      desc: '@authority drops :80 for http',
      req: req({ scheme: 'http', authority: 'example.com:80' }),
      component: '@authority',
      want: 'example.com',
    },
    {
      desc: '@authority keeps other ports',
      req: req({ authority: 'node-b:8443' }),
      component: '@authority',
      want: 'node-b:8443',
    },
    {
      desc: '@authority IPv6 literal',
      req: req({ authority: '[::1]:8443' }),
      component: '@authority',
      want: '[::1]:8443',
    },
    { desc: '@scheme lower-cased', req: req({ scheme: 'HTTPS' }), component: '@scheme', want: 'https' },
    { desc: '@path empty is /', req: req({ path: '' }), component: '@path', want: '/' },
    {
      desc: '@path keeps percent-encoding',
      req: req({ path: '/a%2Fb/c' }),
      component: '@path',
      want: '/a%2Fb/c',
    },
    { desc: '@query absent is ?', req: req({}), component: '@query', want: '?' },
    { desc: '@query empty is ?', req: req({ query: '' }), component: '@query', want: '?' },
    // RFC 9421 §2.2.7 example.
    {
      desc: '@query as sent',
      req: req({ query: 'param=value&foo=bar&baz=bat%2Dman' }),
      component: '@query',
      want: '?param=value&foo=bar&baz=bat%2Dman',
    },
    {
      desc: '@request-target',
      req: req({ path: '/x', query: 'a=1' }),
      component: '@request-target',
      want: '/x?a=1',
    },
    // RFC 9421 §2.2.2 example.
    {
      desc: '@target-uri',
      req: req({ authority: 'www.example.com', path: '/path', query: 'param=value' }),
      component: '@target-uri',
      want: 'https://www.example.com/path?param=value',
    },
    {
      desc: '@target-uri without query',
      req: req({ authority: 'Node-B:443', path: '/fed/inbox' }),
      component: '@target-uri',
      want: 'https://node-b/fed/inbox',
    },
  ];
  for (const c of cases) {
    it(c.desc, () => assert.equal(value(c.req, c.component), c.want));
  }

  it('refuses an authority with user info, a relative path, a method that is not a token', () => {
    assert.throws(
      () => value(req({ authority: 'u@example.com' }), '@authority'),
      code('HTTPSIG_COMPONENT_INVALID'),
    );
    assert.throws(() => value(req({ path: 'foo' }), '@path'), code('HTTPSIG_COMPONENT_INVALID'));
    assert.throws(() => value(req({ method: 'GET X' }), '@method'), code('HTTPSIG_COMPONENT_INVALID'));
  });
});

describe('header components (RFC 9421 §2.1)', () => {
  it('matches names case-insensitively, trims, and joins repeated lines with ", "', () => {
    const r = req({ headers: { 'X-Thing': ['  a ', 'b\t'], 'x-thing': 'c' } });
    assert.equal(value(r, 'x-thing'), 'a, b, c');
  });

  it('refuses a value that could forge a line of the base', () => {
    const r = req({ headers: { 'x-evil': 'a\n"@method": GET' } });
    assert.throws(() => value(r, 'x-evil'), code('HTTPSIG_COMPONENT_INVALID'));
    assert.throws(() => value(req({ headers: { 'x-u': 'é' } }), 'x-u'), code('HTTPSIG_COMPONENT_INVALID'));
  });

  it('reports a covered header the request lacks', () => {
    assert.throws(() => value(req({}), 'content-digest'), code('HTTPSIG_COMPONENT_MISSING'));
  });

  it('refuses upper-case names, duplicates, @signature-params, @query-param and @status', () => {
    assert.throws(() => buildSignatureBase(req({}), ['Date'], P), code('HTTPSIG_MALFORMED'));
    assert.throws(() => buildSignatureBase(req({}), ['@method', '@method'], P), code('HTTPSIG_MALFORMED'));
    for (const c of ['@signature-params', '@query-param', '@status', '@unknown']) {
      assert.throws(() => buildSignatureBase(req({}), [c], P), code('HTTPSIG_COMPONENT_UNSUPPORTED'), c);
    }
  });
});

describe('requestFromUrl', () => {
  it('splits without normalising', () => {
    const r = requestFromUrl('POST', 'https://Node-B:8443/a/../b?x=%41#frag', {});
    assert.deepEqual(
      { ...r, headers: undefined },
      {
        method: 'POST',
        scheme: 'https',
        authority: 'Node-B:8443',
        path: '/a/../b',
        query: 'x=%41',
        headers: undefined,
      },
    );
    assert.equal(requestFromUrl('GET', 'http://h', {}).query, undefined);
    assert.equal(requestFromUrl('GET', 'http://h/?', {}).query, '');
  });
  it('refuses relative, non-http and user-info URLs', () => {
    for (const u of ['/relative', 'ftp://h/x', 'https://user@h/x', 'https:///x']) {
      assert.throws(() => requestFromUrl('GET', u, {}), code('HTTPSIG_COMPONENT_INVALID'), u);
    }
  });
});

describe('RFC 8941 dictionary parsing', () => {
  it('parses inner lists with parameters, byte sequences, tokens, booleans, decimals', () => {
    const d = parseDictionary(
      'a=("x" "y";p=1);created=5;keyid="k\\"q", b=:AAE=:, c=tok/en:1, d, e=?0;f, g=-1.5',
      'test',
    );
    const a = d.get('a');
    assert.equal(a?.kind, 'inner-list');
    assert.deepEqual(a?.kind === 'inner-list' && a.params, [
      ['created', { type: 'integer', value: 5 }],
      ['keyid', { type: 'string', value: 'k"q' }],
    ]);
    assert.deepEqual(d.get('b'), {
      kind: 'item',
      value: { type: 'bytes', value: new Uint8Array([0, 1]) },
      params: [],
    });
    assert.deepEqual(d.get('c'), { kind: 'item', value: { type: 'token', value: 'tok/en:1' }, params: [] });
    assert.deepEqual(d.get('d'), { kind: 'item', value: { type: 'boolean', value: true }, params: [] });
    assert.deepEqual(d.get('e')?.params, [['f', { type: 'boolean', value: true }]]);
    assert.deepEqual(d.get('g')?.kind === 'item' && d.get('g'), {
      kind: 'item',
      value: { type: 'decimal', value: -1.5 },
      params: [],
    });
    assert.equal(parseDictionary('  ', 'test').size, 0);
    assert.deepEqual(parseDictionary('a=:AAE:', 'test').get('a'), {
      kind: 'item',
      value: { type: 'bytes', value: new Uint8Array([0, 1]) },
      params: [],
    });
  });

  const bad = [
    'A=1',
    'a=1,',
    'a=1,,b=2',
    'a=(',
    'a=("x"',
    'a=("x""y")',
    'a="x',
    'a="\\n"',
    'a=:AA*:',
    'a=:AAE=',
    'a=?2',
    'a=1234567890123456',
    'a=1.2345',
    'a=1;p=1;p=2',
    'a=1, a=2',
    'a=1 b=2',
    'a=é',
    'a="é"',
    'a=1;',
  ];
  for (const s of bad) {
    it(`refuses ${JSON.stringify(s)}`, () =>
      assert.throws(() => parseDictionary(s, 'test'), code('HTTPSIG_MALFORMED')));
  }
});
