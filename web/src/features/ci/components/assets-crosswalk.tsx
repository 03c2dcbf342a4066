import type { CrosswalkAnswer, DesignationAsset } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import { mappingName, NameText, type SectorNames } from '../../../lib/sector-names';
import { Confidence } from './confidence';

const joined = (xs: readonly string[] | undefined): string => (xs && xs.length > 0 ? xs.join(', ') : '—');

/** Each asset with what it is made of and how its sector reads in the target taxonomy. */
export function AssetsCrosswalk({
  assets,
  answer,
  names,
}: {
  assets: readonly DesignationAsset[];
  answer: CrosswalkAnswer;
  names: SectorNames;
}) {
  const { t, locale } = useI18n();
  if (assets.length === 0) return null;
  const translated = new Map((answer.assets ?? []).map((a) => [a.id, a.translation]));
  return (
    <div className="table-wrap">
      <table data-testid="crosswalk-assets">
        <caption>{t('cw.assets', { n: assets.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cw.asset')}</th>
            <th scope="col">{t('cw.asset.sector')}</th>
            <th scope="col">{t('cw.readsAs')}</th>
            <th scope="col">{t('cw.asset.domains')}</th>
            <th scope="col">{t('cw.asset.ranges')}</th>
            <th scope="col">{t('cw.asset.asns')}</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((a) => {
            const tr = translated.get(a.id);
            return (
              <tr key={a.id} data-asset={a.id}>
                <th scope="row">{a.name}</th>
                <td>{names.node(a.sector)}</td>
                <td>
                  {tr && tr.mappings.length > 0 ? (
                    tr.mappings.map((m) => (
                      <span key={m.to} className="block">
                        <NameText name={mappingName(m, locale)} /> <Confidence value={m.confidence} />
                      </span>
                    ))
                  ) : (
                    <span className="muted">{t('cw.unmapped')}</span>
                  )}
                </td>
                <td className="mono break">{joined(a.domains)}</td>
                <td className="mono break">{joined(a.ip_ranges)}</td>
                <td className="mono">{joined(a.as_numbers?.map((n) => `AS${n}`))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
