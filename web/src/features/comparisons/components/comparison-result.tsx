import { useEffect } from 'react';
import { ProblemMessage, Unavailable } from '../../../components/api-view';
import type { ComparisonMatch, ComparisonStatus } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { useComparisonResult } from '../api/comparisons-api';

function Matches({ rows }: { rows: ComparisonMatch[] }) {
  const { t, number } = useI18n();
  return (
    <div className="table-wrap">
      <table data-testid="psi-matches">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('psi.result.row')}
            </th>
            <th scope="col">{t('psi.result.entry')}</th>
            <th scope="col">{t('psi.result.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.entry} data-status={m.status}>
              {/* Rows count from 1 after the header, as the analyst sees them in the file. */}
              <td className="num">{number(m.entry + 1)}</td>
              <td>{m.label}</td>
              <td>
                {m.status === 'match' ? (
                  <span className="vstate vstate-ok">
                    <span aria-hidden="true">✓ </span>
                    {t('psi.result.match')}
                  </span>
                ) : (
                  <span className="vstate vstate-wait">
                    <span aria-hidden="true">? </span>
                    {t('psi.result.review')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What this side learnt: its own entries in the overlap, or only the count. Analysts only. */
export function ComparisonResultView({ status }: { status: ComparisonStatus }) {
  const { t, number } = useI18n();
  const r = useComparisonResult(status.id);
  const { reload } = r;
  // Fetched again as the comparison moves (the result grows from nothing to complete).
  useEffect(reload, [reload, status.state, status.overlap]);
  const kind = t(`psi.kind.${status.kind}` as MessageKey);
  const mode = t(`psi.modeShort.${status.mode}` as MessageKey);
  if (r.status === 'loading') return <p className="muted">{t('state.loading')}</p>;
  if (r.status === 'unavailable') return <Unavailable endpoint={r.endpoint} />;
  if (r.status === 'error')
    return r.problem.status === 404 ? (
      <p className="muted">{t('psi.result.gone')}</p>
    ) : (
      <ProblemMessage problem={r.problem} />
    );
  const d = r.data;
  const rows = [...(d.matches ?? []), ...(d.review ?? [])].sort((a, b) => a.entry - b.entry);
  return (
    <section
      className="psi-result"
      aria-label={t('psi.result.title', { kind, mode })}
      data-testid="psi-result"
    >
      <h3>{t('psi.result.title', { kind, mode })}</h3>
      {d.learnsNothing ? <p>{t('psi.result.learnsNothing')}</p> : null}
      {d.overlap !== undefined ? (
        <p className="level" data-testid="psi-overlap">
          {t(
            d.kind === 'persons' && d.mode !== 'cardinality'
              ? 'psi.result.overlapKeys'
              : 'psi.result.overlap',
            {
              n: number(d.overlap),
            },
          )}
        </p>
      ) : null}
      {status.peerOverlap !== undefined && status.overlap !== undefined ? (
        status.peerOverlap === status.overlap ? (
          <p className="small">{t('psi.result.peerOverlap')}</p>
        ) : (
          <p role="alert" className="notice notice-error">
            {t('psi.result.mismatch', { n: number(status.peerOverlap) })}
          </p>
        )
      ) : null}
      {d.mode === 'cardinality' ? (
        <p className="small">
          {t('psi.result.countOnly')} {d.kind === 'persons' ? t('psi.result.countPersons') : null}
        </p>
      ) : null}
      {d.matches !== undefined && rows.length === 0 && d.state === 'complete' ? (
        <p>{t('psi.result.none')}</p>
      ) : null}
      {rows.length > 0 ? <Matches rows={rows} /> : null}
      {(d.review?.length ?? 0) > 0 ? <p className="small">{t('psi.result.review.help')}</p> : null}
    </section>
  );
}
