import type { TimelineEnvelope } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';

const STATUSES = new Set(['answered', 'partial', 'declined', 'acknowledged']);

function useStatusWord() {
  const { t } = useI18n();
  // An unknown status (a newer peer's) is shown as signed rather than hidden.
  return (s: string | undefined): string =>
    s && STATUSES.has(s) ? t(`channels.status.${s}` as MessageKey) : (s ?? '');
}

/**
 * How one timeline envelope stands in the exchange, in words: a response's status and what it
 * answers; for a notify or request, the answers to it on this page (or that one is on record),
 * and whether its sender asked for an acknowledgement. `page` is the timeline page it sits in.
 */
export function AnswerFacts({
  e,
  page,
  own,
}: {
  e: TimelineEnvelope;
  page: readonly TimelineEnvelope[];
  own: boolean;
}) {
  const { t, dateTime } = useI18n();
  const word = useStatusWord();
  if (e.kind === 'response') {
    const to = page.find((x) => x.hash === e.ref);
    return (
      <p data-testid="in-answer-to">
        {t('answers.status')}: <strong>{word(e.status)}</strong> ·{' '}
        {to
          ? t('answers.inAnswerTo', { seq: to.seq, author: to.author_name, summary: to.summary })
          : t('answers.inAnswerTo.unseen')}
      </p>
    );
  }
  if (e.kind !== 'notify' && e.kind !== 'request') return null;
  const answers = page.filter((x) => x.kind === 'response' && x.ref === e.hash).reverse();
  return (
    <>
      {e.ack_requested && !own && !e.responded_at && answers.length === 0 ? (
        <p className="small">{t('answers.ackRequested')}</p>
      ) : null}
      {answers.length > 0 ? (
        <div data-testid="answers">
          <p className="small">{t('answers.list')}:</p>
          <ul className="small">
            {answers.map((a) => (
              <li key={a.hash}>
                {a.author_name} — <strong>{word(a.status)}</strong> ·{' '}
                <time dateTime={a.created}>{dateTime(a.created)}</time> · #{a.seq}: {a.summary}
              </li>
            ))}
          </ul>
        </div>
      ) : e.responded_at ? (
        <p className="small">{t('answers.onRecord', { time: dateTime(e.responded_at) })}</p>
      ) : null}
    </>
  );
}
