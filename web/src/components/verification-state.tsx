import { useI18n } from '../lib/i18n/i18n';
import type { MessageKey } from '../lib/i18n/en';

type Word = 'verified' | 'failed' | 'pending' | 'received' | 'overdue' | 'not-required';

const MARK: Record<Word, string> = {
  verified: '✓',
  received: '✓',
  failed: '✗',
  overdue: '!',
  pending: '…',
  'not-required': '–',
};
const TONE: Record<Word, string> = {
  verified: 'ok',
  received: 'ok',
  failed: 'bad',
  overdue: 'bad',
  pending: 'wait',
  'not-required': 'muted',
};

/** A verification state in words (with a symbol and colour as extras, never alone). */
export function VerificationState({ label, word }: { label: string; word: Word }) {
  const { t } = useI18n();
  return (
    <span className={`vstate vstate-${TONE[word]}`}>
      <span aria-hidden="true">{MARK[word]} </span>
      {label}: <strong>{t(`verify.${word}` as MessageKey)}</strong>
    </span>
  );
}
