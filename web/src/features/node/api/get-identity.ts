import type { Identity } from '../../../lib/api/types';
import { useApi } from '../../../lib/use-api';

/** GET /v1/identity: the node's party. */
export const useIdentity = () => useApi<Identity>('/v1/identity');
