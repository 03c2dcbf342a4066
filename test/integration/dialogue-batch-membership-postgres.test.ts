import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { batchMembershipScenario } from './dialogue-batch-membership.test.js';

const target = pgTestTarget();
if (target.kind === 'run') batchMembershipScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('batch membership (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('batch membership (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
