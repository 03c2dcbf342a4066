import type { reportPartiesEn } from './report-parties.en';

/** Русские строки полей отправителя и получателя в форме сообщения об инциденте. */
export const reportPartiesRu: Record<keyof typeof reportPartiesEn, string> = {
  'report.parties': 'Отправитель и получатель',
  'report.senderState': 'Направляющее государство',
  'report.recipientState': 'Принимающее государство',
  'report.state.hint': 'Код ISO 3166-1 alpha-3, например FRA',
  'report.senderRole': 'Тип контактного пункта отправителя',
  'report.recipientRole': 'Тип контактного пункта получателя',
  'report.role.technical': 'Технический',
  'report.role.diplomatic': 'Дипломатический',
};
