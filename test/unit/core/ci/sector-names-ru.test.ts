/**
 * Russian names of the shipped taxonomies (data/ci-sector-names-ru.json and 187-FZ's own `name_ru`,
 * data/SOURCE.md): every entry has one, 187-FZ's are the law's words, translations reach the
 * crosswalk's answers, and a party's taxonomy file may bring its own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUILTIN_TAXONOMIES,
  createTaxonomyRegistry,
  registerTaxonomyFile,
  translateSectors,
} from '../../../../src/core/ci/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

/** Starts with a capital Cyrillic letter; Latin only in a NACE code or "in vitro". */
const isRussianName = (n: string): boolean =>
  /^[А-ЯЁ]/.test(n) && !/[A-Za-z]/.test(n.replace(/\(NACE C[0-9]+\)|in vitro/g, ''));

describe('Russian names of the shipped taxonomies', () => {
  for (const t of BUILTIN_TAXONOMIES) {
    it(`${t.id}: every entry has a Russian name, capitalised, in Cyrillic`, () => {
      const missing = t.entries.filter((e) => e.nameRu === undefined).map((e) => e.id);
      assert.deepEqual(missing, []);
      for (const e of t.entries) assert.ok(isRussianName(e.nameRu!), `${e.id}: ${e.nameRu}`);
    });
  }

  it('187-FZ names are the law’s own words (art. 2(8)), put in the nominative as list items', () => {
    const ru = BUILTIN_TAXONOMIES.find((t) => t.id === 'ru-187fz')!;
    const name = (id: string) => ru.entries.find((e) => e.id === id)!.nameRu;
    assert.equal(name('ru-banking-financial-market'), 'Банковская сфера и иные сферы финансового рынка');
    assert.equal(name('ru-nuclear-energy'), 'Область атомной энергии');
    assert.equal(name('ru-fuel-energy-complex'), 'Топливно-энергетический комплекс');
    assert.equal(name('ru-defense-industry'), 'Оборонная промышленность');
  });

  it('translations come with the crosswalk’s answers (toNameRu), the English name kept', () => {
    const r = createTaxonomyRegistry();
    const x = translateSectors(r, ['ru-energy'], 'ru-187fz', 'us-ppd21');
    const m = x.mappings.find((y) => y.to === 'us-energy')!;
    assert.equal(m.toName, 'Energy Sector');
    assert.equal(m.toNameRu, 'Сектор энергетики');
    const id = translateSectors(r, ['agriculture'], 'stix-industry-sector-ov', 'stix-industry-sector-ov');
    assert.deepEqual(
      id.mappings.map((y) => [y.toName, y.toNameRu]),
      [['agriculture', 'Сельское хозяйство']],
    );
    const eu = translateSectors(r, ['eu-a1-energy-gas'], 'eu-nis2', 'eu-nis2');
    assert.equal(eu.mappings[0]!.toNameRu, 'Газ');
  });

  it('a party’s taxonomy file may give name_ru; a blank one is refused', () => {
    const file = {
      id: 'xx-cii',
      title: 'Xland CII',
      entries: [
        {
          id: 'xx-power',
          name: 'Power',
          name_ru: ' Электроэнергетика ',
          stix: ['energy'],
          stix_mapping_confidence: 'exact',
        },
        { id: 'xx-rail', name: 'Rail', stix: ['transportation'], stix_mapping_confidence: 'close' },
      ],
    };
    const r = registerTaxonomyFile(createTaxonomyRegistry(), file);
    const t = r.taxonomies.get('xx-cii')!;
    assert.deepEqual(
      t.entries.map((e) => [e.id, e.nameRu]),
      [
        ['xx-power', 'Электроэнергетика'],
        ['xx-rail', undefined],
      ],
    );
    assert.throws(
      () =>
        registerTaxonomyFile(createTaxonomyRegistry(), {
          ...file,
          entries: [{ ...file.entries[0], name_ru: ' ' }],
        }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === 'TAXONOMY_INVALID' &&
        (e.details?.problems as string[]).some((p) => p.includes('name_ru')),
    );
  });
});
