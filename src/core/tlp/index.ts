/**
 * TLP 2.0 (FIRST) as STIX 2.1 marking-definitions: which level an object carries, and whether that
 * level lets it leave the node for a given destination. README.md holds the release matrix.
 */
export {
  TLP_LEVELS,
  DEFAULT_TLP_LEVEL,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_MARKING_IDS,
  TLP1_MARKING_IDS,
  tlp2MarkingDefinition,
  tlpLevelOfMarkingId,
  tlpLevelOfMarkingObject,
  tlpRank,
  stricterTlp,
  isTlpLevel,
  type TlpLevel,
} from './markings.js';
export { tlpOf, assessTlp, markingIndex, type TlpAssessment, type TlpOptions } from './tlp-of.js';
export {
  checkRelease,
  releaseVerdict,
  RELEASE_REFUSALS,
  type ReleaseDestination,
  type ReleaseDecision,
  type ReleaseOptions,
  type ReleaseRefusal,
  type RefusedObject,
} from './release.js';
export { embeddedStixObjects } from './embedded.js';
export { checkDeclaredHandling } from './handling.js';
