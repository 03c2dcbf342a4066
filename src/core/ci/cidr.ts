/**
 * CIDR ranges (RFC 4632 §3.1; RFC 4291 §2.3 for IPv6) as inclusive [lo, hi] word arrays. Designations
 * are signed statements, so a range with host bits set is refused rather than silently widened.
 */
import { ValidationError } from '../errors.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './ip-address.js';

export interface CidrRange {
  readonly version: 4 | 6;
  /** One word for IPv4, four for IPv6, big-endian. Plain arrays: small typed arrays cost far more to allocate. */
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly prefix: number;
  /** Canonical text (RFC 5952 for IPv6). */
  readonly text: string;
}

const scratch = new Uint32Array(4);

function maskWords(
  addr: Uint32Array,
  words: number,
  prefix: number,
): { lo: number[]; hi: number[]; hostBits: boolean } {
  const lo: number[] = new Array(words);
  const hi: number[] = new Array(words);
  let hostBits = false;
  for (let w = 0; w < words; w++) {
    const bits = Math.max(0, Math.min(32, prefix - 32 * w));
    const mask = bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    lo[w] = (addr[w]! & mask) >>> 0;
    hi[w] = (lo[w]! | ~mask) >>> 0;
    if (lo[w] !== addr[w]) hostBits = true;
  }
  return { lo, hi, hostBits };
}

/** Returns the parsed range, or a problem description. A bare address is a /32 or /128. */
export function checkCidr(text: string): CidrRange | string {
  if (typeof text !== 'string') return 'expected a string';
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const v6 = addrText.includes(':');
  const max = v6 ? 128 : 32;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > max) return `prefix length "${p}" is not 0-${max}`;
    prefix = Number(p);
  }
  const addr = scratch;
  if (v6) {
    if (!parseIPv6(addrText, addr)) return `"${addrText}" is not an IPv6 address`;
  } else {
    const v = parseIPv4(addrText);
    if (v < 0) return `"${addrText}" is not an IPv4 address`;
    addr[0] = v;
  }
  const { lo, hi, hostBits } = maskWords(addr, v6 ? 4 : 1, prefix);
  if (hostBits)
    return `"${text}" has host bits set (network address is ${v6 ? formatIPv6(lo) : formatIPv4(lo[0]!)}/${prefix})`;
  return {
    version: v6 ? 6 : 4,
    lo,
    hi,
    prefix,
    text: `${v6 ? formatIPv6(lo) : formatIPv4(lo[0]!)}/${prefix}`,
  };
}

/** Parses a CIDR range. Throws ValidationError OBSERVABLE_INVALID with the reason. */
export function parseCidr(text: string): CidrRange {
  const r = checkCidr(text);
  if (typeof r === 'string') throw new ValidationError('OBSERVABLE_INVALID', `invalid CIDR: ${r}`);
  return r;
}
