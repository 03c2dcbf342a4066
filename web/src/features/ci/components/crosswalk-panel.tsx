import { useId, useState } from 'react';
import { ApiView } from '../../../components/api-view';
import type { DesignationVersion } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import { STIX_TAXONOMY, useSectorNames } from '../../../lib/sector-names';
import { useDesignationCrosswalk } from '../api/crosswalk-api';
import { assetsOf } from './assets-list';
import { AssetsCrosswalk } from './assets-crosswalk';
import { CrosswalkTable } from './crosswalk-table';

const OTHER = '';
const taxonomyOf = (v: DesignationVersion): string => String(v.designation.taxonomy ?? '');
const sectorsOf = (v: DesignationVersion): string[] =>
  Array.isArray(v.designation.sectors) ? v.designation.sectors.map(String) : [];

/** The other party's taxonomy in the same channel; STIX when it has designated nothing yet. */
function otherTaxonomy(v: DesignationVersion, all: readonly DesignationVersion[]): string {
  const other = all.find((x) => x.channel === v.channel && x.party !== v.party && x.current);
  return other ? taxonomyOf(other) : STIX_TAXONOMY;
}

function DesignationCrosswalk({
  v,
  to,
  title,
  party,
}: {
  v: DesignationVersion;
  to: string;
  title: (taxonomy: string) => string;
  party: string;
}) {
  const { t, number } = useI18n();
  const from = taxonomyOf(v);
  const assets = assetsOf(v.designation);
  const sectors = sectorsOf(v);
  const names = useSectorNames(from, [...sectors, ...assets.map((a) => a.sector)]);
  const cw = useDesignationCrosswalk(v.channel, v.party, v.version, to);
  return (
    <section className="crosswalk" data-testid="crosswalk" data-party={v.party} data-to={to}>
      <h3>{t('cw.heading', { party, from: title(from), version: number(v.version), to: title(to) })}</h3>
      <ApiView state={cw}>
        {(d) => (
          <>
            <CrosswalkTable sectors={sectors} translation={d.translation} names={names} />
            <AssetsCrosswalk assets={assets} answer={d} names={names} />
          </>
        )}
      </ApiView>
    </section>
  );
}

/** Each party's current designation read in the other party's taxonomy, or in one the reader picks. */
export function CrosswalkPanel({
  designations,
  taxonomies,
  name,
}: {
  designations: readonly DesignationVersion[];
  taxonomies: readonly { id: string; title: string }[];
  name: (party: string) => string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [target, setTarget] = useState(OTHER);
  const current = designations.filter((v) => v.current);
  const title = (tx: string): string => taxonomies.find((x) => x.id === tx)?.title ?? tx;
  return (
    <>
      <p className="small">{t('cw.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('cw.target')}</label>{' '}
        <select id={`${id}-to`} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value={OTHER}>{t('cw.target.other')}</option>
          {taxonomies.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </div>
      {current.length === 0 ? <p className="muted">{t('cw.none')}</p> : null}
      {current.map((v) => (
        <DesignationCrosswalk
          key={v.envelopeHash}
          v={v}
          to={target === OTHER ? otherTaxonomy(v, designations) : target}
          title={title}
          party={name(v.party)}
        />
      ))}
    </>
  );
}
