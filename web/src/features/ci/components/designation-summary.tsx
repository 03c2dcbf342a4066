import type { DesignationVersion } from '../../../lib/api/types';
import { useSectorNames } from '../api/crosswalk-api';
import { assetsOf, AssetsList } from './assets-list';

/** A designation's taxonomy, its whole sectors by name and its assets (not a bare count). */
export function DesignationSummary({
  v,
  title,
}: {
  v: DesignationVersion;
  title: (taxonomy: string) => string;
}) {
  const taxonomy = typeof v.designation.taxonomy === 'string' ? v.designation.taxonomy : undefined;
  const sectors = Array.isArray(v.designation.sectors) ? v.designation.sectors.map(String) : [];
  const assets = assetsOf(v.designation);
  const names = useSectorNames(taxonomy, [...sectors, ...assets.map((a) => a.sector)]);
  const sectorName = (id: string): string => names.get(id) ?? id;
  return (
    <>
      {taxonomy ? <span className="small block">{title(taxonomy)}</span> : null}
      {sectors.length > 0 ? <span className="block">{sectors.map(sectorName).join('; ')}</span> : null}
      <AssetsList assets={assets} sectorName={sectorName} />
    </>
  );
}
