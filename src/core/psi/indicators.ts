import { domainToASCII } from 'node:url';
import { PsiError } from '../errors.js';
import { canonicalIpv4, canonicalIpv6 } from './ip-text.js';

export const INDICATOR_TYPES = [
  'domain',
  'ipv4',
  'ipv6',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export interface Indicator {
  readonly type: IndicatorType;
  readonly value: string;
}

const HASH_BY_LENGTH: Readonly<Record<number, IndicatorType>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};

function invalid(type: string): PsiError {
  return new PsiError('PSI_INPUT_INVALID', `not a valid ${type} indicator`);
}

/** Undoes the usual defanging of shared indicators: hxxp, [.], (.), [:], [@]. */
export function refang(s: string): string {
  return s
    .trim()
    .replace(/^hxxp(s?):\/\//i, 'http$1://')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[@\]|\[at\]/gi, '@');
}

/** Lower-case ASCII (IDNA, UTS #46 via WHATWG) without a trailing dot. */
export function canonicalDomain(s: string): string {
  const d = s.trim().replace(/\.$/, '');
  const ascii = domainToASCII(d);
  if (ascii === '' || ascii.startsWith('.') || !/^[a-z0-9.-]+$/.test(ascii) || ascii.includes('..'))
    throw invalid('domain');
  return ascii;
}

/**
 * WHATWG URL parsing (scheme and host lower-cased, IDNA, default port dropped, dot segments
 * resolved), then RFC 3986 §6.2.2.2 (percent-encoded unreserved characters decoded, the rest
 * upper-case hex), the host's trailing dot removed and the fragment dropped: it never reaches
 * the server, so two URLs that differ only there name the same resource.
 */
export function canonicalUrl(s: string): string {
  let u: URL;
  try {
    u = new URL(s.trim());
  } catch {
    throw invalid('url');
  }
  u.hash = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  const fixPct = (x: string) =>
    x.replace(/%[0-9a-fA-F]{2}/g, (m) => {
      const c = String.fromCharCode(parseInt(m.slice(1), 16));
      return /[A-Za-z0-9\-._~]/.test(c) ? c : m.toUpperCase();
    });
  u.pathname = fixPct(u.pathname);
  if (u.search) u.search = fixPct(u.search);
  return u.href;
}

/** The type a bare value most likely has; `domain` when nothing more specific fits. */
export function detectIndicatorType(s: string): IndicatorType {
  const v = s.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return 'url';
  if (/^[0-9.]+$/.test(v) && v.split('.').length === 4) return 'ipv4';
  if (v.includes(':') && /^[0-9a-f:.]+$/i.test(v)) return 'ipv6';
  if (/^[0-9a-f]+$/i.test(v) && HASH_BY_LENGTH[v.length]) return HASH_BY_LENGTH[v.length]!;
  if (v.includes('@')) return 'email';
  return 'domain';
}

/**
 * The canonical form analysts expect, so that equal indicators compare equal: domains lower-case
 * punycode without a trailing dot; IPv4 dotted decimal; IPv6 as RFC 5952; URLs as canonicalUrl;
 * e-mail with a canonical domain and a lower-cased local part; hashes lower-case hex.
 * Defanged input is accepted. Throws PSI_INPUT_INVALID (the message names the type, not the value).
 */
export function normalizeIndicator(value: string, type?: IndicatorType): Indicator {
  const v = refang(value);
  const t = type ?? detectIndicatorType(v);
  switch (t) {
    case 'domain':
      return { type: t, value: canonicalDomain(v) };
    case 'ipv4': {
      const ip = canonicalIpv4(v);
      if (ip === undefined) throw invalid(t);
      return { type: t, value: ip };
    }
    case 'ipv6': {
      const ip = canonicalIpv6(v);
      if (ip === undefined) throw invalid(t);
      return { type: t, value: ip };
    }
    case 'url':
      return { type: t, value: canonicalUrl(v) };
    case 'email': {
      const at = v.lastIndexOf('@');
      if (at <= 0) throw invalid(t);
      return { type: t, value: `${v.slice(0, at).toLowerCase()}@${canonicalDomain(v.slice(at + 1))}` };
    }
    default: {
      const hex = v.toLowerCase();
      if (!/^[0-9a-f]+$/.test(hex) || HASH_BY_LENGTH[hex.length] !== t) throw invalid(t);
      return { type: t, value: hex };
    }
  }
}

/** The comparison key of an indicator: `type:value`, so that a hash never meets a domain. */
export function indicatorKey(value: string, type?: IndicatorType): string {
  const i = normalizeIndicator(value, type);
  return `${i.type}:${i.value}`;
}
