import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { outageScenario } from './dialogue-outage.test.js';

const target = pgTestTarget();
if (target.kind === 'run') outageScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('a receiver stopped while envelopes are sent to it (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('a receiver stopped while envelopes are sent to it (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
