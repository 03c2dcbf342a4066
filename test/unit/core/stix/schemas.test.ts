// The bundled OASIS schemas: every JSON file copied into src/core/stix/schemas is registered, compiles,
// and the folder carries its licence and SOURCE note (CONVENTIONS.md §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { STIX_SCHEMAS } from '../../../../src/core/stix/schemas/index.js';
import { checkAgainstSchema } from '../../../../src/core/stix/schema-validator.js';

const DIR = resolve(process.cwd(), 'src/core/stix/schemas');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return n.endsWith('.json') ? [relative(DIR, p)] : [];
  });
}

describe('bundled OASIS STIX 2.1 schemas', () => {
  it('registers every copied schema file, and nothing else', () => {
    assert.deepEqual(Object.keys(STIX_SCHEMAS).sort(), jsonFiles(DIR).sort());
    assert.equal(Object.keys(STIX_SCHEMAS).length, 56);
  });

  it('leaves out common/bundle.json', () => {
    assert.equal(STIX_SCHEMAS['common/bundle.json'], undefined);
  });

  it('keeps the upstream $id of each file', () => {
    for (const [path, schema] of Object.entries(STIX_SCHEMAS)) {
      assert.match(
        String((schema as { $id?: unknown }).$id),
        new RegExp(`/schemas/${path.replace('.', '\\.')}$`),
      );
    }
  });

  it('compiles every schema', () => {
    for (const path of Object.keys(STIX_SCHEMAS)) assert.ok(Array.isArray(checkAgainstSchema(path, {})));
  });

  it('ships LICENSE and SOURCE.md naming the upstream commit', () => {
    assert.ok(existsSync(join(DIR, 'LICENSE')));
    assert.ok(existsSync(join(DIR, 'SOURCE.md')));
  });
});
