import { useState, type FormEvent } from 'react';
import { ProblemMessage } from '../../components/api-view';
import { ApiError, type ProblemView } from '../../lib/api/problem';
import { useI18n } from '../../lib/i18n/i18n';
import { LanguageSwitch } from '../../components/language-switch';
import { useAuth } from './auth-context';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | undefined>(
    expired ? { code: 'AUTH_REQUIRED', title: '', detail: undefined, status: 401 } : undefined,
  );
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await login(username, password);
    } catch (err) {
      setProblem(
        err instanceof ApiError
          ? err.problem
          : { code: 'CLIENT', title: String(err), detail: undefined, status: 0 },
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-wrap">
      <main id="main" className="login">
        <div className="login-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {problem ? <ProblemMessage problem={problem} /> : null}
          <button type="submit" className="primary" disabled={busy || !username || !password}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p className="small muted">{t('login.hint')}</p>
      </main>
    </div>
  );
}
