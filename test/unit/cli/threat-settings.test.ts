import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../src/cli/config.js';
import { threatSettings } from '../../../src/cli/threat-settings.js';
import { DAY_MS, NCISS_DEMO_MODEL } from '../../../src/core/score/index.js';
import { tempDir } from '../../helpers/cli.js';

describe('threat settings from the configuration', () => {
  const tmp = tempDir('parley-threat-cfg-');
  after(() => tmp.cleanup());

  it('defaults to the notional demo model and a 7-day half-life', () => {
    assert.deepEqual(threatSettings(loadConfig({ env: {}, cwd: tmp.dir, flags: { dataDir: tmp.dir } })), {});
  });

  it('loads a party’s own model (relative to the data folder) and the half-life from the environment', () => {
    const own = {
      ...NCISS_DEMO_MODEL,
      id: 'ruritania-2026',
      version: '3',
      name: 'Ruritania model',
      provenance: { published: false, notional: false, source: 'Ruritania CERT', note: 'our weights' },
    };
    writeFileSync(join(tmp.dir, 'model.json'), JSON.stringify(own));
    const config = loadConfig({
      env: { PARLEY_SCORE_MODEL_FILE: 'model.json', PARLEY_THREAT_HALF_LIFE_DAYS: '3' },
      cwd: tmp.dir,
      flags: { dataDir: tmp.dir },
    });
    const s = threatSettings(config);
    assert.equal(s.model!.id, 'ruritania-2026');
    assert.equal(s.aggregate!.halfLifeMs, 3 * DAY_MS);
    assert.deepEqual(s.aggregate!.bands, own.bands);
  });

  it('refuses an invalid model with every problem listed', () => {
    writeFileSync(join(tmp.dir, 'bad.json'), JSON.stringify({ ...NCISS_DEMO_MODEL, categories: [] }));
    const config = loadConfig({
      env: { PARLEY_SCORE_MODEL_FILE: 'bad.json' },
      cwd: tmp.dir,
      flags: { dataDir: tmp.dir },
    });
    assert.throws(() => threatSettings(config), { code: 'SCORE_MODEL_INVALID' });
  });

  it('refuses a half-life that is not a whole number of days', () => {
    assert.throws(
      () =>
        loadConfig({ env: { PARLEY_THREAT_HALF_LIFE_DAYS: '0' }, cwd: tmp.dir, flags: { dataDir: tmp.dir } }),
      { code: 'CONFIG_INVALID' },
    );
  });
});
