import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createTaxonomyRegistry,
  registerTaxonomyFile,
  translateSectors,
} from '../../../../src/core/ci/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

// The example an operator starts from (docs/critical-infrastructure.md, "A party's own taxonomy").
const example = JSON.parse(readFileSync('docs/examples/party-taxonomy.json', 'utf8')) as Record<
  string,
  unknown
>;
const base = createTaxonomyRegistry();
const rows = (t: ReturnType<typeof translateSectors>) =>
  t.mappings.map((m) => [m.from, m.to, m.confidence, m.basis]);

function problemsOf(raw: unknown): string[] {
  try {
    registerTaxonomyFile(base, raw);
  } catch (e) {
    assert.ok(e instanceof ValidationError && e.code === 'TAXONOMY_INVALID', String(e));
    return e.details?.problems as string[];
  }
  return assert.fail('expected TAXONOMY_INVALID');
}

describe('registerTaxonomyFile', () => {
  const registry = registerTaxonomyFile(base, example);

  it('reads the shipped shape: nested subsectors get their parent, mapping_note becomes the note', () => {
    const t = registry.taxonomies.get('ardenia-cii')!;
    assert.equal(t.builtin, false);
    assert.deepEqual(
      t.entries.map((e) => [e.id, e.parent ?? null]),
      [
        ['ar-power', null],
        ['ar-power-grid', 'ar-power'],
        ['ar-food', null],
        ['ar-civic', null],
      ],
    );
    assert.match(t.entries[3]!.note ?? '', /registers/);
    assert.equal(base.taxonomies.has('ardenia-cii'), false, 'the original registry is unchanged');
  });

  it('uses the party’s crosswalk as the curated one is used (high -> close, medium -> partial), both ways', () => {
    const t = translateSectors(registry, ['ar-power', 'ar-food', 'ar-civic'], 'ardenia-cii', 'us-ppd21');
    assert.deepEqual(
      rows(t).filter((r) => r[3] === 'crosswalk'),
      [
        ['ar-power', 'us-energy', 'close', 'crosswalk'],
        ['ar-food', 'us-food-and-agriculture', 'partial', 'crosswalk'],
      ],
    );
    assert.equal(
      t.mappings.find((m) => m.to === 'us-food-and-agriculture')?.note,
      'the Ardenian sector leaves out farming',
    );
    assert.deepEqual(t.unmapped, ['ar-civic']);
    const back = translateSectors(registry, ['us-energy'], 'us-ppd21', 'ardenia-cii');
    assert.deepEqual(rows(back)[0], ['us-energy', 'ar-power', 'close', 'crosswalk']);
    assert.ok(
      translateSectors(registry, ['ar-power'], 'ardenia-cii', 'ru-187fz').mappings.some(
        (m) => m.to === 'ru-energy' && m.basis === 'crosswalk',
      ),
    );
  });

  it('reaches what its crosswalk leaves out through STIX only, never better than partial', () => {
    const t = translateSectors(registry, ['ar-power-grid'], 'ardenia-cii', 'eu-nis2');
    assert.ok(t.mappings.length > 0);
    for (const m of t.mappings) {
      assert.equal(m.basis, 'stix-pivot');
      assert.ok(m.confidence === 'partial' || m.confidence === 'uncertain', m.confidence);
    }
    assert.deepEqual(
      rows(translateSectors(registry, ['ar-power'], 'ardenia-cii', 'stix-industry-sector-ov')).map(
        (r) => r[1],
      ),
      ['energy', 'utilities'],
    );
  });

  it('replaces an earlier registration of the same id together with its crosswalk', () => {
    const again = registerTaxonomyFile(registry, { ...example, crosswalk: [] });
    assert.equal(again.crosswalk.length, base.crosswalk.length);
    assert.equal(
      rows(translateSectors(again, ['ar-power'], 'ardenia-cii', 'us-ppd21')).some(
        (r) => r[3] === 'crosswalk',
      ),
      false,
    );
  });

  it('lists every problem of the entries and of the crosswalk at once', () => {
    const p = problemsOf({
      ...example,
      entries: [
        ...(example.entries as unknown[]),
        { id: 'ar-x', name: '', stix: ['energy'], stix_mapping_confidence: 'sure' },
      ],
      crosswalk: [
        { concept: 'a', confidence: 'certain', members: { 'ardenia-cii': ['ar-power'], mars: ['m'] } },
        { concept: 'b', confidence: 'low', members: { 'us-ppd21': ['us-energy'] } },
        { concept: 'c', confidence: 'low', members: { 'ardenia-cii': ['ar-nope'], 'us-ppd21': ['us-nope'] } },
        {
          concept: 'd',
          confidence: 'low',
          members: { 'ardenia-cii': ['ar-power'], 'stix-industry-sector-ov': ['energy'] },
        },
        { concept: '', confidence: 'low', members: { 'ardenia-cii': ['ar-power'] } },
      ],
    });
    for (const re of [
      /entries\[4\]\.name/,
      /stix_mapping_confidence/,
      /crosswalk\[0\]\.confidence/,
      /crosswalk\[0\]\.members\.mars: unknown taxonomy/,
      /crosswalk\[1\]\.members: must list entries of this taxonomy/,
      /crosswalk\[2\]\.members\.ardenia-cii: no entry "ar-nope"/,
      /crosswalk\[2\]\.members\.us-ppd21: no entry "us-nope"/,
      /crosswalk\[3\]\.members\.stix-industry-sector-ov: STIX mappings belong/,
      /crosswalk\[4\]\.concept/,
      /crosswalk\[4\]\.members: must list entries of at least one other/,
    ]) {
      assert.ok(
        p.some((x) => re.test(x)),
        `${re} missing from ${p.join(' | ')}`,
      );
    }
    assert.match(problemsOf({ ...example, id: 'us-ppd21' }).join(' '), /built-in/);
    assert.match(problemsOf({ ...example, crosswalk: {} }).join(' '), /crosswalk: expected an array/);
  });
});
