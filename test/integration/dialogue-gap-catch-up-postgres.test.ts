import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { gapScenario } from './dialogue-gap-catch-up.test.js';

const target = pgTestTarget();
if (target.kind === 'run') gapScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('gap catch-up (PostgreSQL)', () => it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('gap catch-up (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
