import { useState, type FormEvent } from 'react';
import { ApiView, ProblemMessage } from '../../../components/api-view';
import { ApiError, type ProblemView } from '../../../lib/api/problem';
import type { User, UserRole } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { useAuth, useUser } from '../../auth/auth-context';
import { createUser, updateUser, useAudit, useUsers } from '../api/users-api';
import { ROLES, UserRow } from './user-row';

export function UsersPanel() {
  const { t } = useI18n();
  const me = useUser();
  const { refresh } = useAuth();
  const users = useUsers(true);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<UserRole>('viewer');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<string>): Promise<void> => {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      setDone(await fn());
      users.reload();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.problem);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void act(async () => {
      const u = await createUser({ username, role, password });
      setUsername('');
      setPassword('');
      return t('settings.users.added', { name: u.username });
    });
  };
  const changeRole = (u: User, next: UserRole): void =>
    void act(async () => {
      const r = await updateUser(u.id, { role: next });
      // Stepping down from administrator: the page follows at once.
      if (u.id === me.id) await refresh();
      return t('settings.users.roleChanged', { name: r.username, role: t(`role.${r.role}` as MessageKey) });
    });
  const setDisabled = (u: User, disabled: boolean): void =>
    void act(async () => {
      const r = await updateUser(u.id, { disabled });
      return t(disabled ? 'settings.users.disabledDone' : 'settings.users.enabledDone', { name: r.username });
    });
  return (
    <div data-testid="users-admin">
      <ApiView state={users}>
        {(d) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settings.users.username')}</th>
                  <th scope="col">{t('settings.users.role')}</th>
                  <th scope="col">{t('settings.users.state')}</th>
                  <th scope="col">{t('settings.users.created')}</th>
                  <th scope="col">{t('settings.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.users.map((u) => (
                  <UserRow
                    key={u.id}
                    u={u}
                    self={u.id === me.id}
                    busy={busy}
                    onRole={(r) => changeRole(u, r)}
                    onDisabled={(x) => setDisabled(u, x)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ApiView>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {done ? (
        <p role="status" className="notice notice-ok" data-testid="users-done">
          {done}
        </p>
      ) : null}
      <form className="inline-form" onSubmit={submit}>
        <h3>{t('settings.users.add')}</h3>
        <div className="field">
          <label htmlFor="new-username">{t('settings.users.username')}</label>
          <input
            id="new-username"
            autoComplete="off"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-role">{t('settings.users.role')}</label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('settings.users.password')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('settings.users.add')}
        </button>
      </form>
    </div>
  );
}

export function AuditPanel() {
  const { t, dateTime } = useI18n();
  const audit = useAudit(true);
  return (
    <ApiView state={audit}>
      {(d) => (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('settings.audit.at')}</th>
                <th scope="col">{t('settings.audit.actor')}</th>
                <th scope="col">{t('settings.audit.action')}</th>
                <th scope="col">{t('settings.audit.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {d.records.map((a) => (
                <tr key={a.id}>
                  <td>{dateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td className="mono">{a.action}</td>
                  <td>{a.subject}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ApiView>
  );
}
