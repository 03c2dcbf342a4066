import { ApiView } from '../../../components/api-view';
import { TrendChart } from '../../../components/trend-chart';
import { useI18n } from '../../../lib/i18n/i18n';
import { Link } from '../../../lib/router';
import type { MessageKey } from '../../../lib/i18n/en';
import type { ThreatLevels, ThreatLevelView } from '../../../lib/api/types';
import type { ApiState } from '../../../lib/use-api';
import { useState } from 'react';
import { useContacts, useThreatExplanation, useThreatHistory } from '../api/dialogue-api';

type State = ApiState<ThreatLevels> & { reload: () => void };

const shortId = (id: string): string => (id.length > 24 ? `${id.slice(0, 20)}…` : id);

function useLevelWords() {
  const { t } = useI18n();
  return (n: number): string => t(`level.${Math.max(0, Math.min(5, Math.round(n)))}` as MessageKey);
}

/** The scope the trend follows: the highest channel level, else the highest of any scope. */
export function trendScope(levels: readonly ThreatLevelView[]): ThreatLevelView | undefined {
  const byLevel = [...levels].sort((a, b) => b.level - a.level || b.score - a.score);
  return byLevel.find((l) => l.scope.kind === 'channel') ?? byLevel[0];
}

/** The incidents behind one level, loaded when opened. */
function Why({ row }: { row: ThreatLevelView }) {
  const { t, number } = useI18n();
  const [open, setOpen] = useState(false);
  const ex = useThreatExplanation(open ? row.scope : undefined);
  const round = (n: number): string => number(Math.round(n * 10) / 10);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('overview.threat.incidents')}</summary>
      {open ? (
        <ApiView state={ex}>
          {(d) =>
            d.incidents.length === 0 ? (
              <p className="muted small">{t('overview.threat.quiet')}</p>
            ) : (
              <ul className="small">
                {d.incidents.map((i) => {
                  const n = d.names.find((x) => x.id === i.id);
                  return (
                    <li key={i.id}>
                      <strong>
                        {n?.envelopeHash ? (
                          <Link href={`/incidents/${n.envelopeHash}`}>{n.name ?? i.id}</Link>
                        ) : (
                          (n?.name ?? i.id)
                        )}
                      </strong>{' '}
                      —{' '}
                      {t('overview.threat.contribution', {
                        points: round(i.contribution),
                        score: round(i.score),
                        decayed: round(i.decayedScore),
                      })}
                      {i.designated.length ? (
                        <span className="vstate vstate-bad">
                          {t('overview.threat.designated', { n: i.designated.length })}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )
          }
        </ApiView>
      ) : null}
    </details>
  );
}

/** Computed and published levels side by side, with what set each computed level. */
export function ThreatTable({ state }: { state: State }) {
  const { t, dateTime, number } = useI18n();
  const level = useLevelWords();
  const contacts = useContacts();
  const partyName = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ??
    shortId(id);
  return (
    <ApiView state={state}>
      {(d) =>
        d.levels.length === 0 ? (
          <p className="muted">{t('overview.threat.empty')}</p>
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
                  <tr key={`${r.scope.kind}:${r.scope.id}`}>
                    <th scope="row">
                      <span className="small muted">{t(`scope.${r.scope.kind}` as MessageKey)}</span>
                      <br />
                      {r.name ?? shortId(r.scope.id)}
                    </th>
                    <td>
                      <span className={`level level-${r.level}`}>{level(r.level)}</span> (
                      {number(Math.round(r.score * 10) / 10)})
                    </td>
                    <td>
                      {r.published.length === 0
                        ? t('overview.threat.none')
                        : r.published.map((p) => (
                            <span key={p.envelopeHash} className="block">
                              {partyName(p.party)}: <strong>{level(p.level)}</strong> · {dateTime(p.created)}
                              {p.rationale ? <span className="small"> — {p.rationale}</span> : null}
                            </span>
                          ))}
                    </td>
                    <td>
                      {r.sector === null
                        ? t('overview.threat.quiet')
                        : t('overview.threat.why.text', {
                            sector: r.sector,
                            peak: number(Math.round(r.peak * 10) / 10),
                            boost: number(Math.round(r.boost * 10) / 10),
                          })}
                      {r.sector === null ? null : <Why row={r} />}
                    </td>
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

function History({ scope }: { scope: ThreatLevelView }) {
  const { t, dateTime } = useI18n();
  const level = useLevelWords();
  const h = useThreatHistory(scope.scope);
  return (
    <ApiView state={h}>
      {(d) => {
        const pts = d.points.map((p) => ({ at: new Date(p.t).toISOString(), level: p.level }));
        if (pts.length === 0) return <p className="muted">{t('state.empty')}</p>;
        const last = pts[pts.length - 1]!;
        return (
          <>
            <p className="small muted">{scope.name ?? shortId(scope.scope.id)}</p>
            <TrendChart
              points={pts}
              title={t('overview.trend')}
              description={t('overview.trend.desc', {
                from: dateTime(pts[0]!.at),
                to: dateTime(last.at),
                level: level(last.level),
              })}
              formatTick={dateTime}
              levelLabel={level}
            />
          </>
        );
      }}
    </ApiView>
  );
}

/** The level over time of the most severe channel (daily, last 30 days). */
export function ThreatTrend({ state }: { state: State }) {
  const { t } = useI18n();
  return (
    <ApiView state={state}>
      {(d) => {
        const scope = trendScope(d.levels);
        return scope ? <History scope={scope} /> : <p className="muted">{t('overview.threat.empty')}</p>;
      }}
    </ApiView>
  );
}
