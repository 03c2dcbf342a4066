import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { deadlinesScenario } from './dialogue-deadlines.test.js';

const target = pgTestTarget();
if (target.kind === 'run') deadlinesScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('deadlines with a controllable clock (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('deadlines with a controllable clock (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
