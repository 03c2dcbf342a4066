/**
 * TAXII 2.1 media types (§1.6.8): the one place that parses and negotiates them for TAXII routes.
 * Requests must accept `application/taxii+json;version=2.1` (406 otherwise; a missing Accept,
 * `*\/*` and `application/*` are taken as accepting it); POST bodies must be that type (415).
 * Bodies stay text here; the TAXII service parses them with a nesting limit (taxii-envelope.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TaxiiError } from '../../service/taxii/taxii-error.js';
import { TAXII_MEDIA_TYPE } from '../../service/taxii/taxii-resources.types.js';

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
    const v = p
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
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

/** Registers, in the TAXII scope only, the body parser and the Accept / Content-Type checks. */
export function registerTaxiiMedia(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  // The text is handed to the service as is: it parses it (with a nesting limit) off the main
  // thread, together with validation.
  scope.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  scope.addHook('onRequest', async (req: FastifyRequest) => {
    if (!acceptsTaxii(req.headers.accept)) {
      throw new TaxiiError(
        'TAXII_NOT_ACCEPTABLE',
        `this endpoint serves ${TAXII_MEDIA_TYPE}; the Accept header does not allow it`,
      );
    }
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'POST' && hasBody && !isTaxiiContentType(req.headers['content-type'])) {
      throw new TaxiiError(
        'TAXII_UNSUPPORTED_MEDIA_TYPE',
        `POST bodies must be ${TAXII_MEDIA_TYPE}, got ${JSON.stringify(req.headers['content-type'] ?? '')}`,
      );
    }
  });
}

/** Sends a TAXII resource (object or prebuilt JSON text) with the TAXII media type. */
export function sendTaxii(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return reply.status(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(text, 'utf8'));
}
