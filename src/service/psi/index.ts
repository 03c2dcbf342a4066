export { PsiWorkerPool, DEFAULT_PSI_BATCH, type PsiPoolOptions } from './pool.js';
