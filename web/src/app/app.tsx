import { AuthProvider, useAuth } from '../features/auth/auth-context';
import { LoginPage } from '../features/auth/login-page';
import { I18nProvider, useI18n } from '../lib/i18n/i18n';
import { LiveChangesProvider } from '../lib/live/live-changes';
import { navigate, usePath } from '../lib/router';
import { ChannelPage, ChannelsPage } from './routes/channels';
import { ComparisonsPage } from './routes/comparisons';
import { ContactsPage } from './routes/contacts';
import { InfrastructurePage } from './routes/infrastructure';
import { NotFoundPage } from './routes/not-found';
import { OverviewPage } from './routes/overview';
import { IncidentPage } from './routes/incident';
import { ReportPage } from './routes/report';
import { SettingsPage } from './routes/settings';
import { VerificationPage } from './routes/verification';
import { Shell } from './shell';
import type { MessageKey } from '../lib/i18n/en';
import type { ReactNode } from 'react';
import { useEffect } from 'react';

function route(path: string): { title: MessageKey; page: ReactNode } {
  if (path === '/overview') return { title: 'overview.title', page: <OverviewPage /> };
  if (path === '/channels') return { title: 'channels.title', page: <ChannelsPage /> };
  if (path.startsWith('/channels/'))
    return {
      title: 'channels.title',
      page: <ChannelPage id={decodeURIComponent(path.slice('/channels/'.length))} />,
    };
  if (path === '/report') return { title: 'report.title', page: <ReportPage /> };
  if (path.startsWith('/incidents/'))
    return {
      title: 'incident.title',
      page: <IncidentPage hash={decodeURIComponent(path.slice('/incidents/'.length))} />,
    };
  if (path === '/infrastructure') return { title: 'ci.title', page: <InfrastructurePage /> };
  if (path === '/comparisons') return { title: 'psi.title', page: <ComparisonsPage /> };
  if (path === '/contacts') return { title: 'contacts.title', page: <ContactsPage /> };
  if (path === '/verification') return { title: 'verification.title', page: <VerificationPage /> };
  if (path === '/settings') return { title: 'settings.title', page: <SettingsPage /> };
  return { title: 'notfound.title', page: <NotFoundPage /> };
}

function Routed() {
  const { state } = useAuth();
  const { t } = useI18n();
  const path = usePath();
  useEffect(() => {
    if (state.status === 'signed-in' && (path === '/' || path === '/login')) navigate('/overview', true);
    if (state.status === 'signed-out' && path !== '/login') navigate('/login', true);
  }, [state.status, path]);
  if (state.status === 'checking') return <p className="muted boot">{t('state.loading')}</p>;
  if (state.status === 'signed-out') return <LoginPage expired={state.reason === 'expired'} />;
  const r = route(path === '/' || path === '/login' ? '/overview' : path);
  return (
    <LiveChangesProvider>
      <Shell path={path} title={t(r.title)}>
        {r.page}
      </Shell>
    </LiveChangesProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Routed />
      </AuthProvider>
    </I18nProvider>
  );
}
