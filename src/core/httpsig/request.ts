/**
 * The request as RFC 9421 sees it, and the value of each component it can cover (§2.1 fields, §2.2
 * derived components). Both the sending node (from the URL it calls) and the receiving node (from the
 * Host header and the request line) describe the request this way, so the two compute the same values.
 */
import { HttpSigError } from './httpsig-error.js';

export interface HttpSigRequest {
  /** The method as sent; RFC 9421 §2.2.1 covers it case-sensitively, so `post` is not `POST`. */
  readonly method: string;
  /** `https` unless stated; lower-cased for @scheme and @target-uri. */
  readonly scheme?: string;
  /** host[:port] as in the Host header or the URL; normalised for @authority (§2.2.3). */
  readonly authority: string;
  /** The path as sent, still percent-encoded; an empty path is "/" (§2.2.6). */
  readonly path: string;
  /** The query without its "?", as sent; undefined when the request has no "?" at all (§2.2.7). */
  readonly query?: string;
  /** Header fields; names are matched case-insensitively, repeated values may be given as an array. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The derived components this profile computes. @status is for responses, @query-param needs a `name` parameter. */
export const SUPPORTED_DERIVED_COMPONENTS = [
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@request-target',
  '@path',
  '@query',
] as const;
export type DerivedComponent = (typeof SUPPORTED_DERIVED_COMPONENTS)[number];

const DEFAULT_PORTS: Readonly<Record<string, string>> = { https: '443', http: '80' };
// RFC 3986 Appendix B: splits a URI reference without normalising it (WHATWG URL would resolve dot
// segments and re-encode characters, and then the two sides could disagree about @path).
const URI_RE = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function invalid(component: string, why: string): never {
  throw new HttpSigError('HTTPSIG_COMPONENT_INVALID', `component ${component}: ${why}`, {
    details: { component },
  });
}

/**
 * Describes a request from an absolute http(s) URL, for the sending side.
 * Throws HttpSigError HTTPSIG_COMPONENT_INVALID when the URL is not absolute http(s) or has user info.
 */
export function requestFromUrl(
  method: string,
  url: string,
  headers: HttpSigRequest['headers'],
): HttpSigRequest {
  const m = URI_RE.exec(url);
  const scheme = m?.[1]?.toLowerCase();
  const authority = m?.[2];
  if (!m || (scheme !== 'https' && scheme !== 'http') || !authority)
    invalid('@target-uri', 'not an absolute http(s) URL');
  if (authority.includes('@')) invalid('@authority', 'user info is not allowed');
  return {
    method,
    scheme,
    authority,
    path: m[3] ?? '',
    ...(m[4] === undefined ? {} : { query: m[4] }),
    headers,
  };
}

function schemeOf(req: HttpSigRequest): string {
  const s = (req.scheme ?? 'https').toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(s)) invalid('@scheme', 'not a URI scheme');
  return s;
}

/** RFC 9421 §2.2.3 with RFC 9110 §4.2.3: lower-case host, no default port. */
function authorityOf(req: HttpSigRequest): string {
  let a = req.authority.toLowerCase();
  if (a === '' || a.includes('@') || /[\s/?#]/.test(a)) invalid('@authority', 'not a host[:port]');
  const port = DEFAULT_PORTS[schemeOf(req)];
  if (port !== undefined && a.endsWith(`:${port}`)) a = a.slice(0, -port.length - 1);
  if (a.endsWith(':')) a = a.slice(0, -1);
  return a;
}

function pathOf(req: HttpSigRequest): string {
  if (req.path === '') return '/';
  if (!req.path.startsWith('/') || /[?#]/.test(req.path)) invalid('@path', 'not an absolute path');
  return req.path;
}

function queryOf(req: HttpSigRequest): string {
  if (req.query !== undefined && req.query.includes('#')) invalid('@query', 'contains a fragment');
  return `?${req.query ?? ''}`;
}

/** The value of a derived component (RFC 9421 §2.2.1–2.2.7). */
export function derivedComponentValue(req: HttpSigRequest, name: DerivedComponent): string {
  switch (name) {
    case '@method':
      if (!TOKEN_RE.test(req.method)) invalid('@method', 'not an HTTP method token');
      return req.method;
    case '@scheme':
      return schemeOf(req);
    case '@authority':
      return authorityOf(req);
    case '@path':
      return pathOf(req);
    case '@query':
      return queryOf(req);
    case '@request-target':
      return pathOf(req) + (req.query === undefined ? '' : queryOf(req));
    case '@target-uri':
      return `${schemeOf(req)}://${authorityOf(req)}${pathOf(req)}${req.query === undefined ? '' : queryOf(req)}`;
  }
}

/**
 * The value of a header field component (RFC 9421 §2.1): each field line trimmed of surrounding
 * whitespace, lines joined with ", ". Returns undefined when the request lacks the field.
 * Throws HTTPSIG_COMPONENT_INVALID for a value with line breaks, other controls or non-ASCII
 * characters: such a value could forge extra lines in the signature base.
 */
export function fieldComponentValue(req: HttpSigRequest, name: string): string | undefined {
  let lines: readonly string[] | undefined;
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k.toLowerCase() !== name) continue;
    lines = [...(lines ?? []), ...(typeof v === 'string' ? [v] : v)];
  }
  if (lines === undefined) return undefined;
  const value = lines.map((l) => l.replace(/^[ \t]+|[ \t]+$/g, '')).join(', ');
  if (!/^[\x20-\x7e\t]*$/.test(value)) invalid(name, 'has control or non-ASCII characters');
  return value;
}

/** True when `name` is a derived component this profile implements. */
export function isSupportedDerived(name: string): name is DerivedComponent {
  return (SUPPORTED_DERIVED_COMPONENTS as readonly string[]).includes(name);
}
