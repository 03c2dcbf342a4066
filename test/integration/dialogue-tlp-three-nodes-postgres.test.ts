import { describe, it } from 'node:test';
import { pgTestTarget } from '../helpers/pg.js';
import { tlpThreeNodeScenario } from './dialogue-tlp-three-nodes.test.js';

const target = pgTestTarget();
if (target.kind === 'run') tlpThreeNodeScenario('PostgreSQL', target.url);
else if (target.kind === 'skip')
  describe('TLP:RED three nodes (PostgreSQL)', () =>
    it(target.reason, { skip: target.reason }, () => undefined));
else
  describe('TLP:RED three nodes (PostgreSQL)', () =>
    it('needs PostgreSQL', () => {
      throw new Error(target.reason);
    }));
