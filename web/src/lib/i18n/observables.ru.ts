import type { observablesEn } from './observables.en';

/** Русские строки наблюдаемых объектов формы и страницы инцидента: те же ключи, что в observables.en.ts. */
export const observablesRu: Record<keyof typeof observablesEn, string> = {
  'report.obs': 'Наблюдаемые объекты',
  'report.obs.intro':
    'Адреса, диапазоны адресов, домены, URL и номера автономных систем каждый узел сверяет с объявленной критической инфраструктурой: объект внутри объявленного актива повышает уровень инцидента. Адреса электронной почты и хеши файлов передаются только как сведения. Каждый объект отправляется как кибернаблюдаемый объект STIX 2.1 в составе одного observed-data, связанного с инцидентом.',
  'report.obs.none': 'Наблюдаемых объектов нет.',
  'report.obs.add': 'Добавить наблюдаемый объект',
  'report.obs.remove': 'Удалить',
  'report.obs.removeN': 'Удалить наблюдаемый объект {n}',
  'report.obs.typeN': 'Тип наблюдаемого объекта {n}',
  'report.obs.valueN': 'Значение наблюдаемого объекта {n}',
  'report.obs.matchable': 'сверяется с объявлениями',
  'report.obs.evidence': 'только сведения',
  'report.obs.type.ipv4-addr': 'Адрес IPv4 или диапазон CIDR',
  'report.obs.type.ipv6-addr': 'Адрес IPv6 или диапазон CIDR',
  'report.obs.type.domain-name': 'Доменное имя',
  'report.obs.type.url': 'URL',
  'report.obs.type.autonomous-system': 'Автономная система (номер AS)',
  'report.obs.type.email-addr': 'Адрес электронной почты',
  'report.obs.type.file-sha256': 'Хеш файла (SHA-256)',
  'report.obs.problem.empty': 'Введите значение.',
  'report.obs.problem.ipv4':
    'Это не адрес IPv4: четыре числа 0–255 через точку, например 198.51.100.7 или 198.51.100.0/24.',
  'report.obs.problem.ipv6':
    'Это не адрес IPv6, например 2001:db8::1 или 2001:db8::/48 (без хвоста IPv4 через точки).',
  'report.obs.problem.prefix': 'Длина префикса после «/» должна быть от 0 до {max}.',
  'report.obs.problem.host-bits':
    'После префикса заданы биты узла: укажите адрес сети диапазона (например, 198.51.100.0/24) или один адрес без «/».',
  'report.obs.problem.domain': 'Это не доменное имя, например mail.example.org.',
  'report.obs.problem.url': 'Это не абсолютный URL с именем узла, например https://example.org/login.',
  'report.obs.problem.asn': 'Это не номер AS: от 0 до 4294967295, с «AS» или без.',
  'report.obs.problem.email': 'Это не адрес электронной почты, например name@example.org.',
  'report.obs.problem.sha256': 'Хеш SHA-256 — это 64 шестнадцатеричные цифры.',
  'report.obs.problem.duplicate': 'Такой же наблюдаемый объект уже указан выше.',
  'report.obs.fix': 'Исправьте отмеченные выше наблюдаемые объекты перед отправкой.',
  'stix.observedCount': 'наблюдаемых объектов: {n}, связаны с инцидентом',
  'incident.match.kind.ipv4': 'диапазон IPv4',
  'incident.match.kind.ipv6': 'диапазон IPv6',
  'incident.match.kind.domain': 'домен',
  'incident.match.kind.asn': 'номер AS',
  'incident.match.kind.sector': 'отрасль',
  'incident.observables': 'Совпавшие наблюдаемые объекты',
  'incident.observables.entries': 'Записи объявлений',
  'incident.observables.type': 'Наблюдаемый объект',
  'incident.observables.value': 'Значение',
};
