/**
 * The host of a URL (RFC 3986 §3.2.2), found by scanning rather than with the WHATWG parser, which is
 * an order of magnitude slower and would dominate matching. Only the authority is read.
 */

export interface UrlHost {
  readonly kind: 'ipv4' | 'ipv6' | 'name';
  readonly host: string;
}

/** Returns the host of an absolute URL (`scheme://authority/...`), or undefined. */
export function urlHost(url: string): UrlHost | undefined {
  const sep = url.indexOf('://');
  if (sep <= 0) return undefined;
  let end = url.length;
  for (let i = sep + 3; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  let start = url.lastIndexOf('@', end - 1) + 1;
  if (start < sep + 3) start = sep + 3;
  if (url.charCodeAt(start) === 91) {
    const close = url.indexOf(']', start);
    if (close < 0 || close > end) return undefined;
    return { kind: 'ipv6', host: url.slice(start + 1, close) };
  }
  const colon = url.indexOf(':', start);
  const hostEnd = colon >= 0 && colon < end ? colon : end;
  if (hostEnd === start) return undefined;
  const host = url.slice(start, hostEnd);
  const c = host.charCodeAt(host.length - 1);
  return { kind: c >= 48 && c <= 57 && /^[0-9.]+$/.test(host) ? 'ipv4' : 'name', host };
}
