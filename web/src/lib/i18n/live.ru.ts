import type { liveEn } from './live.en';

/** Русские строки живого обновления страниц: те же ключи. */
export const liveRu: Record<keyof typeof liveEn, string> = {
  'live.live': 'Обновляется автоматически',
  'live.paused': 'Автообновление приостановлено, пока вкладка скрыта',
  'live.offline': 'Автообновление: узел недоступен, повторяем',
};
