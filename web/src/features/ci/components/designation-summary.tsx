import type { DesignationVersion } from '../../../lib/api/types';
import { Fragment } from 'react';
import { useSectorNames } from '../../../lib/sector-names';
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
  return (
    <>
      {/* Taxonomy titles come from the data in English only. */}
      {taxonomy ? (
        <span className="small block" lang="en">
          {title(taxonomy)}
        </span>
      ) : null}
      {sectors.length > 0 ? (
        <span className="block">
          {sectors.map((s, i) => (
            <Fragment key={s}>
              {i > 0 ? '; ' : null}
              {names.node(s)}
            </Fragment>
          ))}
        </span>
      ) : null}
      <AssetsList assets={assets} names={names} />
    </>
  );
}
