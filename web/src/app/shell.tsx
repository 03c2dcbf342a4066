import { useEffect, useRef, type ReactNode } from 'react';
import { LanguageSwitch } from '../components/language-switch';
import { LiveIndicator } from '../components/live-indicator';
import { useAuth, useUser } from '../features/auth/auth-context';
import { useI18n } from '../lib/i18n/i18n';
import type { MessageKey } from '../lib/i18n/en';
import { Link } from '../lib/router';
import { NAV } from './routes';

/** Header, navigation and the page region. Moves focus to the page heading on navigation. */
export function Shell({ path, title, children }: { path: string; title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { logout } = useAuth();
  const user = useUser();
  const h1 = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${title} — Parley`;
    if (first.current) first.current = false;
    else h1.current?.focus();
  }, [path, title]);
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link className="brand" href="/overview">
          {t('app.name')}
        </Link>
        <div className="top-right">
          <LiveIndicator />
          <LanguageSwitch />
          <span className="who" data-testid="who">
            {t('user.signedInAs', { name: user.username })} ({t(`role.${user.role}` as MessageKey)})
          </span>
          <button type="button" onClick={() => void logout()}>
            {t('user.logout')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav aria-label={t('nav.label')} className="side">
          <ul>
            {NAV.map((n) => {
              const current = path === n.path || path.startsWith(`${n.path}/`);
              return (
                <li key={n.path}>
                  <Link href={n.path} aria-current={current ? 'page' : undefined}>
                    {t(n.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <h1 ref={h1} tabIndex={-1}>
            {title}
          </h1>
          {children}
        </main>
      </div>
    </div>
  );
}
