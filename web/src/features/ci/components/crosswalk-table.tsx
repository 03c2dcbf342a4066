import type { SectorTranslation } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import { Confidence } from './confidence';

/**
 * One row per mapping, so that each reads on its own (sector, counterpart, confidence); a sector
 * without a counterpart says so rather than being left out.
 */
export function CrosswalkTable({
  sectors,
  translation,
  sectorName,
}: {
  sectors: readonly string[];
  translation: SectorTranslation;
  sectorName: (id: string) => string;
}) {
  const { t } = useI18n();
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
                  <th scope="row">{sectorName(s)}</th>
                  <td className="muted">
                    {t(translation.unknown.includes(s) ? 'cw.unknown' : 'cw.unmapped')}
                  </td>
                  <td>—</td>
                </tr>,
              ];
            return ms.map((m) => (
              <tr key={`${s} ${m.to}`} data-sector={s} data-to={m.to}>
                <th scope="row">{sectorName(s)}</th>
                <td>
                  {m.toName}
                  {m.viaParent ? (
                    <span className="small block">
                      {t('cw.viaParent', { parent: sectorName(m.viaParent) })}
                    </span>
                  ) : null}
                  {m.note ? <span className="small block muted">{m.note}</span> : null}
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
