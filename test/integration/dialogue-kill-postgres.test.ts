import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { killScenario } from './dialogue-kill.test.js';

const target = pgTestTarget();
if (target.kind === 'run') killScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('SIGKILL at random moments (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('SIGKILL at random moments (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
