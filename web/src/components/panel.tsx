import { useId, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n';
import { ErrorBoundary } from './error-boundary';

/** A titled region of a page with its own error boundary. */
export function Panel({
  title,
  children,
  actions,
  wide,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const { t } = useI18n();
  return (
    <section className={wide ? 'panel panel-wide' : 'panel'} aria-labelledby={id}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      <ErrorBoundary
        fallback={(e, reset) => (
          <div role="alert" className="notice notice-error">
            <p>{t('state.panelError')}</p>
            <p className="mono small">{e.message}</p>
            <button type="button" onClick={reset}>
              {t('state.retry')}
            </button>
          </div>
        )}
      >
        {children}
      </ErrorBoundary>
    </section>
  );
}
