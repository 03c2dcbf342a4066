/**
 * English strings of changing accounts in Settings → Users (role, disable, enable), kept apart
 * from en.ts; en.ts spreads them in.
 */
export const usersAdminEn = {
  'settings.users.state': 'State',
  'settings.users.state.active': 'active',
  'settings.users.state.disabled': 'disabled',
  'settings.users.actions': 'Actions',
  'settings.users.you': '(you)',
  'settings.users.roleOf': 'Role of {name}',
  'settings.users.saveRole': 'Save role',
  'settings.users.saveRoleOf': 'Save role of {name}',
  'settings.users.disable': 'Disable',
  'settings.users.disableOf': 'Disable {name}',
  'settings.users.enable': 'Enable',
  'settings.users.enableOf': 'Enable {name}',
  'settings.users.roleChanged': '{name} is now {role}.',
  'settings.users.disabledDone': '{name} is disabled: their sessions have ended and they cannot sign in.',
  'settings.users.enabledDone': '{name} can sign in again.',
  'error.LAST_ADMIN':
    'This is the only enabled administrator: make another account administrator before demoting or disabling this one.',
  'error.USER_NOT_FOUND': 'No such user.',
} as const;
