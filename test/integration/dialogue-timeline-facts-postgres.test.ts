import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { timelineFactsScenario } from './dialogue-timeline-facts.test.js';

const target = pgTestTarget();
if (target.kind === 'run') timelineFactsScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('timeline facts (PostgreSQL)', () => it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('timeline facts (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
