import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgTestTarget } from '../../../helpers/pg.js';
import { pgUsers } from './users-fixtures.js';
import { runUsersSuite } from './users-suite.js';

const target = pgTestTarget();
if (target.kind === 'run') {
  const { url } = target;
  runUsersSuite('PostgreSQL', () => pgUsers(url));
} else if (target.kind === 'fail') {
  test('UsersService on PostgreSQL', () => assert.fail(target.reason));
} else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('UsersService on PostgreSQL', { skip: target.reason }, () => {});
}
