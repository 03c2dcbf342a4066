import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { runAuthorKeysSuite } from './author-keys-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-author-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runAuthorKeysSuite(() => openStore({ engine: 'sqlite', path: join(dir, 'store.db') }), 'SQLite');
