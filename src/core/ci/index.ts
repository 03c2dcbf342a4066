/**
 * core/ci public API: critical-infrastructure taxonomies and their crosswalk, designations (parse,
 * diff) and the index that matches observables and sectors against designated infrastructure.
 */
export {
  MAPPING_CONFIDENCES,
  CROSSWALK_CONFIDENCES,
  type MappingConfidence,
  type CrosswalkConfidence,
  atLeast,
  confidenceRank,
  minConfidence,
  fromCrosswalkConfidence,
} from './confidence.js';
export type { Taxonomy, TaxonomyEntry, TaxonomyRegistry, CrosswalkConcept } from './taxonomy.types.js';
export {
  BUILTIN_TAXONOMIES,
  BUILTIN_CROSSWALK,
  STIX_TAXONOMY_ID,
  US_PPD21_TAXONOMY_ID,
  RU_187FZ_TAXONOMY_ID,
  EU_NIS2_TAXONOMY_ID,
} from './builtin-taxonomies.js';
export {
  createTaxonomyRegistry,
  parseTaxonomy,
  registerTaxonomy,
  MAX_TAXONOMY_ENTRIES,
} from './taxonomy-registry.js';
export { registerTaxonomyFile, MAX_CROSSWALK_CONCEPTS } from './taxonomy-file.js';
export { translateSectors, type SectorMapping, type SectorTranslation } from './crosswalk.js';
export type { Designation, DesignationAsset } from './designation.types.js';
export { parseDesignation, MAX_ASN } from './designation-parse.js';
export {
  diffDesignations,
  type DesignationDiff,
  type AssetChange,
  type SetChange,
} from './designation-diff.js';
export { MATCH_KINDS, type MatchKind, type DesignationMatch } from './designation-match.types.js';
export { DesignationIndex, buildDesignationIndex, type ObservableMatch } from './designation-index.js';
export { parseCidr, checkCidr, type CidrRange } from './cidr.js';
export { parseIPv4, parseIPv6, formatIPv4, formatIPv6 } from './ip-address.js';
export { checkDomainName, normaliseHost } from './domain-name.js';
export { urlHost, type UrlHost } from './url-host.js';
