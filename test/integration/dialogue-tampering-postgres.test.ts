import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { tamperingScenario } from './dialogue-tampering.test.js';

const target = pgTestTarget();
if (target.kind === 'run') tamperingScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('tampering (PostgreSQL)', () => it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('tampering (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
