/**
 * Translation of a set of sectors from one taxonomy to another, each result with its confidence and
 * the basis it rests on. Between built-in national taxonomies only the curated crosswalk is used (an
 * empty row there, such as water in 187-FZ, means "no counterpart" and is kept as such); to and from
 * STIX the entries' own STIX mappings are used; a registered taxonomy reaches others through STIX and
 * through the crosswalk concepts its file brought (registerTaxonomyFile).
 */
import { ValidationError } from '../errors.js';
import { STIX_TAXONOMY_ID } from './builtin-taxonomies.js';
import {
  confidenceRank,
  fromCrosswalkConfidence,
  minConfidence,
  type MappingConfidence,
} from './confidence.js';
import type { Taxonomy, TaxonomyEntry, TaxonomyRegistry } from './taxonomy.types.js';

export interface SectorMapping {
  readonly from: string;
  readonly to: string;
  readonly toName: string;
  /** The target's Russian name, when the taxonomy has one (TaxonomyEntry.nameRu). */
  readonly toNameRu?: string;
  readonly confidence: MappingConfidence;
  readonly basis: 'identity' | 'crosswalk' | 'stix' | 'stix-pivot';
  readonly concept?: string;
  /** Set when `from` had no mapping of its own and its parent sector's was used. */
  readonly viaParent?: string;
  readonly note?: string;
}

export interface SectorTranslation {
  readonly from: string;
  readonly to: string;
  readonly mappings: readonly SectorMapping[];
  /** Known sectors with no counterpart in the target taxonomy. */
  readonly unmapped: readonly string[];
  /** Ids that are not entries of the source taxonomy. */
  readonly unknown: readonly string[];
}

type Draft = Omit<SectorMapping, 'from' | 'toName' | 'toNameRu'>;

function taxonomyOf(registry: TaxonomyRegistry, id: string): Taxonomy {
  const t = registry.taxonomies.get(id);
  if (t === undefined) throw new ValidationError('TAXONOMY_INVALID', `unknown taxonomy "${id}"`);
  return t;
}

function viaCrosswalk(registry: TaxonomyRegistry, src: Taxonomy, dst: Taxonomy, e: TaxonomyEntry): Draft[] {
  const target = new Map(dst.entries.map((x) => [x.id, x]));
  const out: Draft[] = [];
  for (const c of registry.crosswalk) {
    if (!(c.members[src.id] ?? []).includes(e.id)) continue;
    for (const to of c.members[dst.id] ?? []) {
      const t = target.get(to);
      if (t === undefined) continue;
      // An entry the source itself calls a judgement call stays one, whatever the concept's confidence.
      const own =
        e.stixConfidence === 'uncertain' || t.stixConfidence === 'uncertain' ? 'uncertain' : 'exact';
      out.push({
        to,
        confidence: minConfidence(fromCrosswalkConfidence(c.confidence), own),
        basis: 'crosswalk',
        concept: c.concept,
        ...(c.note === undefined ? {} : { note: c.note }),
      });
    }
  }
  return out;
}

/** STIX value → target entries; a value shared by several entries is ambiguous, so at most "partial". */
function fromStix(dst: Taxonomy, value: string): Draft[] {
  const hits = dst.entries.filter((x) => x.stix.includes(value));
  return hits.map((x) => ({
    to: x.id,
    confidence: hits.length > 1 ? minConfidence(x.stixConfidence, 'partial') : x.stixConfidence,
    basis: 'stix' as const,
    ...(x.note === undefined ? {} : { note: x.note }),
  }));
}

function mapEntry(registry: TaxonomyRegistry, src: Taxonomy, dst: Taxonomy, e: TaxonomyEntry): Draft[] {
  if (dst.id === STIX_TAXONOMY_ID) {
    return e.stix.map((to) => ({
      to,
      confidence: e.stixConfidence,
      basis: 'stix' as const,
      ...(e.note ? { note: e.note } : {}),
    }));
  }
  if (src.id === STIX_TAXONOMY_ID) return fromStix(dst, e.id);
  if (src.builtin && dst.builtin) return viaCrosswalk(registry, src, dst, e);
  // Pivoting through a coarse vocabulary loses precision: never better than "partial".
  const pivot = e.stix.flatMap((v) =>
    fromStix(dst, v).map((d) => ({
      ...d,
      confidence: minConfidence(d.confidence, e.stixConfidence, 'partial'),
      basis: 'stix-pivot' as const,
    })),
  );
  // A party's own crosswalk (registerTaxonomyFile) relates its entries directly, as its own judgement;
  // the pivot still covers what that crosswalk leaves out, and the better mapping of a pair is kept.
  return [...viaCrosswalk(registry, src, dst, e), ...pivot];
}

/**
 * Translates `sectors` (entry ids of taxonomy `from`) into taxonomy `to`, best confidence first.
 * Throws ValidationError TAXONOMY_INVALID when either taxonomy is unknown.
 */
export function translateSectors(
  registry: TaxonomyRegistry,
  sectors: readonly string[],
  from: string,
  to: string,
): SectorTranslation {
  const src = taxonomyOf(registry, from);
  const dst = taxonomyOf(registry, to);
  const srcEntries = new Map(src.entries.map((e) => [e.id, e]));
  const dstEntries = new Map(dst.entries.map((e) => [e.id, e]));
  const best = new Map<string, SectorMapping>();
  const unmapped: string[] = [];
  const unknown: string[] = [];
  for (const s of new Set(sectors)) {
    const e = srcEntries.get(s);
    if (e === undefined) {
      unknown.push(s);
      continue;
    }
    let drafts: Draft[] =
      src.id === dst.id
        ? [{ to: s, confidence: 'exact', basis: 'identity' }]
        : mapEntry(registry, src, dst, e);
    if (drafts.length === 0 && e.parent !== undefined && srcEntries.has(e.parent)) {
      drafts = mapEntry(registry, src, dst, srcEntries.get(e.parent)!).map((d) => ({
        ...d,
        viaParent: e.parent,
      }));
    }
    if (drafts.length === 0) unmapped.push(s);
    for (const d of drafts) {
      const key = `${s}\u0000${d.to}`;
      const prev = best.get(key);
      if (prev === undefined || confidenceRank(d.confidence) > confidenceRank(prev.confidence)) {
        const t = dstEntries.get(d.to);
        best.set(key, {
          from: s,
          toName: t?.name ?? d.to,
          ...(t?.nameRu === undefined ? {} : { toNameRu: t.nameRu }),
          ...d,
        });
      }
    }
  }
  const mappings = [...best.values()].sort(
    (a, b) =>
      confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );
  return { from, to, mappings, unmapped, unknown };
}
