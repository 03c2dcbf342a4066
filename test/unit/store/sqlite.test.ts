import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { runStoreSuite } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let freshCount = 0;
runStoreSuite(() => openStore({ engine: 'sqlite', path: join(dir, 'store.db') }), {
  label: 'SQLite',
  fresh: () => {
    const path = join(dir, `fresh-${++freshCount}.db`);
    return () => openStore({ engine: 'sqlite', path });
  },
});
