/** What only the PostgreSQL backend does: connection errors, schema names, INT8 guards, versions. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { openStore, StoreError } from '../../../src/store/index.js';
import { dropSchema, pgTestTarget, randomSchemaName } from '../../helpers/pg.js';
import { freshLog, makeEntries, rejectsWithCode, STORED_AT, withStore } from './store-fixtures.js';

describe('PostgreSQL backend without a server', () => {
  it('maps a refused connection to STORE_UNAVAILABLE without the password', async () => {
    const url = 'postgres://parley:s3cret-pw@127.0.0.1:1/parley';
    await assert.rejects(openStore({ engine: 'postgres', url }), (e: unknown) => {
      assert.ok(e instanceof StoreError && e.code === 'STORE_UNAVAILABLE', String(e));
      assert.ok(
        !e.message.includes('s3cret-pw') && !JSON.stringify(e.details).includes('s3cret-pw'),
        e.message,
      );
      assert.match(e.message, /postgres:\/\/parley@127\.0\.0\.1:1\/parley/);
      return true;
    });
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await assert.rejects(
      openStore({ engine: 'postgres', url: 'postgres://x@127.0.0.1:1/x', schema: 'a"; DROP' }),
      RangeError,
    );
  });
});

const target = pgTestTarget();
describe('PostgreSQL backend with a server', { skip: target.kind === 'run' ? false : target.reason }, () => {
  const url = target.kind === 'run' ? target.url : '';
  const schema = randomSchemaName();
  const open = () => openStore({ engine: 'postgres', url, schema, poolSize: 2 });
  after(() => (target.kind === 'run' ? dropSchema(url, schema) : undefined));

  async function sql(text: string, values: unknown[] = []): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text, values);
    } finally {
      await c.end();
    }
  }

  it('maps an unknown database to STORE_UNAVAILABLE', async () => {
    const u = new URL(url);
    u.pathname = '/parley_no_such_db';
    await rejectsWithCode(openStore({ engine: 'postgres', url: u.toString() }), 'STORE_UNAVAILABLE');
  });

  it('refuses a BIGINT beyond 2^53 rather than rounding it', () =>
    withStore(open, async (s) => {
      const log = freshLog();
      await s.appendEntries(log, makeEntries(log, 0, 1), STORED_AT);
      await sql(`UPDATE "${schema}".logs SET size = $1 WHERE channel = $2`, [
        '9007199254740993',
        log.channel,
      ]);
      await rejectsWithCode(s.getLogHead(log), 'STORE_CORRUPT');
    }));

  it('refuses a schema migrated by a newer build with MIGRATION_FAILED', async () => {
    await (await open()).close();
    await sql(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (9999, 'from the future')`);
    await rejectsWithCode(open(), 'MIGRATION_FAILED');
  });
});
