import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalIpv6, indicatorKey, type IndicatorType } from '../../../../src/core/psi/index.js';
import { PsiError } from '../../../../src/core/errors.js';

describe('indicatorKey', () => {
  const cases: { desc: string; input: string; type?: IndicatorType; want: string }[] = [
    { desc: 'domain case and trailing dot', input: 'Example.COM.', want: 'domain:example.com' },
    { desc: 'IDN to punycode', input: 'bücher.de', want: 'domain:xn--bcher-kva.de' },
    { desc: 'defanged domain', input: 'evil[.]example(.)org', want: 'domain:evil.example.org' },
    { desc: 'IPv4 leading zeros', input: '010.001.002.003', want: 'ipv4:10.1.2.3' },
    { desc: 'IPv6 RFC 5952 §4.2.1 zeros', input: '2001:0DB8:0:0:0:0:2:1', want: 'ipv6:2001:db8::2:1' },
    {
      desc: 'IPv6 RFC 5952 §4.2.3 first longest run',
      input: '2001:db8:0:0:1:0:0:1',
      want: 'ipv6:2001:db8::1:0:0:1',
    },
    {
      desc: 'IPv6 RFC 5952 §4.2.2 single zero group kept',
      input: '2001:db8:0:1:1:1:1:1',
      want: 'ipv6:2001:db8:0:1:1:1:1:1',
    },
    {
      desc: 'IPv6 RFC 5952 §5 mapped IPv4',
      input: '0:0:0:0:0:FFFF:C000:0201',
      want: 'ipv6:::ffff:192.0.2.1',
    },
    { desc: 'IPv6 unspecified', input: '0:0:0:0:0:0:0:0', want: 'ipv6:::' },
    {
      desc: 'URL scheme, host, port, dots, escapes, fragment',
      input: 'hxxp://Evil[.]com:80/a/../b/%7euser?x=%2f#frag',
      want: 'url:http://evil.com/b/~user?x=%2F',
    },
    { desc: 'URL host trailing dot', input: 'https://example.com./x', want: 'url:https://example.com/x' },
    {
      desc: 'md5 upper-case',
      input: 'D41D8CD98F00B204E9800998ECF8427E',
      want: 'md5:d41d8cd98f00b204e9800998ecf8427e',
    },
    {
      desc: 'sha256',
      input: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
      want: 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    { desc: 'email', input: 'User@Mail.Example.COM', want: 'email:user@mail.example.com' },
    {
      desc: 'explicit type',
      input: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef',
      type: 'sha1',
      want: 'sha1:deadbeefdeadbeefdeadbeefdeadbeefdeadbeef',
    },
  ];
  for (const c of cases) it(c.desc, () => assert.equal(indicatorKey(c.input, c.type), c.want));

  const bad: { desc: string; input: string; type?: IndicatorType }[] = [
    { desc: 'IPv4 octet over 255', input: '1.2.3.256', type: 'ipv4' },
    { desc: 'IPv6 two ::', input: '1::2::3', type: 'ipv6' },
    { desc: 'IPv6 too many groups', input: '1:2:3:4:5:6:7:8:9', type: 'ipv6' },
    { desc: 'hash of the wrong length', input: 'abcd', type: 'md5' },
    { desc: 'URL without scheme', input: 'not a url', type: 'url' },
    { desc: 'domain with spaces', input: 'exa mple.com', type: 'domain' },
  ];
  for (const b of bad) {
    it(`rejects ${b.desc}`, () => {
      assert.throws(
        () => indicatorKey(b.input, b.type),
        (e: unknown) => e instanceof PsiError && e.code === 'PSI_INPUT_INVALID',
      );
    });
  }
  it('round-trips: canonical IPv6 text is a fixed point', () => {
    for (const s of ['::1', '2001:db8::', 'fe80::1:2', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8'])
      assert.equal(canonicalIpv6(canonicalIpv6(s)!), canonicalIpv6(s));
  });
});
