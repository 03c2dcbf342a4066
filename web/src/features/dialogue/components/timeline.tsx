import { useState } from 'react';
import { ApiView } from '../../../components/api-view';
import { VerificationState } from '../../../components/verification-state';
import { useI18n } from '../../../lib/i18n/i18n';
import { Link } from '../../../lib/router';
import { useTimeline } from '../api/dialogue-api';
import { AnswerFacts } from './answer-facts';
import { EnvelopeActions } from './envelope-actions';

/** A channel's envelopes, newest first, each with its verification state in words. */
/** `self` is this node's party: an analyst acts on the other parties' envelopes. */
export function Timeline({
  channel,
  canAct,
  self,
}: {
  channel: string;
  canAct: boolean;
  self: string | undefined;
}) {
  const { t, dateTime, kind } = useI18n();
  const [pages, setPages] = useState<number[]>([]);
  const tl = useTimeline(channel, pages[pages.length - 1]);
  return (
    <>
      <ApiView state={tl}>
        {(d) =>
          d.envelopes.length === 0 ? (
            <p className="muted">{t('state.empty')}</p>
          ) : (
            <ol className="timeline" reversed>
              {d.envelopes.map((e) => (
                <li key={e.hash} data-hash={e.hash} data-kind={e.kind}>
                  <p>
                    <strong>{e.author_name}</strong> · {kind(e.kind)} ·{' '}
                    <time dateTime={e.created}>{dateTime(e.created)}</time> · #{e.seq}
                  </p>
                  <p>{e.summary}</p>
                  {e.kind === 'notify' ? (
                    <p>
                      <Link href={`/incidents/${e.hash}`}>{t('incident.open')}</Link>
                    </p>
                  ) : null}
                  <p className="states">
                    <VerificationState label={t('verify.signature')} word={e.verification.signature} />
                    <VerificationState label={t('verify.inclusion')} word={e.verification.inclusion} />
                    <VerificationState label={t('verify.receipt')} word={e.verification.receipt} />
                    {e.verification.receipt_at ? (
                      <span className="small" data-testid="receipt-at">
                        {t('answers.receiptAt', { time: dateTime(e.verification.receipt_at) })}
                      </span>
                    ) : null}
                  </p>
                  <AnswerFacts e={e} page={d.envelopes} own={e.author === self} />
                  {canAct && e.author !== self ? (
                    <EnvelopeActions channel={channel} e={e} onDone={tl.reload} />
                  ) : null}
                </li>
              ))}
            </ol>
          )
        }
      </ApiView>
      {tl.status === 'ok' && (pages.length > 0 || tl.data.next_before) ? (
        <p className="pager">
          {pages.length > 0 ? (
            <button type="button" onClick={() => setPages([])}>
              {t('channels.newest')}
            </button>
          ) : null}
          {tl.data.next_before ? (
            <button type="button" onClick={() => setPages([...pages, tl.data.next_before!])}>
              {t('channels.older')}
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
