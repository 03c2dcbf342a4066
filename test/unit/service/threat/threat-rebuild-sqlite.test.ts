import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../../../src/store/index.js';
import { runThreatRebuildSuite } from './threat-rebuild-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-threat-rebuild-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runThreatRebuildSuite(() => openStore({ engine: 'sqlite', path: join(dir, 'threat.db') }), 'SQLite');
