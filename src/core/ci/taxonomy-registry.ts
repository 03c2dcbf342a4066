/**
 * The taxonomies a node knows: the built-ins plus any a party registers. A registered taxonomy must map
 * each entry to STIX industry-sector-ov with a confidence, which is how it reaches every other taxonomy.
 */
import { ValidationError } from '../errors.js';
import { BUILTIN_CROSSWALK, BUILTIN_TAXONOMIES } from './builtin-taxonomies.js';
import { isMappingConfidence, MAPPING_CONFIDENCES } from './confidence.js';
import type { Taxonomy, TaxonomyEntry, TaxonomyRegistry } from './taxonomy.types.js';

const ID_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const STIX_VALUE_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Keeps a hostile taxonomy from costing more than a designation's worth of memory. */
export const MAX_TAXONOMY_ENTRIES = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

export function createTaxonomyRegistry(): TaxonomyRegistry {
  return { taxonomies: new Map(BUILTIN_TAXONOMIES.map((t) => [t.id, t])), crosswalk: BUILTIN_CROSSWALK };
}

function checkEntry(e: unknown, p: string, ids: Set<string>, problems: string[]): void {
  if (!isObj(e)) return void problems.push(`${p}: expected an object`);
  if (typeof e.id !== 'string' || !ID_RE.test(e.id)) problems.push(`${p}.id: expected a lower-case id`);
  else if (ids.has(e.id)) problems.push(`${p}.id: duplicate entry id "${e.id}"`);
  else ids.add(e.id);
  if (!isStr(e.name)) problems.push(`${p}.name: expected a non-empty string`);
  if (e.name_ru !== undefined && !isStr(e.name_ru))
    problems.push(`${p}.name_ru: expected a non-empty string`);
  if (!Array.isArray(e.stix) || !e.stix.every((s) => typeof s === 'string' && STIX_VALUE_RE.test(s))) {
    problems.push(`${p}.stix: expected an array of STIX industry-sector-ov values`);
  }
  if (!isMappingConfidence(e.stix_mapping_confidence)) {
    problems.push(`${p}.stix_mapping_confidence: expected one of ${MAPPING_CONFIDENCES.join(', ')}`);
  } else if (Array.isArray(e.stix) && e.stix.length === 0 && e.stix_mapping_confidence !== 'uncertain') {
    problems.push(`${p}.stix: an entry with no STIX value can only be "uncertain"`);
  }
  if (e.parent !== undefined && typeof e.parent !== 'string')
    problems.push(`${p}.parent: expected an entry id`);
}

function checkParents(entries: Obj[], problems: string[]): void {
  const parent = new Map(entries.map((e) => [e.id as string, e.parent as string | undefined]));
  for (const [id, p] of parent) {
    if (p === undefined) continue;
    if (!parent.has(p)) {
      problems.push(`entries["${id}"].parent: no entry "${p}"`);
      continue;
    }
    const seen = new Set([id]);
    for (let q: string | undefined = p; q !== undefined; q = parent.get(q)) {
      if (seen.has(q)) {
        problems.push(`entries["${id}"].parent: cycle through "${q}"`);
        break;
      }
      seen.add(q);
    }
  }
}

/**
 * Turns an untrusted taxonomy document (snake_case, as on the wire) into a Taxonomy.
 * Throws ValidationError TAXONOMY_INVALID whose `details.problems` lists every problem.
 */
export function parseTaxonomy(raw: unknown, registry?: TaxonomyRegistry): Taxonomy {
  const problems: string[] = [];
  if (!isObj(raw)) problems.push('taxonomy: expected an object');
  else {
    if (typeof raw.id !== 'string' || !ID_RE.test(raw.id)) problems.push('id: expected a lower-case id');
    else if (registry?.taxonomies.get(raw.id)?.builtin)
      problems.push(`id: "${raw.id}" is a built-in taxonomy`);
    if (!isStr(raw.title)) problems.push('title: expected a non-empty string');
    if (raw.sources !== undefined && !(Array.isArray(raw.sources) && raw.sources.every(isStr))) {
      problems.push('sources: expected an array of strings');
    }
    if (!Array.isArray(raw.entries) || raw.entries.length === 0)
      problems.push('entries: expected a non-empty array');
    else if (raw.entries.length > MAX_TAXONOMY_ENTRIES)
      problems.push(`entries: ${raw.entries.length} entries, max ${MAX_TAXONOMY_ENTRIES}`);
    else {
      const ids = new Set<string>();
      raw.entries.forEach((e, i) => checkEntry(e, `entries[${i}]`, ids, problems));
      if (problems.length === 0) checkParents(raw.entries as Obj[], problems);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError('TAXONOMY_INVALID', `invalid taxonomy: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const t = raw as Obj;
  const entries: TaxonomyEntry[] = (t.entries as Obj[]).map((e) => ({
    id: e.id as string,
    name: (e.name as string).trim(),
    ...(typeof e.name_ru === 'string' ? { nameRu: e.name_ru.trim() } : {}),
    ...(typeof e.parent === 'string' ? { parent: e.parent } : {}),
    stix: [...(e.stix as string[])],
    stixConfidence: e.stix_mapping_confidence as TaxonomyEntry['stixConfidence'],
    ...(typeof e.note === 'string' ? { note: e.note } : {}),
  }));
  return {
    id: t.id as string,
    title: t.title as string,
    sources: [...((t.sources as string[] | undefined) ?? [])],
    caveats: [],
    builtin: false,
    entries,
  };
}

/**
 * A new registry with a party's taxonomy added (or replacing an earlier registration of the same id).
 * Throws ValidationError TAXONOMY_INVALID (see parseTaxonomy).
 */
export function registerTaxonomy(registry: TaxonomyRegistry, raw: unknown): TaxonomyRegistry {
  const taxonomy = parseTaxonomy(raw, registry);
  const taxonomies = new Map(registry.taxonomies);
  taxonomies.set(taxonomy.id, taxonomy);
  return { taxonomies, crosswalk: registry.crosswalk };
}
