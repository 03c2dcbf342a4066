import { useI18n } from '../../../lib/i18n/i18n';
import { STIX_TAXONOMY, useSectorNames } from '../../../lib/sector-names';
import type { MessageKey } from '../../../lib/i18n/en';
import type { IncidentScoreView } from '../api/types';
import { scoreName } from '../nciss-names';
import { DeriveReason } from './derive-reason';

const one = (n: number): number => Math.round(n * 10) / 10;

/**
 * Always beside a score: whose numbers these are. The default weights are CISA's notional demo
 * configuration, so the UI must never let the estimate pass for a CISA figure.
 */
export function NotionalNote({ model }: { model: IncidentScoreView['model'] }) {
  const { t } = useI18n();
  if (model.provenance.published && !model.provenance.notional) return null;
  return (
    <p className="small notice notice-unavailable" data-testid="score-notional">
      {t('score.notional', { model: `${model.id} v${model.version}` })}
    </p>
  );
}

/** Score, level, and each category's answer, where it came from and the points it adds. */
export function ScoreExplanation({ score, caption }: { score: IncidentScoreView; caption?: string }) {
  const { t, number, locale } = useI18n();
  // Sectors a category was derived from are STIX industry-sector-ov values (src/core/score/stix-facts.ts).
  const sectors = useSectorNames(
    STIX_TAXONOMY,
    score.categories.flatMap((c) =>
      c.reasonParams?.from === 'sectors' && c.reasonParams.fact ? [c.reasonParams.fact] : [],
    ),
  );
  return (
    <>
      <p data-testid="score-value">
        <strong>
          {t('score.value', {
            score: number(one(score.score)),
            level: t(`level.${score.level}` as MessageKey),
          })}
        </strong>
      </p>
      <NotionalNote model={score.model} />
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption ?? t('score.table')}>
        <table data-testid="score-table">
          <caption className="small">{caption ?? t('score.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('score.category')}</th>
              <th scope="col">{t('score.answer')}</th>
              <th scope="col">{t('score.basis')}</th>
              <th scope="col" className="num">
                {t('score.weight')}
              </th>
              <th scope="col" className="num">
                {t('score.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {score.categories.map((c) => (
              <tr key={c.category} data-basis={c.basis}>
                <th scope="row">{scoreName(locale, c.name, c.category)}</th>
                <td>
                  {c.excluded
                    ? t('score.excluded')
                    : scoreName(locale, c.optionName ?? '', c.category, c.option)}
                </td>
                <td>
                  {t(`score.basis.${c.basis}` as MessageKey)}
                  {c.reason || c.reasonCode ? (
                    <span className="block small muted">
                      <DeriveReason c={c} sectors={sectors} />
                    </span>
                  ) : null}
                </td>
                <td className="num">{number(c.weight)}</td>
                <td className="num">{number(one(c.contribution))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
