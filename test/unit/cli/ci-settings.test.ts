import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { taxonomyRegistryOf } from '../../../src/cli/ci-settings.js';
import { loadConfig } from '../../../src/cli/config.js';
import { ValidationError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/cli.js';

describe('ci.taxonomyFiles', () => {
  const tmp = tempDir('parley-ci-cfg-');
  after(() => tmp.cleanup());
  const load = (env: NodeJS.ProcessEnv) => loadConfig({ env, cwd: tmp.dir, flags: { dataDir: tmp.dir } });

  it('is off by default: the built-in taxonomies only', () => {
    const config = load({});
    assert.equal(config.ci, undefined);
    assert.equal(taxonomyRegistryOf(config), undefined);
  });

  it('reads several files from PARLEY_CI_TAXONOMY_FILES, relative ones from the data folder', () => {
    copyFileSync('docs/examples/party-taxonomy.json', join(tmp.dir, 'ardenia.json'));
    const config = load({
      PARLEY_CI_TAXONOMY_FILES: ['ardenia.json', join(tmp.dir, 'other.json')].join(delimiter),
    });
    assert.deepEqual(config.ci?.taxonomyFiles, [join(tmp.dir, 'ardenia.json'), join(tmp.dir, 'other.json')]);
    const one = taxonomyRegistryOf(load({ PARLEY_CI_TAXONOMY_FILES: 'ardenia.json' }))!;
    assert.equal(one.taxonomies.get('ardenia-cii')?.builtin, false);
  });

  it('refuses a value that is not a list of paths, with where it came from', () => {
    writeFileSync(join(tmp.dir, 'parley.json'), JSON.stringify({ ci: { taxonomyFiles: 'ardenia.json' } }));
    try {
      assert.throws(
        () => load({}),
        (e: unknown) =>
          e instanceof ValidationError &&
          e.code === 'CONFIG_INVALID' &&
          /ci\.taxonomyFiles="ardenia\.json" \(file\): must be array/.test(e.message),
      );
    } finally {
      writeFileSync(join(tmp.dir, 'parley.json'), '{}');
    }
  });

  it('lists every problem of every file: unreadable, invalid, and one id defined twice', () => {
    writeFileSync(join(tmp.dir, 'bad.json'), '{ not json');
    copyFileSync('docs/examples/party-taxonomy.json', join(tmp.dir, 'again.json'));
    writeFileSync(join(tmp.dir, 'empty.json'), JSON.stringify({ id: 'e-cii', title: 'E', entries: [] }));
    const config = load({
      PARLEY_CI_TAXONOMY_FILES: ['ardenia.json', 'again.json', 'bad.json', 'empty.json', 'gone.json'].join(
        delimiter,
      ),
    });
    try {
      taxonomyRegistryOf(config);
      assert.fail('expected TAXONOMY_INVALID');
    } catch (e) {
      assert.ok(e instanceof ValidationError && e.code === 'TAXONOMY_INVALID', String(e));
      const p = e.details?.problems as string[];
      for (const re of [
        /again\.json: taxonomy "ardenia-cii" is already defined by .*ardenia\.json/,
        /bad\.json: .*JSON/,
        /empty\.json: entries: expected a non-empty array/,
        /gone\.json: no such file/,
      ]) {
        assert.ok(
          p.some((x) => re.test(x)),
          `${re} missing from ${p.join(' | ')}`,
        );
      }
    }
  });
});
