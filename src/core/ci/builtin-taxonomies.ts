/**
 * The taxonomies shipped with Parley, read from data/ci-sectors.json (see data/SOURCE.md): STIX 2.1
 * industry-sector-ov, US PPD-21 (16 sectors), Russia 187-FZ art. 2(8), EU NIS2 Annexes I–II. Russian
 * names: 187-FZ's own words (`name_ru` in ci-sectors.json), the others' translations from
 * data/ci-sector-names-ru.json.
 */
import data from './data/ci-sectors.json' with { type: 'json' };
import namesRu from './data/ci-sector-names-ru.json' with { type: 'json' };
import {
  isMappingConfidence,
  minConfidence,
  type CrosswalkConfidence,
  type MappingConfidence,
} from './confidence.js';
import type { CrosswalkConcept, Taxonomy, TaxonomyEntry } from './taxonomy.types.js';

export const STIX_TAXONOMY_ID = 'stix-industry-sector-ov';
export const US_PPD21_TAXONOMY_ID = 'us-ppd21';
export const RU_187FZ_TAXONOMY_ID = 'ru-187fz';
export const EU_NIS2_TAXONOMY_ID = 'eu-nis2';

interface RawEntry {
  id: string;
  name: string;
  name_ru?: string;
  stix?: string[];
  stix_mapping_confidence?: string;
  mapping_note?: string;
  subsectors?: RawEntry[];
}

function conf(v: string | undefined): MappingConfidence {
  return isMappingConfidence(v) ? v : 'uncertain';
}

/** A name as the first word of a list item: the law writes its spheres in lower case, mid-sentence. */
const asName = (s: string): string => s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);

/** Russian names by entry id: the source's own (`name_ru`) first, else the shipped translation. */
function russianNames(taxonomy: string): Readonly<Record<string, string>> {
  const t = (namesRu.taxonomies as Record<string, { names: Record<string, string> } | undefined>)[taxonomy];
  return t?.names ?? {};
}

function flatten(
  raw: readonly RawEntry[],
  ru: Readonly<Record<string, string>>,
  parent?: string,
): TaxonomyEntry[] {
  return raw.flatMap((e) => {
    const children = e.subsectors ? flatten(e.subsectors, ru, e.id) : [];
    const nameRu = e.name_ru !== undefined ? asName(e.name_ru) : ru[e.id];
    // A sector known only through its subsectors maps to their union, as weakly as its weakest child.
    const stix = e.stix ?? [...new Set(children.flatMap((c) => c.stix))];
    const stixConfidence = e.stix
      ? conf(e.stix_mapping_confidence)
      : minConfidence(...children.map((c) => c.stixConfidence));
    const entry: TaxonomyEntry = {
      id: e.id,
      name: e.name,
      ...(nameRu === undefined ? {} : { nameRu }),
      ...(parent === undefined ? {} : { parent }),
      stix,
      stixConfidence,
      ...(e.mapping_note === undefined ? {} : { note: e.mapping_note }),
    };
    return [entry, ...children];
  });
}

function stixTaxonomy(): Taxonomy {
  const v = data.stix_industry_sector_ov;
  const ru = russianNames(STIX_TAXONOMY_ID);
  return {
    id: STIX_TAXONOMY_ID,
    title: `STIX 2.1 ${v.vocabulary} (open vocabulary)`,
    sources: v.sources,
    caveats: [v.note_parent, v.stix20_note],
    builtin: true,
    entries: v.values.map((x) => ({
      id: x.id,
      name: x.name,
      ...(ru[x.id] === undefined ? {} : { nameRu: ru[x.id] }),
      stix: [x.id],
      stixConfidence: 'exact' as const,
    })),
  };
}

function build(): Taxonomy[] {
  const t = data.taxonomies;
  return [
    stixTaxonomy(),
    {
      id: US_PPD21_TAXONOMY_ID,
      title: t.us_ppd21.title,
      sources: t.us_ppd21.sources,
      caveats: [t.us_ppd21.status, t.us_ppd21.naming_note],
      builtin: true,
      entries: flatten(t.us_ppd21.entries, russianNames(US_PPD21_TAXONOMY_ID)),
    },
    {
      id: RU_187FZ_TAXONOMY_ID,
      title: t.ru_187fz.title,
      sources: t.ru_187fz.sources,
      caveats: t.ru_187fz.caveats,
      builtin: true,
      entries: flatten(t.ru_187fz.entries, russianNames(RU_187FZ_TAXONOMY_ID)),
    },
    {
      id: EU_NIS2_TAXONOMY_ID,
      title: t.eu_nis2.title,
      sources: t.eu_nis2.sources,
      caveats: [...t.eu_nis2.caveats, t.eu_nis2.out_of_scope_note],
      builtin: true,
      entries: flatten(
        [...t.eu_nis2.annex_I, ...t.eu_nis2.annex_II] as RawEntry[],
        russianNames(EU_NIS2_TAXONOMY_ID),
      ),
    },
  ];
}

const COLUMN_TO_TAXONOMY: Record<string, string> = {
  us: US_PPD21_TAXONOMY_ID,
  ru: RU_187FZ_TAXONOMY_ID,
  eu: EU_NIS2_TAXONOMY_ID,
  stix: STIX_TAXONOMY_ID,
};

function buildCrosswalk(): CrosswalkConcept[] {
  return data.crosswalk.map((c) => {
    const members: Record<string, readonly string[]> = {};
    for (const [col, tax] of Object.entries(COLUMN_TO_TAXONOMY))
      members[tax] = (c as Record<string, unknown>)[col] as string[];
    return {
      concept: c.concept,
      members,
      confidence: c.confidence as CrosswalkConfidence,
      ...('note' in c && typeof c.note === 'string' ? { note: c.note } : {}),
    };
  });
}

export const BUILTIN_TAXONOMIES: readonly Taxonomy[] = Object.freeze(build());
export const BUILTIN_CROSSWALK: readonly CrosswalkConcept[] = Object.freeze(buildCrosswalk());
