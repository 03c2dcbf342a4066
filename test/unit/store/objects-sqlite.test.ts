import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { runObjectStoreSuite } from './objects-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-objects-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runObjectStoreSuite(() => openStore({ engine: 'sqlite', path: join(dir, 'objects.db') }), 'SQLite');
