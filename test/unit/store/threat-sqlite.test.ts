import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { runThreatStoreSuite } from './threat-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-threat-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runThreatStoreSuite(() => openStore({ engine: 'sqlite', path: join(dir, 'threat.db') }), 'SQLite');
