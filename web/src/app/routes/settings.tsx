import { ApiView } from '../../components/api-view';
import { LanguageSwitch } from '../../components/language-switch';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { usePeers, useScoringModel } from '../../features/dialogue/api/dialogue-api';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { AuditPanel, UsersPanel } from '../../features/users/components/users-panel';
import { useI18n } from '../../lib/i18n/i18n';

export function SettingsPage() {
  const { t, dateTime, number } = useI18n();
  const user = useUser();
  const identity = useIdentity();
  const peers = usePeers();
  const scoring = useScoringModel();
  const admin = hasRole(user, 'admin');
  return (
    <div className="grid">
      <Panel title={t('settings.language')}>
        <LanguageSwitch />
        <p>{t('settings.sample', { date: dateTime('2026-03-01T14:30:00Z'), number: number(1234567.89) })}</p>
      </Panel>
      <Panel title={t('settings.identity')}>
        <ApiView state={identity}>{(id) => <IdentityFacts id={id} keys />}</ApiView>
      </Panel>
      <Panel title={t('settings.users')} wide>
        {admin ? <UsersPanel /> : <p className="notice" data-testid="users-forbidden">{t('settings.users.adminOnly')}</p>}
      </Panel>
      {admin ? (
        <Panel title={t('settings.audit')} wide>
          <AuditPanel />
        </Panel>
      ) : null}
      <Panel title={t('settings.peers')}>
        <ApiView state={peers}>{(d) => <pre className="note">{JSON.stringify(d.peers, null, 2)}</pre>}</ApiView>
      </Panel>
      <Panel title={t('settings.scoring')}>
        <ApiView state={scoring}>{(d) => <pre className="note">{JSON.stringify(d, null, 2)}</pre>}</ApiView>
      </Panel>
    </div>
  );
}
