import { ApiView } from '../../components/api-view';
import { LanguageSwitch } from '../../components/language-switch';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { usePeers, useThreatLevels } from '../../features/dialogue/api/dialogue-api';
import { ChannelsAdminPanel } from '../../features/dialogue/components/channels-admin-panel';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { AuditPanel, UsersPanel } from '../../features/users/components/users-panel';
import { useI18n } from '../../lib/i18n/i18n';
import { useUnits } from '../../lib/i18n/units';

export function SettingsPage() {
  const { t, dateTime, number } = useI18n();
  const { days } = useUnits();
  const user = useUser();
  const identity = useIdentity();
  const peers = usePeers();
  const scoring = useThreatLevels();
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
        {admin ? (
          <UsersPanel />
        ) : (
          <p className="notice" data-testid="users-forbidden">
            {t('settings.users.adminOnly')}
          </p>
        )}
      </Panel>
      {admin ? (
        <Panel title={t('settings.audit')} wide>
          <AuditPanel />
        </Panel>
      ) : null}
      {admin ? (
        <Panel title={t('settings.channels')} wide>
          <ChannelsAdminPanel />
        </Panel>
      ) : null}
      <Panel title={t('settings.peers')}>
        <ApiView state={peers}>
          {(d) =>
            d.peers.length === 0 ? (
              <p className="muted">{t('state.empty')}</p>
            ) : (
              <ul className="items">
                {d.peers.map((p) => (
                  <li key={`${p.channel}:${p.party}`} className="item">
                    <span className="mono small break">{p.party}</span>
                    <span className="small">
                      {t('peers.acked')}: {number(p.acked_seq)} · {t('peers.attempts')}: {number(p.attempts)}
                      {p.last_success_at ? ` · ${t('peers.ok')}: ${dateTime(p.last_success_at)}` : ''}
                    </span>
                    {p.last_error ? (
                      <span className="vstate vstate-bad">
                        {t('peers.error')}: <span lang="en">{p.last_error}</span> · {t('peers.next')}:{' '}
                        {dateTime(p.next_attempt_at)}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </ApiView>
      </Panel>
      <Panel title={t('settings.scoring')}>
        <ApiView state={scoring}>
          {(d) => (
            <dl className="facts">
              <dt>{t('settings.scoring.model')}</dt>
              <dd>
                {String(d.model.id ?? '—')}{' '}
                {d.model.version !== undefined
                  ? t('settings.scoring.version', { v: String(d.model.version) })
                  : ''}
              </dd>
              <dt>{t('settings.scoring.halfLife')}</dt>
              <dd>{days(Math.round((d.halfLifeMs / 86_400_000) * 10) / 10)}</dd>
            </dl>
          )}
        </ApiView>
      </Panel>
    </div>
  );
}
