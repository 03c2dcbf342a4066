import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { equivocationScenario } from './dialogue-equivocation.test.js';

const target = pgTestTarget();
if (target.kind === 'run') equivocationScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('checkpoint equivocation (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('checkpoint equivocation (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
