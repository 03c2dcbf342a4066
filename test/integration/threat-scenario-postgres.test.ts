/** Issue 5's scenario over two real nodes on PostgreSQL, one schema per node (see threat-scenario-suite.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { runThreatScenario } from './threat-scenario-suite.js';

const target = pgTestTarget();
if (target.kind === 'run') runThreatScenario('PostgreSQL', target.url);
else if (target.kind === 'fail') test('threat scenario on PostgreSQL', () => assert.fail(target.reason));
else {
  console.warn(`\n*** ${target.reason} ***\n`);
  test('threat scenario on PostgreSQL', { skip: target.reason }, () => {});
}
