import { CodedReason } from '../../../components/server-word';
import type { VerifyReport } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';

/** The full re-read's outcome: counts, then each failure by log and position, in words. */
export function RerunResult({ r, nameOf }: { r: VerifyReport; nameOf: (id: string) => string }) {
  const { t, number } = useI18n();
  return (
    <div data-testid="rerun-result" data-ok={String(r.ok)}>
      <p className={r.ok ? 'vstate vstate-ok' : 'vstate vstate-bad'}>
        <strong>{r.ok ? t('verify.verified') : t('verify.failed')}</strong>{' '}
        {t('verification.rerun.counts', { logs: number(r.logs), entries: number(r.entries) })}
      </p>
      {r.failures.length ? (
        <ul className="items">
          {r.failures.map((f, i) => (
            <li key={i} className="item">
              <span>
                {nameOf(f.author)}
                {f.at !== undefined ? ` · ${t('proofs.at', { at: number(f.at) })}` : ''}:{' '}
                <CodedReason code={f.code} message={f.message} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
