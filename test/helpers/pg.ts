/**
 * PostgreSQL for tests. `PARLEY_TEST_PG_URL` names a database we may create schemas in
 * (scripts/pg-cluster.sh starts a throwaway one). Without it the PostgreSQL suites are skipped,
 * loudly, unless `PARLEY_REQUIRE_PG=1` (CI), where a missing database is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL_VAR = 'PARLEY_TEST_PG_URL';
export const PG_REQUIRE_VAR = 'PARLEY_REQUIRE_PG';

export const PG_SKIP_MESSAGE =
  `PostgreSQL suite SKIPPED: set ${PG_URL_VAR} (e.g. eval "$(scripts/pg-cluster.sh start)") to run it; ` +
  `set ${PG_REQUIRE_VAR}=1 to make this a failure`;
export const PG_MISSING_MESSAGE =
  `${PG_REQUIRE_VAR}=1 but ${PG_URL_VAR} is not set: start a cluster with ` +
  `eval "$(scripts/pg-cluster.sh start)" or unset ${PG_REQUIRE_VAR}`;

export type PgTestTarget =
  | { readonly kind: 'run'; readonly url: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

/** Decides, from the environment, whether PostgreSQL tests run, skip or fail. */
export function pgTestTarget(env: NodeJS.ProcessEnv = process.env): PgTestTarget {
  const url = env[PG_URL_VAR];
  if (url) return { kind: 'run', url };
  if (env[PG_REQUIRE_VAR] === '1') return { kind: 'fail', reason: PG_MISSING_MESSAGE };
  return { kind: 'skip', reason: PG_SKIP_MESSAGE };
}

/** A fresh schema name per test file run, so that parallel runs and leftovers never collide. */
export function randomSchemaName(prefix = 'parley_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema and everything in it; used in `after` hooks. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new RangeError(`refusing to drop schema ${JSON.stringify(schema)}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
