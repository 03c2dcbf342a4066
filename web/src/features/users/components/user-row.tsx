import { useEffect, useState } from 'react';
import type { User, UserRole } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';

export const ROLES: UserRole[] = ['viewer', 'analyst', 'admin'];

/**
 * One account in Settings → Users: its role (chosen, then saved), its state in words, and
 * Disable / Enable. An administrator does not disable their own account from here; the node
 * refuses to demote or disable the last enabled administrator.
 */
export function UserRow({
  u,
  self,
  busy,
  onRole,
  onDisabled,
}: {
  u: User;
  self: boolean;
  busy: boolean;
  onRole: (role: UserRole) => void;
  onDisabled: (disabled: boolean) => void;
}) {
  const { t, dateTime } = useI18n();
  const [role, setRole] = useState<UserRole>(u.role);
  // Follow the node when the list reloads with another role (saved here, or changed elsewhere).
  useEffect(() => setRole(u.role), [u.role]);
  const roleId = `user-role-${u.id}`;
  const name = u.username;
  return (
    <tr data-user={name} data-role={u.role} data-disabled={String(u.disabled)}>
      <th scope="row">
        {name} {self ? <span className="muted">{t('settings.users.you')}</span> : null}
      </th>
      <td>
        <label htmlFor={roleId} className="sr-only">
          {t('settings.users.roleOf', { name })}
        </label>
        <select
          id={roleId}
          value={role}
          disabled={busy}
          onChange={(e) => setRole(e.target.value as UserRole)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>{' '}
        {role !== u.role ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-label={t('settings.users.saveRoleOf', { name })}
            onClick={() => onRole(role)}
          >
            {t('settings.users.saveRole')}
          </button>
        ) : null}
      </td>
      <td>
        {u.disabled ? (
          <strong>{t('settings.users.state.disabled')}</strong>
        ) : (
          t('settings.users.state.active')
        )}
      </td>
      <td>{dateTime(u.created_at)}</td>
      <td>
        {self ? null : u.disabled ? (
          <button
            type="button"
            disabled={busy}
            aria-label={t('settings.users.enableOf', { name })}
            onClick={() => onDisabled(false)}
          >
            {t('settings.users.enable')}
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            aria-label={t('settings.users.disableOf', { name })}
            onClick={() => onDisabled(true)}
          >
            {t('settings.users.disable')}
          </button>
        )}
      </td>
    </tr>
  );
}
