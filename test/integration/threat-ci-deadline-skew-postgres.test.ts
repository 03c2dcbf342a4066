/** The designated-infrastructure deadline on a receiver with a clock ahead, on PostgreSQL (see the suite). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { runThreatCiDeadlineSkew } from './threat-ci-deadline-skew-suite.js';

const target = pgTestTarget();
if (target.kind === 'run') runThreatCiDeadlineSkew('PostgreSQL', target.url);
else if (target.kind === 'fail') test('ci deadline skew on PostgreSQL', () => assert.fail(target.reason));
else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('ci deadline skew on PostgreSQL', { skip: target.reason }, () => {});
}
