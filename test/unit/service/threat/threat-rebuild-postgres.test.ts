import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openStore } from '../../../../src/store/index.js';
import { dropSchema, pgTestTarget, randomSchemaName } from '../../../helpers/pg.js';
import { runThreatRebuildSuite } from './threat-rebuild-suite.js';

const target = pgTestTarget();

if (target.kind === 'run') {
  const { url } = target;
  const schema = randomSchemaName('parley_threat_rebuild');
  after(() => dropSchema(url, schema));
  runThreatRebuildSuite(() => openStore({ engine: 'postgres', url, schema, poolSize: 4 }), 'PostgreSQL');
} else if (target.kind === 'fail') {
  test('threat level rebuild on PostgreSQL', () => assert.fail(target.reason));
} else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('threat level rebuild on PostgreSQL', { skip: target.reason }, () => {});
}
