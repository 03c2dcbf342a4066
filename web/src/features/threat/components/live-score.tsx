import { ProblemMessage, Unavailable } from '../../../components/api-view';
import { useI18n } from '../../../lib/i18n/i18n';
import type { LiveScore } from '../use-live-score';
import { ScoreExplanation } from './score-explanation';

/** The live score region of the report form; announced politely as it changes. */
export function LiveScoreView({ state }: { state: LiveScore }) {
  const { t } = useI18n();
  const shown = state.s === 'ok' ? state.score : state.s === 'busy' ? state.last : undefined;
  return (
    <section className="field" aria-labelledby="live-score-h" data-testid="live-score" data-state={state.s}>
      <h3 id="live-score-h">{t('score.live')}</h3>
      <div aria-live="polite">
        {state.s === 'busy' && !shown ? <p className="muted">{t('score.computing')}</p> : null}
        {shown ? <ScoreExplanation score={shown} /> : null}
        {state.s === 'unavailable' ? <Unavailable endpoint="POST /api/v1/threat/score" /> : null}
        {state.s === 'error' ? <ProblemMessage problem={state.p} /> : null}
      </div>
    </section>
  );
}
