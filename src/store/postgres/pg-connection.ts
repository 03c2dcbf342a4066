import pg from 'pg';
import { StoreError } from '../store-error.js';

export interface PgStoreConfig {
  readonly url: string;
  /** Schema holding Parley's tables; created at open when absent. */
  readonly schema?: string;
  readonly poolSize?: number;
}

export const DEFAULT_PG_SCHEMA = 'public';
export const DEFAULT_PG_POOL_SIZE = 10;
/** Opening against an unreachable host fails after this, instead of hanging a node's start. */
export const DEFAULT_PG_CONNECT_TIMEOUT_MS = 10_000;

const INT8_OID = 20;
const SCHEMA_NAME_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a schema name after checking it is a plain lower-case identifier (it is spliced into SQL). */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME_RE.test(schema)) {
    throw new RangeError(
      `postgres schema must match ${SCHEMA_NAME_RE.source}, got ${JSON.stringify(schema)}`,
    );
  }
  return `"${schema}"`;
}

// Sizes, seqs and indices are BIGINT so that the schema never limits a log, but JS code uses
// numbers: parse INT8 to a number and refuse, rather than round, anything beyond 2^53.
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new StoreError('STORE_CORRUPT', `postgres returned ${text}, beyond the safe integer range`);
  return n;
}

const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** `postgres://user@host:port/db`, never the password: safe for messages and logs. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres (unparseable url)';
  }
}

function passwordOf(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

export function createPool(config: PgStoreConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? DEFAULT_PG_POOL_SIZE,
    connectionTimeoutMillis: DEFAULT_PG_CONNECT_TIMEOUT_MS,
    types: TYPES,
    // The sub-stores (dialogue, users, threat) write unqualified table names: every connection of
    // the pool must resolve them in the node's schema, not in `public`.
    options: `-c search_path=${quoteSchema(config.schema ?? DEFAULT_PG_SCHEMA)}`,
  });
  // An idle client that loses its server emits here; without a listener Node would crash the
  // process. The next query on the pool surfaces the outage as STORE_UNAVAILABLE instead.
  pool.on('error', () => {});
  return pool;
}

// SQLSTATE classes that mean "the database is not there for us right now": connection
// exceptions, auth, unknown database, resources, operator intervention, and our schema vanished.
const UNAVAILABLE_SQLSTATE = /^(08|28|3D|53|57P|3F000)/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout expired|Client has encountered a connection error|Cannot use a pool after calling end/;

/** Is the error a lost or refused connection (as opposed to a failed statement)? */
export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code)))
    return true;
  return e instanceof Error && UNAVAILABLE_MESSAGE.test(e.message);
}

/**
 * Maps outages to STORE_UNAVAILABLE with a message naming the target but never the password;
 * other errors (bugs, unexpected constraint failures) are returned unchanged.
 */
export function mapPgError(e: unknown, url: string): unknown {
  if (e instanceof StoreError || !isConnectionError(e)) return e;
  const pw = passwordOf(url);
  let msg = e instanceof Error ? e.message : String(e);
  if (pw) msg = msg.split(pw).join('***');
  const code = (e as { code?: unknown }).code;
  return new StoreError('STORE_UNAVAILABLE', `postgres at ${describeTarget(url)} is unavailable: ${msg}`, {
    cause: e,
    details: { target: describeTarget(url), ...(typeof code === 'string' ? { code } : {}) },
  });
}
