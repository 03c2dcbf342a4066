import { useEffect } from 'react';
import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { LIVE_STATES, useComparisons } from '../../features/comparisons/api/comparisons-api';
import { ComparisonTable } from '../../features/comparisons/components/comparison-table';
import { StartForm } from '../../features/comparisons/components/start-form';
import { useChannels, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useI18n } from '../../lib/i18n/i18n';

/**
 * While a comparison may still move its state and chunk counts are read again: every second while
 * blinded values are exchanged, every five while an offer waits for an answer (that can take days).
 */
const POLL_RUNNING_MS = 1000;
const POLL_WAITING_MS = 5000;

const short = (id: string): string => (id.length > 24 ? `${id.slice(0, 20)}…` : id);

export function ComparisonsPage() {
  const { t } = useI18n();
  const canAct = hasRole(useUser(), 'analyst');
  const comparisons = useComparisons();
  const channels = useChannels();
  const contacts = useContacts();
  const { reload } = comparisons;
  const rows = comparisons.status === 'ok' ? comparisons.data.comparisons : [];
  const every = rows.some((c) => c.state === 'running')
    ? POLL_RUNNING_MS
    : rows.some((c) => LIVE_STATES.has(c.state))
      ? POLL_WAITING_MS
      : 0;
  useEffect(() => {
    if (!every) return;
    const timer = setInterval(reload, every);
    return () => clearInterval(timer);
  }, [every, reload]);
  const name = (party: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === party)?.name : undefined) ??
    short(party);
  return (
    <div className="grid">
      <section
        className="notice notice-ok panel-wide"
        aria-labelledby="psi-privacy"
        data-testid="psi-privacy"
      >
        <h2 id="psi-privacy">{t('psi.privacy.title')}</h2>
        <p>{t('psi.privacy.body')}</p>
      </section>
      {canAct ? (
        <Panel title={t('psi.start')} wide>
          <ApiView state={channels}>
            {(d) => (
              <StartForm
                channels={d.channels
                  .filter((c) => c.state === 'active')
                  .map((c) => ({ id: c.id, name: c.name }))}
                onDone={reload}
              />
            )}
          </ApiView>
        </Panel>
      ) : (
        <p className="notice panel-wide" data-testid="psi-viewer">
          {t('psi.viewer')}
        </p>
      )}
      <Panel title={t('psi.list.title')} wide>
        <ApiView state={comparisons}>
          {(d) => <ComparisonTable rows={d.comparisons} canAct={canAct} name={name} onDone={reload} />}
        </ApiView>
      </Panel>
    </div>
  );
}
