import { useEffect } from 'react';
import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useThreatLevels } from '../../features/dialogue/api/dialogue-api';
import { Alarms, OpenItems } from '../../features/dialogue/components/open-items';
import { ThreatTable, ThreatTrend } from '../../features/dialogue/components/threat-panel';
import { useLogs } from '../../features/logs/api/get-logs';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { useI18n } from '../../lib/i18n/i18n';

export function OverviewPage() {
  const { t, number } = useI18n();
  const identity = useIdentity();
  const logs = useLogs();
  const threat = useThreatLevels();
  const settled = [identity, logs, threat].every((s) => s.status !== 'loading');
  useEffect(() => {
    // The benchmark (bench/ui-overview.ts) and the browser tests wait for this mark.
    if (settled) {
      document.body.dataset.overview = 'drawn';
      performance.mark('parley:overview-drawn');
    }
    return () => void delete document.body.dataset.overview;
  }, [settled]);
  return (
    <div className="grid">
      <Panel title={t('overview.threat')} wide>
        <ThreatTable state={threat} />
      </Panel>
      <Panel title={t('overview.trend')} wide>
        <ThreatTrend state={threat} />
      </Panel>
      <Panel title={t('overview.open')}>
        <OpenItems />
      </Panel>
      <Panel title={t('overview.alarms')}>
        <Alarms />
      </Panel>
      <Panel title={t('overview.node')}>
        <ApiView state={identity}>
          {(id) => (
            <IdentityFacts id={id}>
              {logs.status === 'ok' ? (
                <>
                  <dt>{t('overview.logs')}</dt>
                  <dd>{number(logs.data.logs.length)}</dd>
                  <dt>{t('overview.envelopes')}</dt>
                  <dd>{number(logs.data.logs.reduce((n, l) => n + l.size, 0))}</dd>
                </>
              ) : null}
            </IdentityFacts>
          )}
        </ApiView>
        {logs.status === 'ok' ? null : <ApiView state={logs}>{() => null}</ApiView>}
      </Panel>
    </div>
  );
}
