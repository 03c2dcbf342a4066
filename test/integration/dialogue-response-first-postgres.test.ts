import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { responseFirstScenario } from './dialogue-response-first.test.js';

const target = pgTestTarget();
if (target.kind === 'run') responseFirstScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('response before its request (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('response before its request (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
