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
    writeFileSync(
      join(dataDir, 'parley.json'),
      JSON.stringify({ http: { port: 1111, host: '127.0.0.2' }, party: { name: 'From file' } }),
    );
    const fileOnly = loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir });
    assert.equal(fileOnly.http.port, 1111);
    assert.equal(fileOnly.party.name, 'From file');
    const env = loadConfig({ env: { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '2222' }, cwd: t.dir });
    assert.equal(env.http.port, 2222);
    assert.equal(env.http.host, '127.0.0.2');
    const flag = loadConfig({
      env: { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '2222' },
      cwd: t.dir,
      flags: { http: { port: 3333 } },
    });
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
      assert.ok(
        problems.some((p) => p.startsWith('PARLEY_PORT') && p.includes('(env)')),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith('store.engine') && p.includes('(env)')),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith('log.level') && p.includes('(env)')),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => p.startsWith('http.port') && p.includes('(flag)')),
        problems.join('\n'),
      );
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

  describe('escalation webhook and scheduled pings', () => {
    const problemsOf = (env: NodeJS.ProcessEnv, file?: unknown): string[] => {
      const dataDir = join(t.dir, `hooks-${Object.keys(env).join('-')}-${file ? 'file' : 'nofile'}`);
      require_mkdir(dataDir);
      if (file) writeFileSync(join(dataDir, 'parley.json'), JSON.stringify(file));
      try {
        loadConfig({ env: { PARLEY_DATA_DIR: dataDir, ...env }, cwd: t.dir });
      } catch (e) {
        assert.ok(e instanceof ValidationError && e.code === 'CONFIG_INVALID', String(e));
        return e.details?.problems as string[];
      }
      return [];
    };

    it('are off by default', () => {
      const c = loadConfig({ env: {}, cwd: t.dir });
      assert.equal(c.escalation, undefined);
      assert.deepEqual(c.ping, { everySeconds: 0 });
    });

    it('read PARLEY_WEBHOOK_URL and PARLEY_PING_EVERY_S, over parley.json', () => {
      const dataDir = join(t.dir, 'hooks-layered');
      require_mkdir(dataDir);
      writeFileSync(
        join(dataDir, 'parley.json'),
        JSON.stringify({ escalation: { webhookUrl: 'https://file.example/h' }, ping: { everySeconds: 60 } }),
      );
      const file = loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir });
      assert.equal(file.escalation?.webhookUrl, 'https://file.example/h');
      assert.equal(file.ping?.everySeconds, 60);
      const env = loadConfig({
        env: {
          PARLEY_DATA_DIR: dataDir,
          PARLEY_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
          PARLEY_PING_EVERY_S: '3600',
        },
        cwd: t.dir,
      });
      assert.equal(env.escalation?.webhookUrl, 'http://127.0.0.1:9/hook');
      assert.equal(env.ping?.everySeconds, 3600);
    });

    const bad: { desc: string; env: NodeJS.ProcessEnv; file?: unknown; want: RegExp }[] = [
      {
        desc: 'a ping interval that is not a number',
        env: { PARLEY_PING_EVERY_S: 'abc' },
        want: /^PARLEY_PING_EVERY_S="abc" \(env\): must be a whole number/,
      },
      {
        desc: 'a negative ping interval',
        env: { PARLEY_PING_EVERY_S: '-5' },
        want: /^PARLEY_PING_EVERY_S="-5" \(env\): must be a whole number/,
      },
      {
        desc: 'a fractional ping interval',
        env: { PARLEY_PING_EVERY_S: '1.5' },
        want: /^PARLEY_PING_EVERY_S="1.5" \(env\)/,
      },
      {
        desc: 'a ping interval in ms by mistake',
        env: { PARLEY_PING_EVERY_S: '3600000' },
        want: /^ping\.everySeconds=3600000 \(env\): must be <= 604800/,
      },
      {
        desc: 'a ping interval of the wrong type in the file',
        env: {},
        file: { ping: { everySeconds: '60' } },
        want: /^ping\.everySeconds="60" \(file\): must be integer/,
      },
      {
        desc: 'a relative webhook URL',
        env: { PARLEY_WEBHOOK_URL: 'alerts/parley' },
        want: /^PARLEY_WEBHOOK_URL \(env\): must be an absolute URL/,
      },
      {
        desc: 'a webhook URL that is not http(s)',
        env: { PARLEY_WEBHOOK_URL: 'ftp://alerts.example/x' },
        want: /^PARLEY_WEBHOOK_URL \(env\): must be an http\(s\) URL, got ftp:/,
      },
      {
        desc: 'a bad webhook URL in the file',
        env: {},
        file: { escalation: { webhookUrl: 'nope' } },
        want: /^escalation\.webhookUrl \(file\): must be an absolute URL/,
      },
      {
        desc: 'an unknown escalation key',
        env: {},
        file: { escalation: { webhook: 'https://a.example' } },
        want: /^escalation\.webhook=\S+ \(file\): must NOT have additional properties/,
      },
    ];
    for (const c of bad) {
      it(`refuses ${c.desc}`, () => {
        const problems = problemsOf(c.env, c.file);
        assert.ok(
          problems.some((p) => c.want.test(p)),
          problems.join('\n') || 'no problem reported',
        );
      });
    }

    it('never echoes a bad webhook URL, which may hold a token', () => {
      const problems = problemsOf({ PARLEY_WEBHOOK_URL: 'hooks.example/T0/B0/s3cret' });
      assert.equal(problems.length, 1);
      assert.ok(!problems[0]!.includes('s3cret'));
    });

    it('config show masks the webhook path, where hooks keep their token', () => {
      const c = loadConfig({
        env: { PARLEY_WEBHOOK_URL: 'https://hooks.example/services/T0/B0/s3cret?x=1' },
        cwd: t.dir,
      });
      assert.equal(redactConfig(c).escalation?.webhookUrl, 'https://hooks.example/***');
      assert.equal(c.escalation?.webhookUrl, 'https://hooks.example/services/T0/B0/s3cret?x=1');
    });
  });

  it('redacts the database password', () => {
    const c = loadConfig({
      env: { PARLEY_STORE: 'postgres', PARLEY_DATABASE_URL: 'postgres://parley:s3cret@db:5432/p' },
      cwd: t.dir,
    });
    const shown = JSON.stringify(redactConfig(c));
    assert.ok(!shown.includes('s3cret'));
    assert.ok(shown.includes('parley:***@db'));
  });
});

import { mkdirSync } from 'node:fs';
function require_mkdir(d: string): void {
  mkdirSync(d, { recursive: true });
}
