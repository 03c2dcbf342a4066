import type { SectorTranslation } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import { mappingName, NameText, type SectorNames } from '../../../lib/sector-names';
import { Confidence } from './confidence';

/**
 * One row per mapping, so that each reads on its own (sector, counterpart, confidence); a sector
 * without a counterpart says so rather than being left out.
 */
export function CrosswalkTable({
  sectors,
  translation,
  names,
}: {
  sectors: readonly string[];
  translation: SectorTranslation;
  names: SectorNames;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table data-testid="crosswalk-table">
        <thead>
          <tr>
            <th scope="col">{t('cw.sector')}</th>
            <th scope="col">{t('cw.readsAs')}</th>
            <th scope="col">{t('cw.confidence')}</th>
          </tr>
        </thead>
        <tbody>
          {sectors.flatMap((s) => {
            const ms = translation.mappings.filter((m) => m.from === s);
            if (ms.length === 0)
              return [
                <tr key={s} data-sector={s}>
                  <th scope="row">{names.node(s)}</th>
                  <td className="muted">
                    {t(translation.unknown.includes(s) ? 'cw.unknown' : 'cw.unmapped')}
                  </td>
                  <td>—</td>
                </tr>,
              ];
            return ms.map((m) => (
              <tr key={`${s} ${m.to}`} data-sector={s} data-to={m.to}>
                <th scope="row">{names.node(s)}</th>
                <td>
                  <NameText name={mappingName(m, locale)} />
                  {m.viaParent ? (
                    <span className="small block">
                      {t('cw.viaParent', { parent: names.get(m.viaParent).text })}
                    </span>
                  ) : null}
                  {/* The data's notes are in English only. */}
                  {m.note ? (
                    <span className="small block muted" lang="en">
                      {m.note}
                    </span>
                  ) : null}
                </td>
                <td>
                  <Confidence value={m.confidence} />
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}
