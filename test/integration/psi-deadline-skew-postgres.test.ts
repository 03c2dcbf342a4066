/** List-comparison deadlines on a receiver with a clock ahead, on PostgreSQL (see the suite). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { runPsiDeadlineSkew } from './psi-deadline-skew-suite.js';

const target = pgTestTarget();
if (target.kind === 'run') runPsiDeadlineSkew('PostgreSQL', target.url);
else if (target.kind === 'fail') test('psi deadline skew on PostgreSQL', () => assert.fail(target.reason));
else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('psi deadline skew on PostgreSQL', { skip: target.reason }, () => {});
}
