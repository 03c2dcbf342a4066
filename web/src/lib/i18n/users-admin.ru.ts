import type { usersAdminEn } from './users-admin.en';

/** Русские строки изменения учётных записей в Настройки → Пользователи: те же ключи. */
export const usersAdminRu: Record<keyof typeof usersAdminEn, string> = {
  'settings.users.state': 'Состояние',
  'settings.users.state.active': 'действует',
  'settings.users.state.disabled': 'отключён',
  'settings.users.actions': 'Действия',
  'settings.users.you': '(вы)',
  'settings.users.roleOf': 'Роль пользователя {name}',
  'settings.users.saveRole': 'Сохранить роль',
  'settings.users.saveRoleOf': 'Сохранить роль пользователя {name}',
  'settings.users.disable': 'Отключить',
  'settings.users.disableOf': 'Отключить {name}',
  'settings.users.enable': 'Включить',
  'settings.users.enableOf': 'Включить {name}',
  'settings.users.roleChanged': 'Теперь {name} — {role}.',
  'settings.users.disabledDone': 'Пользователь {name} отключён: его сеансы завершены, войти он не может.',
  'settings.users.enabledDone': 'Пользователь {name} снова может войти.',
  'error.LAST_ADMIN':
    'Это единственный действующий администратор: сначала назначьте администратором другую учётную запись, затем понижайте или отключайте эту.',
  'error.USER_NOT_FOUND': 'Такого пользователя нет.',
};
