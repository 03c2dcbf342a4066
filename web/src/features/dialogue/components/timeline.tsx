import { ApiView } from '../../../components/api-view';
import { VerificationState } from '../../../components/verification-state';
import { useI18n } from '../../../lib/i18n/i18n';
import { useTimeline } from '../api/dialogue-api';

/** A channel's envelopes, newest first, each with its verification state in words. */
export function Timeline({ channel }: { channel: string }) {
  const { t, dateTime, kind } = useI18n();
  const tl = useTimeline(channel);
  return (
    <ApiView state={tl}>
      {(d) =>
        d.envelopes.length === 0 ? (
          <p className="muted">{t('state.empty')}</p>
        ) : (
          <ol className="timeline" reversed>
            {d.envelopes.map((e) => (
              <li key={e.hash}>
                <p>
                  <strong>{e.author_name}</strong> · {kind(e.kind)} · <time dateTime={e.created}>{dateTime(e.created)}</time> · #{e.seq}
                </p>
                <p>{e.summary}</p>
                <p className="states">
                  <VerificationState label={t('verify.signature')} word={e.verification.signature} />
                  <VerificationState label={t('verify.inclusion')} word={e.verification.inclusion} />
                  <VerificationState label={t('verify.receipt')} word={e.verification.receipt} />
                </p>
              </li>
            ))}
          </ol>
        )
      }
    </ApiView>
  );
}
