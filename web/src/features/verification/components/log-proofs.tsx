import { useI18n } from '../../../lib/i18n/i18n';
import type { CheckpointFacts, LogProofs } from '../api/proofs-api';
import { ProofResult } from './proof-result';

const short = (b64: string): string => (b64.length > 12 ? `${b64.slice(0, 12)}…` : b64);

function Facts({ cp, nameOf }: { cp: CheckpointFacts; nameOf: (id: string) => string }) {
  const { t, number, dateTime } = useI18n();
  return (
    <>
      {t('proofs.checkpoint.facts', { size: number(cp.size), time: dateTime(cp.created_at) })} ·{' '}
      {t('proofs.root')}{' '}
      <span className="mono" title={cp.root_hash}>
        {short(cp.root_hash)}
      </span>{' '}
      · {t('proofs.signedBy', { who: cp.signers.map(nameOf).join(', ') || '—' })}
    </>
  );
}

/**
 * Per log: its latest checkpoint and the three checks the node just made on it, each a row in
 * words, so that a reader can tell which log failed and why without reading colours.
 */
export function LogProofsList({
  logs,
  nameOf,
  channelName,
}: {
  logs: LogProofs[];
  nameOf: (id: string) => string;
  channelName: (id: string) => string;
}) {
  const { t, number } = useI18n();
  if (logs.length === 0) return <p className="muted">{t('verification.noLogs')}</p>;
  return (
    <div className="proof-logs">
      {logs.map((l) => (
        <section
          key={`${l.channel}/${l.author}`}
          className="proof-log"
          data-testid="log-proofs"
          data-author={l.author}
          aria-label={t('proofs.log', { channel: channelName(l.channel), author: nameOf(l.author) })}
        >
          <h3>{t('proofs.log', { channel: channelName(l.channel), author: nameOf(l.author) })}</h3>
          <dl className="facts">
            <dt>{t('proofs.latest')}</dt>
            <dd>{l.latest ? <Facts cp={l.latest} nameOf={nameOf} /> : t('verification.checkpoint.none')}</dd>
            {l.previous ? (
              <>
                <dt>{t('proofs.previous')}</dt>
                <dd>
                  <Facts cp={l.previous} nameOf={nameOf} />
                </dd>
              </>
            ) : null}
            {l.latest && l.size > l.latest.size ? (
              <>
                <dt>{t('verification.size')}</dt>
                <dd>{t('proofs.grown', { size: number(l.size) })}</dd>
              </>
            ) : null}
          </dl>
          {/* A list, not a table: each row is one check said in words, read in order. */}
          <ul
            className="proof-rows"
            aria-label={t('proofs.caption', { channel: channelName(l.channel), author: nameOf(l.author) })}
          >
            <li data-testid="proof-row" data-check="signature" data-result={l.signature.result}>
              <span className="proof-check">{t('proofs.signature')}</span> <ProofResult r={l.signature} />
            </li>
            <li data-testid="proof-row" data-check="inclusion" data-result={l.inclusion.result}>
              <span className="proof-check">
                {l.inclusion.index !== undefined && l.latest
                  ? t('proofs.inclusion', { index: number(l.inclusion.index), size: number(l.latest.size) })
                  : t('proofs.inclusion.short')}
              </span>{' '}
              <ProofResult r={l.inclusion} />
            </li>
            <li data-testid="proof-row" data-check="consistency" data-result={l.consistency.result}>
              <span className="proof-check">
                {l.consistency.from !== undefined && l.consistency.to !== undefined
                  ? t('proofs.consistency', {
                      from: number(l.consistency.from),
                      to: number(l.consistency.to),
                    })
                  : t('proofs.consistency.short')}
              </span>{' '}
              <ProofResult r={l.consistency} />
            </li>
          </ul>
        </section>
      ))}
    </div>
  );
}
