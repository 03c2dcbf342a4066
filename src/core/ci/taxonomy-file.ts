/**
 * A party's own taxonomy as an operator writes it in a file: the shape of a shipped taxonomy in
 * data/ci-sectors.json (entries with `stix` values and `stix_mapping_confidence`, subsectors nested
 * under `subsectors` or named by `parent`, `mapping_note`), with an `id`, plus optional `crosswalk`
 * concepts that relate its entries directly to entries of other known taxonomies:
 *
 *     { "id": "ua-cii", "title": "…", "sources": ["…"],
 *       "entries": [{ "id": "ua-power", "name": "Power", "stix": ["energy"], "stix_mapping_confidence": "exact",
 *                     "subsectors": [{ "id": "ua-grid", "name": "Grid", "stix": ["utilities"], "stix_mapping_confidence": "close" }] }],
 *       "crosswalk": [{ "concept": "energy", "confidence": "high",
 *                       "members": { "ua-cii": ["ua-power"], "us-ppd21": ["us-energy"] } }] }
 *
 * Without a crosswalk the taxonomy reaches the others through STIX only (never better than `partial`);
 * a concept of its crosswalk is the party's own judgement and reads like the curated one (`high` → `close`).
 */
import { ValidationError } from '../errors.js';
import { STIX_TAXONOMY_ID } from './builtin-taxonomies.js';
import { CROSSWALK_CONFIDENCES, type CrosswalkConfidence } from './confidence.js';
import { parseTaxonomy } from './taxonomy-registry.js';
import type { CrosswalkConcept, Taxonomy, TaxonomyRegistry } from './taxonomy.types.js';

/** Keeps a hostile crosswalk from costing more than the taxonomy itself may. */
export const MAX_CROSSWALK_CONCEPTS = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested `subsectors` become entries with `parent`; `mapping_note` becomes `note`. */
function flattenEntries(raw: unknown, parent?: string): unknown[] {
  if (!Array.isArray(raw)) return raw as unknown[];
  return raw.flatMap((e) => {
    if (!isObj(e)) return [e];
    const { subsectors, mapping_note, ...rest } = e;
    const entry = {
      ...rest,
      ...(parent !== undefined && rest.parent === undefined ? { parent } : {}),
      ...(typeof mapping_note === 'string' && rest.note === undefined ? { note: mapping_note } : {}),
    };
    const children = Array.isArray(subsectors)
      ? flattenEntries(subsectors, typeof e.id === 'string' ? e.id : undefined)
      : [];
    return [entry, ...children];
  });
}

function checkConcept(
  c: unknown,
  p: string,
  own: { id: string; entries: ReadonlySet<string> },
  registry: TaxonomyRegistry,
  problems: string[],
): CrosswalkConcept | undefined {
  const ownId = own.id;
  if (!isObj(c)) return void problems.push(`${p}: expected an object`);
  const before = problems.length;
  if (typeof c.concept !== 'string' || c.concept.trim() === '')
    problems.push(`${p}.concept: expected a non-empty string`);
  if (!(CROSSWALK_CONFIDENCES as readonly unknown[]).includes(c.confidence))
    problems.push(`${p}.confidence: expected one of ${CROSSWALK_CONFIDENCES.join(', ')}`);
  if (c.note !== undefined && typeof c.note !== 'string') problems.push(`${p}.note: expected a string`);
  if (!isObj(c.members)) {
    problems.push(`${p}.members: expected an object of taxonomy id -> entry ids`);
    return undefined;
  }
  const members: Record<string, string[]> = {};
  for (const [tax, ids] of Object.entries(c.members)) {
    // This taxonomy's own ids are checked even when its entries have problems, so every problem shows.
    const other = registry.taxonomies.get(tax);
    const known = tax === ownId ? own.entries : other && new Set(other.entries.map((e) => e.id));
    if (tax === STIX_TAXONOMY_ID)
      problems.push(
        `${p}.members.${tax}: STIX mappings belong in the entries' "stix" and "stix_mapping_confidence"`,
      );
    else if (known === undefined) problems.push(`${p}.members.${tax}: unknown taxonomy (load it first)`);
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) {
      problems.push(`${p}.members.${tax}: expected a non-empty array of entry ids`);
      continue;
    }
    if (known !== undefined)
      for (const id of ids as string[])
        if (!known.has(id)) problems.push(`${p}.members.${tax}: no entry "${id}"`);
    members[tax] = [...new Set(ids as string[])];
  }
  if (!Object.hasOwn(c.members, ownId))
    problems.push(`${p}.members: must list entries of this taxonomy ("${ownId}")`);
  if (Object.keys(c.members).filter((k) => k !== ownId).length === 0)
    problems.push(`${p}.members: must list entries of at least one other taxonomy`);
  if (problems.length > before) return undefined;
  return {
    concept: (c.concept as string).trim(),
    members,
    confidence: c.confidence as CrosswalkConfidence,
    ...(typeof c.note === 'string' ? { note: c.note } : {}),
  };
}

/**
 * A new registry with the taxonomy of a file (see above) and its crosswalk concepts added; an earlier
 * registration of the same id is replaced, with its concepts. Throws ValidationError TAXONOMY_INVALID
 * whose `details.problems` lists every problem of the taxonomy and of the crosswalk.
 */
export function registerTaxonomyFile(registry: TaxonomyRegistry, raw: unknown): TaxonomyRegistry {
  const problems: string[] = [];
  let taxonomy: Taxonomy | undefined;
  try {
    taxonomy = parseTaxonomy(isObj(raw) ? { ...raw, entries: flattenEntries(raw.entries) } : raw, registry);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    problems.push(...((e.details?.problems as string[] | undefined) ?? [e.message]));
  }
  const ownId = isObj(raw) && typeof raw.id === 'string' ? raw.id : '';
  const flat = isObj(raw) && Array.isArray(raw.entries) ? flattenEntries(raw.entries) : [];
  const own = {
    id: ownId,
    entries: new Set(flat.flatMap((e) => (isObj(e) && typeof e.id === 'string' ? [e.id] : []))),
  };
  const concepts: CrosswalkConcept[] = [];
  const cw = isObj(raw) ? raw.crosswalk : undefined;
  if (cw !== undefined && !Array.isArray(cw)) problems.push('crosswalk: expected an array');
  else if (Array.isArray(cw) && cw.length > MAX_CROSSWALK_CONCEPTS)
    problems.push(`crosswalk: ${cw.length} concepts, max ${MAX_CROSSWALK_CONCEPTS}`);
  else
    for (const [i, c] of (cw ?? []).entries()) {
      const concept = checkConcept(c, `crosswalk[${i}]`, own, registry, problems);
      if (concept) concepts.push(concept);
    }
  if (problems.length > 0 || taxonomy === undefined) {
    throw new ValidationError('TAXONOMY_INVALID', `invalid taxonomy: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const taxonomies = new Map(registry.taxonomies);
  taxonomies.set(taxonomy.id, taxonomy);
  const kept = registry.crosswalk.filter((c) => !Object.hasOwn(c.members, taxonomy.id));
  return { taxonomies, crosswalk: [...kept, ...concepts] };
}
