import type { ReactNode } from 'react';
import type { ProblemView } from '../lib/api/problem';
import { useI18n } from '../lib/i18n/i18n';
import type { MessageKey } from '../lib/i18n/en';
import type { ApiState } from '../lib/use-api';

/** A problem in the reader's language: known codes translated, the node's detail kept. */
export function ProblemMessage({ problem }: { problem: ProblemView }) {
  const { t } = useI18n();
  const key = `error.${problem.code}` as MessageKey;
  const known = t(key) !== key;
  return (
    <div role="alert" className="notice notice-error">
      <p>{known ? t(key) : t('error.generic', { code: problem.code })}</p>
      {/* The node's own English words stay beside the translation, for the record and for support. */}
      {problem.detail ? (
        <p className="small" lang="en">
          {problem.detail}
        </p>
      ) : null}
    </div>
  );
}

/** "Not available yet": the node does not offer this endpoint; nothing is invented in its place. */
export function Unavailable({ endpoint }: { endpoint: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-unavailable" data-state="unavailable">
      <p>
        <strong>{t('state.unavailable.title')}</strong>
      </p>
      <p>{t('state.unavailable.body', { endpoint })}</p>
    </div>
  );
}

/** Renders an ApiState: loading, unavailable, error, or the data through `children`. */
export function ApiView<T>({
  state,
  children,
}: {
  state: ApiState<T> & { reload: () => void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  switch (state.status) {
    case 'loading':
      return (
        <p className="muted" aria-live="polite">
          {t('state.loading')}
        </p>
      );
    case 'unavailable':
      return <Unavailable endpoint={state.endpoint} />;
    case 'error':
      return (
        <>
          <ProblemMessage problem={state.problem} />
          <button type="button" onClick={state.reload}>
            {t('state.retry')}
          </button>
        </>
      );
    case 'ok':
      return <>{children(state.data)}</>;
  }
}
