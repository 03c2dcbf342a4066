import type { SectorMapping } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';

const CLASS: Record<SectorMapping['confidence'], string> = {
  exact: 'vstate-ok',
  close: 'vstate-ok',
  partial: 'vstate-muted',
  uncertain: 'vstate-wait',
};

/** A mapping's confidence in words; an uncertain one also says to verify it (colour only adds). */
export function Confidence({ value }: { value: SectorMapping['confidence'] }) {
  const { t } = useI18n();
  return (
    <span className={`vstate ${CLASS[value]}`} data-confidence={value}>
      {value === 'uncertain' ? <span aria-hidden="true">⚠ </span> : null}
      {t(`cw.conf.${value}` as MessageKey)}
    </span>
  );
}
