import { CodedReason } from '../../../components/server-word';
import { useI18n } from '../../../lib/i18n/i18n';
import type { CheckResult } from '../api/proofs-api';

/** One check's outcome in words: "verified", "failed: reason" or "not applicable: why". */
export function ProofResult({ r }: { r: CheckResult }) {
  const { t } = useI18n();
  if (r.result === 'verified')
    return (
      <span className="vstate vstate-ok">
        <span aria-hidden="true">✓ </span>
        <strong>{t('proofs.verified')}</strong>
      </span>
    );
  if (r.result === 'not-applicable')
    return (
      <span className="vstate vstate-muted">
        <span aria-hidden="true">– </span>
        {t('proofs.na')}: {t(`proofs.na.${r.code ?? 'NO_CHECKPOINT'}` as 'proofs.na.NO_CHECKPOINT')}
      </span>
    );
  return (
    <span className="vstate vstate-bad">
      <span aria-hidden="true">✗ </span>
      <strong>{t('proofs.failed')}:</strong>{' '}
      <CodedReason code={r.code ?? 'VERIFY_FAILED'} message={r.message} />
    </span>
  );
}
