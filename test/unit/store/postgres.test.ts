import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { dropSchema, pgTestTarget, randomSchemaName } from '../../helpers/pg.js';
import { runStoreSuite } from './store-suite.js';

const target = pgTestTarget();

if (target.kind === 'run') {
  const { url } = target;
  const schemas: string[] = [];
  const schemaFor = (name: string) => {
    schemas.push(name);
    return name;
  };
  const schema = schemaFor(randomSchemaName());
  after(async () => {
    for (const s of schemas) await dropSchema(url, s);
  });
  runStoreSuite(() => openStore({ engine: 'postgres', url, schema, poolSize: 4 }), {
    label: 'PostgreSQL',
    fresh: () => {
      const s = schemaFor(randomSchemaName());
      return () => openStore({ engine: 'postgres', url, schema: s, poolSize: 2 });
    },
  });
} else if (target.kind === 'fail') {
  test('Store on PostgreSQL', () => assert.fail(target.reason));
} else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('Store on PostgreSQL', { skip: target.reason }, () => {});
}
