/**
 * /api/v1/ci/crosswalk (docs/critical-infrastructure.md): how a designation reads in another
 * taxonomy. The API names the target sectors (`toName`) but not the source ones, so the source
 * names come from the same endpoint read into the designation's own taxonomy (an identity
 * translation, which carries every sector's name: lib/sector-names.tsx).
 */
import { seg } from '../../../lib/api/client';
import type { CrosswalkAnswer } from '../../../lib/api/types';
import { useApi } from '../../../lib/use-api';

export const useDesignationCrosswalk = (channel: string, party: string, version: number, to: string) =>
  useApi<CrosswalkAnswer>(
    `/api/v1/ci/crosswalk?channel=${seg(channel)}&party=${seg(party)}&version=${version}&to=${seg(to)}`,
  );
