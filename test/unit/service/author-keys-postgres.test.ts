import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { dropSchema, pgTestTarget, randomSchemaName } from '../../helpers/pg.js';
import { runAuthorKeysSuite } from './author-keys-suite.js';

const target = pgTestTarget();

if (target.kind === 'run') {
  const { url } = target;
  const schema = randomSchemaName('parley_author_keys');
  after(() => dropSchema(url, schema));
  runAuthorKeysSuite(() => openStore({ engine: 'postgres', url, schema, poolSize: 4 }), 'PostgreSQL');
} else if (target.kind === 'fail') {
  test('author keys on PostgreSQL', () => assert.fail(target.reason));
} else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('author keys on PostgreSQL', { skip: target.reason }, () => {});
}
