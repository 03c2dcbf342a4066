/**
 * /api/v1/ci/crosswalk (docs/critical-infrastructure.md): how a designation reads in another
 * taxonomy. The API names the target sectors (`toName`) but not the source ones, so the source
 * names come from the same endpoint read into the designation's own taxonomy (an identity
 * translation, which carries every sector's name).
 */
import { seg } from '../../../lib/api/client';
import type { CrosswalkAnswer } from '../../../lib/api/types';
import { useApi } from '../../../lib/use-api';

export const STIX_TAXONOMY = 'stix-industry-sector-ov';

export const useDesignationCrosswalk = (channel: string, party: string, version: number, to: string) =>
  useApi<CrosswalkAnswer>(
    `/api/v1/ci/crosswalk?channel=${seg(channel)}&party=${seg(party)}&version=${version}&to=${seg(to)}`,
  );

/** Sector id → name in `taxonomy`, for the ids given (an empty map until known). */
export function useSectorNames(
  taxonomy: string | undefined,
  ids: readonly string[],
): ReadonlyMap<string, string> {
  const sorted = [...new Set(ids)].sort();
  const r = useApi<CrosswalkAnswer>(
    taxonomy && sorted.length > 0
      ? `/api/v1/ci/crosswalk?from=${seg(taxonomy)}&to=${seg(taxonomy)}&sectors=${sorted.map(seg).join(',')}`
      : undefined,
  );
  return new Map(r.status === 'ok' ? r.data.translation.mappings.map((m) => [m.from, m.toName]) : []);
}
