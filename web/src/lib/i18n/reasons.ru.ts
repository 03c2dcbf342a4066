import type { reasonsEn } from './reasons.en';

/** Причины выведенных ответов по коду узла: те же ключи, что в reasons.en.ts. */
export const reasonsRu: Record<keyof typeof reasonsEn, string> = {
  'score.reason.from.sectors': 'выведено по таблице модели из отрасли пострадавшего «{fact}»',
  'score.reason.from.kill_chain_phases': 'выведено по таблице модели из фазы цепочки атаки «{fact}»',
  'score.reason.from.threat_actor_types': 'выведено по таблице модели из типа нарушителя «{fact}»',
  'score.reason.from.attack_techniques': 'выведено по таблице модели из техники ATT&CK «{fact}»',
  'score.reason.not-supplied': 'не указано',
  'score.reason.no-effect-described':
    'не указано: об инциденте сообщено, но воздействие на услуги не описано',
  'score.reason.engaged-at-least':
    'не указано: раз об инциденте сообщено, активность дошла как минимум до проникновения',
  'score.reason.model-has-unknown': 'не указано: в модели есть вариант «Неизвестно»',
  'score.reason.data-impact-open': 'не указано: воздействие на данные не подтверждено и не исключено',
  'score.reason.no-extra-resources': 'не указано: нет признаков того, что нужны дополнительные ресурсы',
  'score.reason.no-victim-sector':
    'отрасль пострадавшего неизвестна: категория не учитывается в оценке, а не угадывается',
  'score.reason.victim-judgement':
    'не указано: воздействие на саму организацию оценивает пострадавшая сторона',
};
