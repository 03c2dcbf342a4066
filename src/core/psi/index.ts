/**
 * Private list comparison (ECDH PSI, docs/psi.md): pure arithmetic and protocol state. Heavy
 * steps go through a PsiEngine so the service layer can run them on worker threads.
 */
export {
  PSI_SUITES,
  PSI_ELEMENT_BYTES,
  type PsiSuite,
  type PsiGroup,
  type PsiEngine,
  type Rng,
} from './group.types.js';
export { loadPsiGroup, isPsiSuite, randomScalar, createLocalEngine } from './groups.js';
export { expandMessageXmd } from './xmd.js';
export { randomPermutation, permutePacked } from './shuffle.js';
export {
  PSI_MODES,
  PSI_ROLES,
  PSI_LIST_KINDS,
  PSI_PROTOCOL_VERSION,
  DEFAULT_PSI_SUITE,
  DEFAULT_PSI_MAX_SIZE,
  type PsiMode,
  type PsiRole,
  type PsiListKind,
  type PsiOffer,
  type PsiBlindedSet,
  type PsiResult,
  createPsiOffer,
  psiDst,
  parsePsiOffer,
  parsePsiBlindedSet,
} from './messages.js';
export { PsiParty, psiLearns, type PsiOutcome } from './party.js';
export { runPsiInProcess, type InProcessPsiResult } from './in-process.js';
export {
  INDICATOR_TYPES,
  type IndicatorType,
  type Indicator,
  normalizeIndicator,
  indicatorKey,
  detectIndicatorType,
  canonicalDomain,
  canonicalUrl,
  refang,
} from './indicators.js';
export { canonicalIpv4, canonicalIpv6, parseIpv6 } from './ip-text.js';
