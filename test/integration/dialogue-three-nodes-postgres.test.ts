import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { threeNodeScenario } from './dialogue-three-nodes.test.js';

const target = pgTestTarget();
if (target.kind === 'run') threeNodeScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('the dialogue between three nodes (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('the dialogue between three nodes (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
