import { useState, type FormEvent } from 'react';
import { ApiView, ProblemMessage } from '../../../components/api-view';
import { ApiError, type ProblemView } from '../../../lib/api/problem';
import type { UserRole } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { createUser, useAudit, useUsers } from '../api/users-api';

const ROLES: UserRole[] = ['viewer', 'analyst', 'admin'];

export function UsersPanel() {
  const { t, dateTime } = useI18n();
  const users = useUsers(true);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<UserRole>('viewer');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setProblem(undefined);
    setDone(undefined);
    try {
      const u = await createUser({ username, role, password });
      setDone(u.username);
      setUsername('');
      setPassword('');
      users.reload();
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.problem);
      else throw err;
    }
  };
  return (
    <>
      <ApiView state={users}>
        {(d) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settings.users.username')}</th>
                  <th scope="col">{t('settings.users.role')}</th>
                  <th scope="col">{t('settings.users.created')}</th>
                </tr>
              </thead>
              <tbody>
                {d.users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.username}</th>
                    <td>{t(`role.${u.role}` as MessageKey)}</td>
                    <td>{dateTime(u.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ApiView>
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
        <button type="submit" className="primary">
          {t('settings.users.add')}
        </button>
        {problem ? <ProblemMessage problem={problem} /> : null}
        {done ? (
          <p role="status" className="notice notice-ok">
            {t('settings.users.added', { name: done })}
          </p>
        ) : null}
      </form>
    </>
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
