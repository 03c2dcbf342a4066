/**
 * Domain names as designations hold them: lower-case A-labels (IDNA via the WHATWG URL parser for
 * non-ASCII input), no trailing dot. A designated domain covers itself and every name below it, on
 * label boundaries only: `example.com` covers `a.example.com`, never `evilexample.com`.
 */

const LABEL_RE = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Returns the canonical form, or a problem description. */
export function checkDomainName(input: string): string | { readonly domain: string } {
  if (typeof input !== 'string' || input.length === 0) return 'expected a non-empty string';
  let d = input.endsWith('.') ? input.slice(0, -1) : input;

  if (/[^\x00-\x7f]/.test(d)) {
    try {
      d = new URL(`http://${d}/`).hostname;
    } catch {
      return `"${input}" is not a valid internationalised domain name`;
    }
  }
  d = d.toLowerCase();
  if (d.length > 253) return `"${input}" is longer than 253 characters`;
  const labels = d.split('.');
  const bad = labels.find((l) => !LABEL_RE.test(l));
  if (bad !== undefined) return `"${input}" has an invalid label "${bad}"`;
  if (labels.every((l) => /^[0-9]+$/.test(l))) return `"${input}" looks like an IP address, not a domain`;
  return { domain: d };
}

/**
 * Fast normalisation for lookups: lower-cases and drops one trailing dot; non-ASCII names go through
 * the URL parser. Returns undefined when the name cannot be a host.
 */
export function normaliseHost(host: string): string | undefined {
  let h = host;
  if (h.length > 0 && h.charCodeAt(h.length - 1) === 46) h = h.slice(0, -1);
  if (h.length === 0 || h.length > 253) return undefined;
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (c > 127) {
      try {
        return new URL(`http://${h}/`).hostname;
      } catch {
        return undefined;
      }
    }
    if (c >= 65 && c <= 90) return h.toLowerCase();
  }
  return h;
}
