/**
 * TAXII 2.1 media types (§1.6.8): the one place that parses and negotiates them for TAXII routes.
 * Requests must accept `application/taxii+json;version=2.1` (406 otherwise; a missing Accept,
 * `*\/*` and `application/*` are taken as accepting it); POST bodies must be that type (415).
 * Bodies are parsed here with a nesting limit so that hostile JSON gets a 400, never a crash.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TaxiiError } from '../../service/taxii/taxii-error.js';
import { TAXII_MEDIA_TYPE } from '../../service/taxii/taxii-resources.types.js';

export const TAXII_MAX_JSON_DEPTH = 100;

interface MediaRange {
  readonly type: string;
  readonly params: Map<string, string>;
  readonly q: number;
}

function parseMediaRange(s: string): MediaRange {
  const [type = '', ...rest] = s.split(';').map((x) => x.trim());
  const params = new Map<string, string>();
  let q = 1;
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    const v = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    if (k === 'q') q = Number(v);
    else params.set(k, v);
  }
  return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0 };
}

/** Does an Accept header admit TAXII 2.1 JSON? */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const r = parseMediaRange(range);
    if (r.q <= 0) return false;
    if (r.type === '*/*' || r.type === 'application/*') return true;
    if (r.type !== 'application/taxii+json') return false;
    const v = r.params.get('version');
    return v === undefined || v === '2.1';
  });
}

/** Is a Content-Type TAXII 2.1 JSON (version 2.1 or unversioned)? */
export function isTaxiiContentType(ct: string | undefined): boolean {
  if (ct === undefined) return false;
  const r = parseMediaRange(ct);
  const v = r.params.get('version');
  return r.type === 'application/taxii+json' && (v === undefined || v === '2.1');
}

/** Iterative nesting check: JSON.parse itself has no depth limit we can rely on. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function parseTaxiiJson(text: string): unknown {
  if (depthOf(text) > TAXII_MAX_JSON_DEPTH) {
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', `JSON nested deeper than ${TAXII_MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TaxiiError('TAXII_ENVELOPE_INVALID', `body is not JSON: ${(e as Error).message.slice(0, 200)}`);
  }
}

/** Registers, in the TAXII scope only, the body parser and the Accept / Content-Type checks. */
export function registerTaxiiMedia(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseTaxiiJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  scope.addHook('onRequest', async (req: FastifyRequest) => {
    if (!acceptsTaxii(req.headers.accept)) {
      throw new TaxiiError('TAXII_NOT_ACCEPTABLE', `this endpoint serves ${TAXII_MEDIA_TYPE}; the Accept header does not allow it`);
    }
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'POST' && hasBody && !isTaxiiContentType(req.headers['content-type'])) {
      throw new TaxiiError('TAXII_UNSUPPORTED_MEDIA_TYPE', `POST bodies must be ${TAXII_MEDIA_TYPE}, got ${JSON.stringify(req.headers['content-type'] ?? '')}`);
    }
  });
}

/** Sends a TAXII resource (object or prebuilt JSON text) with the TAXII media type. */
export function sendTaxii(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return reply.status(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(text, 'utf8'));
}
