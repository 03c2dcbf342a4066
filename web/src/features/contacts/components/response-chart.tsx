import { ApiView } from '../../../components/api-view';
import { TrendChart } from '../../../components/trend-chart';
import { useI18n } from '../../../lib/i18n/i18n';
import { useUnits } from '../../../lib/i18n/units';
import { useCheckHistory } from '../api/checks-api';

const SAMPLES = 100;

/** A scale top at 1, 2 or 5 × 10^n above the slowest answer, so that ticks are round. */
function niceTop(max: number): number {
  const m = Math.max(max, 1);
  const p = 10 ** Math.floor(Math.log10(m));
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= m)!;
}

/** How fast one party answered this node's latest checks, drawn from the same paged route. */
export function ResponseChart({ party, name, home }: { party: string; name: string; home: string }) {
  const { t, dateTime, number } = useI18n();
  const { duration } = useUnits();
  const history = useCheckHistory({ party, limit: SAMPLES });
  return (
    <ApiView state={history}>
      {(d) => {
        const ours = d.checks.filter((c) => c.from === home && c.to === party).reverse();
        const answered = ours.filter((c) => c.response_ms !== undefined);
        const missed = ours.filter((c) => c.state === 'no-answer').length;
        if (answered.length === 0) return <p className="muted">{t('checks.chart.none', { party: name })}</p>;
        const times = answered.map((c) => c.response_ms!);
        const sorted = [...times].sort((a, b) => a - b);
        const top = niceTop(sorted[sorted.length - 1]!);
        return (
          <figure className="chart" data-testid="response-chart" data-party={party}>
            <TrendChart
              name="response-times"
              step={false}
              padLeft={64}
              points={answered.map((c) => ({ at: c.sent_at, level: c.response_ms! }))}
              yTicks={[0, top / 2, top]}
              formatY={duration}
              levelLabel={duration}
              formatTick={dateTime}
              title={t('checks.chart.title', { party: name })}
              description={t('checks.chart.desc', {
                n: number(answered.length),
                median: duration(sorted[Math.floor(sorted.length / 2)]!),
                last: duration(times[times.length - 1]!),
                missed: number(missed),
              })}
            />
            <figcaption className="small">
              {t('checks.chart.desc', {
                n: number(answered.length),
                median: duration(sorted[Math.floor(sorted.length / 2)]!),
                last: duration(times[times.length - 1]!),
                missed: number(missed),
              })}
            </figcaption>
          </figure>
        );
      }}
    </ApiView>
  );
}
