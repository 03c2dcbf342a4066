import { useI18n } from '../../../lib/i18n/i18n';
import { useUnits } from '../../../lib/i18n/units';
import type { CheckRow } from '../api/checks-api';

/** A check's outcome in words: answered in N (late or not), no answer by the deadline, or awaited. */
export function CheckResult({ c }: { c: CheckRow }) {
  const { t, dateTime } = useI18n();
  const { duration } = useUnits();
  if (c.state === 'answered')
    return (
      <span className={c.late ? 'vstate vstate-wait' : 'vstate vstate-ok'}>
        <span aria-hidden="true">{c.late ? '! ' : '✓ '}</span>
        {t(c.late ? 'checks.answeredLate' : 'checks.answered', { time: duration(c.response_ms ?? 0) })}
      </span>
    );
  if (c.state === 'no-answer')
    return (
      <span className="vstate vstate-bad">
        <span aria-hidden="true">✗ </span>
        {t('checks.noAnswer', { deadline: dateTime(c.deadline) })}
      </span>
    );
  return (
    <span className="vstate vstate-muted">
      <span aria-hidden="true">… </span>
      {t('checks.awaiting', { deadline: dateTime(c.deadline) })}
    </span>
  );
}
