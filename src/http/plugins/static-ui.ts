/**
 * Serves the browser UI (web/dist, built by `npm run build:web`) at `/`: files as they are,
 * hashed assets cached for a year, and index.html for every other path that is not an API
 * (the single-page app routes on the client) listed in UI_ROUTES. Paths under the node's APIs never fall back.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from './errors.js';

export const DEFAULT_UI_DIR = resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));

/** The single-page app's own paths (web/src/app/routes.ts): each answers index.html. */
export const UI_ROUTES = [
  '/',
  '/login',
  '/overview',
  '/channels',
  '/channels/*',
  '/report',
  '/incidents/*',
  '/infrastructure',
  '/comparisons',
  '/contacts',
  '/verification',
  '/settings',
  '/settings/*',
];
/** Files at the top of web/dist (web/public). */
const UI_FILES = ['/favicon.svg', '/robots.txt'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The UI's Content-Security-Policy: scripts and styles from the node only; no framing. */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley</title></head>
<body><main><h1>Parley</h1><p>The web UI is not built. Run <code>npm run build:web</code> and restart the node.</p></main></body></html>`;

function uiHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', UI_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

export interface StaticUiOptions {
  /** The built UI; defaults to web/dist next to the sources. */
  readonly dir?: string;
}

export function registerStaticUi(app: FastifyInstance, o: StaticUiOptions = {}): void {
  const root = o.dir ?? DEFAULT_UI_DIR;
  const indexPath = join(root, 'index.html');
  let indexHtml: Buffer | undefined;
  const index = (): Buffer | undefined => {
    if (indexHtml) return indexHtml;
    if (!existsSync(indexPath)) return undefined;
    return (indexHtml = readFileSync(indexPath));
  };

  const serve = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let path: string;
    try {
      path = decodeURIComponent(req.url.split('?')[0]!);
    } catch {
      throw new NotFoundError(req.url);
    }
    const file = resolve(root, '.' + normalize('/' + path));
    if (file.startsWith(root + sep) && file !== indexPath && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      return uiHeaders(reply)
        .type(TYPES[extname(file)] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(await readFile(file));
    }
    if (path.startsWith('/assets/') || (extname(path) && !UI_ROUTES.includes(path)))
      throw new NotFoundError(path);
    return uiHeaders(reply)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(index() ?? NOT_BUILT);
  };
  // Explicit paths rather than a catch-all, so that every API keeps its own 404 answer.
  for (const p of [...UI_ROUTES, ...UI_FILES, '/assets/*']) app.get(p, { schema: { hide: true } }, serve);
}
