import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_KEYS, loadConfig } from '../../../src/cli/config.js';
import { ValidationError } from '../../../src/core/errors.js';
import { DEFAULT_FEDERATION_LIMITS } from '../../../src/http/plugins/federation-limits.js';
import { tempDir } from '../../helpers/cli.js';

describe('loadConfig: federation rate limits', () => {
  const t = tempDir();
  after(t.cleanup);
  let n = 0;

  /** A fresh data folder holding `file` as parley.json, if given. */
  const dataDirWith = (file?: unknown): string => {
    const dataDir = join(t.dir, `fed-${n++}`);
    mkdirSync(dataDir, { recursive: true });
    if (file !== undefined) writeFileSync(join(dataDir, 'parley.json'), JSON.stringify(file));
    return dataDir;
  };

  const problemsOf = (env: NodeJS.ProcessEnv, file?: unknown): string[] => {
    try {
      loadConfig({ env: { PARLEY_DATA_DIR: dataDirWith(file), ...env }, cwd: t.dir });
    } catch (e) {
      assert.ok(e instanceof ValidationError && e.code === 'CONFIG_INVALID', String(e));
      return e.details?.problems as string[];
    }
    return [];
  };

  it('defaults to the limits the HTTP layer uses', () => {
    const c = loadConfig({ env: {}, cwd: t.dir });
    assert.deepEqual(c.federation, DEFAULT_FEDERATION_LIMITS);
  });

  it('lists every PARLEY_FEDERATION_* variable with its key, for config show --help', () => {
    const keys = Object.entries(ENV_KEYS)
      .filter(([name]) => name.startsWith('PARLEY_FEDERATION_'))
      .map(([name, spec]) => `${name} ${spec.key}`);
    assert.deepEqual(keys, [
      'PARLEY_FEDERATION_IP_RATE_PER_S federation.ipRatePerSecond',
      'PARLEY_FEDERATION_IP_BURST federation.ipBurst',
      'PARLEY_FEDERATION_PARTY_RATE_PER_S federation.partyRatePerSecond',
      'PARLEY_FEDERATION_PARTY_BURST federation.partyBurst',
    ]);
  });

  it('layers parley.json < environment, key by key, keeping the defaults of unset keys', () => {
    const dataDir = dataDirWith({ federation: { partyBurst: 5, partyRatePerSecond: 0.5 } });
    const file = loadConfig({ env: { PARLEY_DATA_DIR: dataDir }, cwd: t.dir });
    assert.deepEqual(file.federation, {
      ...DEFAULT_FEDERATION_LIMITS,
      partyBurst: 5,
      partyRatePerSecond: 0.5,
    });
    const env = loadConfig({
      env: {
        PARLEY_DATA_DIR: dataDir,
        PARLEY_FEDERATION_PARTY_BURST: '7',
        PARLEY_FEDERATION_IP_RATE_PER_S: '12.5',
        PARLEY_FEDERATION_IP_BURST: '30',
      },
      cwd: t.dir,
    });
    assert.deepEqual(env.federation, {
      ipRatePerSecond: 12.5,
      ipBurst: 30,
      partyRatePerSecond: 0.5,
      partyBurst: 7,
    });
  });

  const bad: { desc: string; env: NodeJS.ProcessEnv; file?: unknown; want: RegExp }[] = [
    {
      desc: 'a negative burst in the environment',
      env: { PARLEY_FEDERATION_PARTY_BURST: '-1' },
      want: /^PARLEY_FEDERATION_PARTY_BURST="-1" \(env\): must be a whole number/,
    },
    {
      desc: 'a fractional burst in the environment',
      env: { PARLEY_FEDERATION_IP_BURST: '2.5' },
      want: /^PARLEY_FEDERATION_IP_BURST="2.5" \(env\): must be a whole number/,
    },
    {
      desc: 'a zero burst, which would refuse every request',
      env: { PARLEY_FEDERATION_IP_BURST: '0' },
      want: /^federation\.ipBurst=0 \(env\): must be >= 1/,
    },
    {
      desc: 'a fractional burst in the file',
      env: {},
      file: { federation: { partyBurst: 2.5 } },
      want: /^federation\.partyBurst=2\.5 \(file\): must be integer/,
    },
    {
      desc: 'a negative rate in the environment',
      env: { PARLEY_FEDERATION_PARTY_RATE_PER_S: '-3' },
      want: /^PARLEY_FEDERATION_PARTY_RATE_PER_S="-3" \(env\): must be a positive number/,
    },
    {
      desc: 'a rate that is not a number',
      env: { PARLEY_FEDERATION_IP_RATE_PER_S: '10/s' },
      want: /^PARLEY_FEDERATION_IP_RATE_PER_S="10\/s" \(env\): must be a positive number/,
    },
    {
      desc: 'a zero rate, which would never refill',
      env: { PARLEY_FEDERATION_PARTY_RATE_PER_S: '0' },
      want: /^federation\.partyRatePerSecond=0 \(env\): must be >= 0\.001/,
    },
    {
      desc: 'a negative rate in the file',
      env: {},
      file: { federation: { ipRatePerSecond: -1 } },
      want: /^federation\.ipRatePerSecond=-1 \(file\): must be >= 0\.001/,
    },
    {
      desc: 'a rate given as a string in the file',
      env: {},
      file: { federation: { ipRatePerSecond: '100' } },
      want: /^federation\.ipRatePerSecond="100" \(file\): must be number/,
    },
    {
      desc: 'a burst above the ceiling',
      env: { PARLEY_FEDERATION_PARTY_BURST: '5000000' },
      want: /^federation\.partyBurst=5000000 \(env\): must be <= 1000000/,
    },
    {
      desc: 'an unknown federation key',
      env: {},
      file: { federation: { partyBursts: 3 } },
      want: /^federation\.partyBursts=3 \(file\): must NOT have additional properties/,
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

  it('names every bad federation key at once', () => {
    const problems = problemsOf(
      { PARLEY_FEDERATION_IP_BURST: '0', PARLEY_FEDERATION_PARTY_RATE_PER_S: 'fast' },
      { federation: { partyBurst: 0.5 } },
    );
    const named = new Set(problems.map((p) => /^[\w.]+/.exec(p)?.[0]));
    assert.deepEqual(
      [...named].sort(),
      ['PARLEY_FEDERATION_PARTY_RATE_PER_S', 'federation.ipBurst', 'federation.partyBurst'],
      problems.join('\n'),
    );
  });
});
