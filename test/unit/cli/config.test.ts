import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, redactConfig } from '../../../src/cli/config.js';
import { ValidationError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/cli.js';

describe('loadConfig', () => {
  const t = tempDir();
  after(t.cleanup);

  it('fills defaults: loopback, SQLite in the data folder', () => {
    const c = loadConfig({ env: {}, cwd: t.dir });
    assert.equal(c.http.host, '127.0.0.1');
    assert.equal(c.http.port, 7700);
    assert.equal(c.store.engine, 'sqlite');
    assert.equal(c.dataDir, join(t.dir, '.parley'));
    assert.ok(c.store.engine === 'sqlite' && c.store.path === join(t.dir, '.parley', 'parley.db'));
    assert.ok(Object.isFrozen(c));
  });

  it('layers defaults < file < env < flags', () => {
    const dataDir = join(t.dir, 'layered');
    loadConfig({ env: {}, cwd: t.dir, flags: { dataDir } });
    require_mkdir(dataDir);
    writeFileSync(join(dataDir, 'parley.json'), JSON.stringify({ http: { port: 1111, host: '127.0.0.2' }, party: { name: 'From file' } }));
    const fileOnly = loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir });
    assert.equal(fileOnly.http.port, 1111);
    assert.equal(fileOnly.party.name, 'From file');
    const env = loadConfig({ env: { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '2222' }, cwd: t.dir });
    assert.equal(env.http.port, 2222);
    assert.equal(env.http.host, '127.0.0.2');
    const flag = loadConfig({ env: { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '2222' }, cwd: t.dir, flags: { http: { port: 3333 } } });
    assert.equal(flag.http.port, 3333);
  });

  it('lists every bad value with its source in one error', () => {
    try {
      loadConfig({
        env: { PARLEY_PORT: 'eighty', PARLEY_STORE: 'mysql', PARLEY_LOG_LEVEL: 'loud' },
        cwd: t.dir,
        flags: { http: { port: 70000 } },
      });
      assert.fail('expected CONFIG_INVALID');
    } catch (e) {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.code, 'CONFIG_INVALID');
      const problems = e.details?.problems as string[];
      assert.ok(problems.some((p) => p.startsWith('PARLEY_PORT') && p.includes('(env)')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('store.engine') && p.includes('(env)')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('log.level') && p.includes('(env)')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('http.port') && p.includes('(flag)')), problems.join('\n'));
    }
  });

  it('refuses postgres without a URL, and unknown keys in the file', () => {
    assert.throws(() => loadConfig({ env: { PARLEY_STORE: 'postgres' }, cwd: t.dir }), /store.url/);
    const dataDir = join(t.dir, 'unknown-key');
    require_mkdir(dataDir);
    writeFileSync(join(dataDir, 'parley.json'), JSON.stringify({ htpp: { port: 1 } }));
    assert.throws(() => loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir }), /htpp/);
    writeFileSync(join(dataDir, 'parley.json'), '{not json');
    assert.throws(() => loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir }), /not valid JSON/);
  });

  it('redacts the database password', () => {
    const c = loadConfig({ env: { PARLEY_STORE: 'postgres', PARLEY_DATABASE_URL: 'postgres://parley:s3cret@db:5432/p' }, cwd: t.dir });
    const shown = JSON.stringify(redactConfig(c));
    assert.ok(!shown.includes('s3cret'));
    assert.ok(shown.includes('parley:***@db'));
  });
});

import { mkdirSync } from 'node:fs';
function require_mkdir(d: string): void {
  mkdirSync(d, { recursive: true });
}
