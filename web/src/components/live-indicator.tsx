import { useI18n } from '../lib/i18n/i18n';
import type { MessageKey } from '../lib/i18n/en';
import { useLiveState } from '../lib/live/live-changes';

/** Says in words whether the open page keeps itself up to date. */
export function LiveIndicator() {
  const { t } = useI18n();
  const state = useLiveState();
  if (state === 'off') return null;
  return (
    <span role="status" className={`live live-${state}`} data-testid="live-state" data-state={state}>
      {t(`live.${state}` as MessageKey)}
    </span>
  );
}
