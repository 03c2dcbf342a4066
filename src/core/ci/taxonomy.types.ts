/** Critical-infrastructure sector taxonomies and the crosswalk between them. */
import type { CrosswalkConfidence, MappingConfidence } from './confidence.js';

export interface TaxonomyEntry {
  readonly id: string;
  readonly name: string;
  /**
   * The Russian name: for 187-FZ the law's own words, for the other shipped taxonomies a translation
   * (data/SOURCE.md), for a party's taxonomy its file's `name_ru`. Absent when none is known.
   */
  readonly nameRu?: string;
  /** Set for a subsector (NIS2 Annex I energy → electricity). */
  readonly parent?: string;
  /** STIX industry-sector-ov values this entry maps to, the pivot between taxonomies. */
  readonly stix: readonly string[];
  readonly stixConfidence: MappingConfidence;
  readonly note?: string;
}

export interface Taxonomy {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  readonly caveats: readonly string[];
  readonly builtin: boolean;
  readonly entries: readonly TaxonomyEntry[];
}

/** One concept of the curated crosswalk: the entries of each taxonomy that express it. */
export interface CrosswalkConcept {
  readonly concept: string;
  readonly members: Readonly<Record<string, readonly string[]>>;
  readonly confidence: CrosswalkConfidence;
  readonly note?: string;
}

export interface TaxonomyRegistry {
  readonly taxonomies: ReadonlyMap<string, Taxonomy>;
  readonly crosswalk: readonly CrosswalkConcept[];
}
