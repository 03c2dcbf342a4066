export { PsiWorkerPool, DEFAULT_PSI_BATCH, type PsiPoolOptions } from './pool.js';
export {
  ComparisonService,
  DEFAULT_PSI_OFFER_TTL_S,
  PSI_KINDS,
  PSI_SEND_WINDOW,
  type ComparisonServiceOptions,
  type OfferInput,
} from './comparison-service.js';
export {
  COMPARISON_STATES,
  type ComparisonState,
  type ComparisonStatus,
  type ComparisonResult,
  type ComparisonProgress,
} from './comparison.types.js';
export {
  prepareList,
  guessFormat,
  parseCsv,
  type ListFormat,
  type ListMatch,
  type PreparedList,
} from './list-input.js';
export {
  chunkSizeFor,
  DEFAULT_PSI_CHUNK,
  toChunks,
  ChunkAssembler,
  type PsiChunkBody,
  type PsiOfferBody,
  type PsiAcceptBody,
  type PsiResultBody,
} from './wire.js';
