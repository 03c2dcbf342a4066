import type { answersEn } from './answers.en';

/** Русские строки подтверждения и ответа в ленте канала: те же ключи, что в answers.en.ts. */
export const answersRu: Record<keyof typeof answersEn, string> = {
  'answers.ackRequested': 'Отправитель просит подтвердить получение.',
  'answers.acknowledge': 'Подтвердить получение',
  'answers.ack.text': 'Уведомление получено и принято к сведению; изучаем.',
  'answers.status': 'Статус',
  'answers.inAnswerTo': 'В ответ на №{seq} ({author}): {summary}',
  'answers.inAnswerTo.unseen': 'В ответ на конверт, которого нет на этой странице',
  'answers.list': 'Ответы',
  'answers.onRecord': 'Ответ зафиксирован: {time}.',
  'answers.receiptAt': 'квитанция подписана {time}',
} as const;
