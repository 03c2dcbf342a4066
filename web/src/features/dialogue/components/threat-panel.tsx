import { ApiView } from '../../../components/api-view';
import { TrendChart } from '../../../components/trend-chart';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import type { ThreatLevels } from '../../../lib/api/types';
import type { ApiState } from '../../../lib/use-api';

/** Computed and published levels side by side, with the explanation; and the trend. */
export function ThreatTable({ state }: { state: ApiState<ThreatLevels> & { reload: () => void } }) {
  const { t, dateTime } = useI18n();
  const level = (n: number): string => t(`level.${Math.max(0, Math.min(5, n))}` as MessageKey);
  return (
    <ApiView state={state}>
      {(d) =>
        d.levels.length === 0 ? (
          <p className="muted">{t('state.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.threat.scope')}</th>
                  <th scope="col">{t('overview.threat.computed')}</th>
                  <th scope="col">{t('overview.threat.published')}</th>
                  <th scope="col">{t('overview.threat.why')}</th>
                </tr>
              </thead>
              <tbody>
                {d.levels.map((r) => (
                  <tr key={`${r.scope}:${r.key}`}>
                    <th scope="row">{r.label}</th>
                    <td>
                      <span className={`level level-${r.computed.level}`}>{level(r.computed.level)}</span> ({r.computed.score})
                    </td>
                    <td>{r.published ? `${level(r.published.level)} · ${dateTime(r.published.at)}` : t('overview.threat.none')}</td>
                    <td>{r.computed.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </ApiView>
  );
}

export function ThreatTrend({ state }: { state: ApiState<ThreatLevels> & { reload: () => void } }) {
  const { t, dateTime } = useI18n();
  const level = (n: number): string => t(`level.${Math.max(0, Math.min(5, n))}` as MessageKey);
  return (
    <ApiView state={state}>
      {(d) => {
        const h = d.history;
        if (h.length === 0) return <p className="muted">{t('state.empty')}</p>;
        return (
          <TrendChart
            points={h}
            title={t('overview.trend')}
            description={t('overview.trend.desc', { from: dateTime(h[0]!.at), to: dateTime(h[h.length - 1]!.at), level: level(h[h.length - 1]!.level) })}
            formatTick={dateTime}
            levelLabel={level}
          />
        );
      }}
    </ApiView>
  );
}
