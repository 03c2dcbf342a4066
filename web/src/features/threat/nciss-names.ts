/**
 * Russian names of the default model's categories and options (CISA NCISS demo, ids as in the
 * model). The model's own English names stay authoritative: a party's own model, whose ids are not
 * here, shows its names as given.
 */
const RU: Record<string, string> = {
  functional_impact: 'Функциональное воздействие',
  'functional_impact.no-impact': 'Нет воздействия',
  'functional_impact.no-impact-to-services': 'Нет воздействия на услуги',
  'functional_impact.minimal-impact-to-non-critical-services':
    'Минимальное воздействие на некритические услуги',
  'functional_impact.minimal-impact-to-critical-services': 'Минимальное воздействие на критические услуги',
  'functional_impact.significant-impact-to-non-critical-services':
    'Значительное воздействие на некритические услуги',
  'functional_impact.denial-of-non-critical-services': 'Отказ некритических услуг',
  'functional_impact.significant-impact-to-critical-services':
    'Значительное воздействие на критические услуги',
  'functional_impact.denial-of-critical-services-or-loss-of-control':
    'Отказ критических услуг или потеря управления',
  observed_activity: 'Наблюдаемая активность',
  'observed_activity.none': 'Нет',
  'observed_activity.prepare': 'Подготовка',
  'observed_activity.engage': 'Проникновение',
  'observed_activity.presence': 'Присутствие',
  'observed_activity.effect': 'Воздействие',
  location_of_observed_activity: 'Место наблюдаемой активности',
  'location_of_observed_activity.level-1-business-dmz': 'Уровень 1: DMZ бизнес-сети',
  'location_of_observed_activity.level-2-business-network': 'Уровень 2: бизнес-сеть',
  'location_of_observed_activity.unknown': 'Неизвестно',
  'location_of_observed_activity.level-3-business-network-management': 'Уровень 3: управление бизнес-сетью',
  'location_of_observed_activity.level-4-critical-system-dmz': 'Уровень 4: DMZ критических систем',
  'location_of_observed_activity.level-5-critical-system-management':
    'Уровень 5: управление критическими системами',
  'location_of_observed_activity.level-6-critical-systems': 'Уровень 6: критические системы',
  'location_of_observed_activity.level-7-safety-systems': 'Уровень 7: системы безопасности',
  actor_characterization: 'Характеристика нарушителя',
  'actor_characterization.hacktivists': 'Хактивисты',
  'actor_characterization.unwitting-insider': 'Невольный инсайдер',
  'actor_characterization.criminal': 'Преступники',
  'actor_characterization.unknown': 'Неизвестно',
  'actor_characterization.witting-insider': 'Умышленный инсайдер',
  'actor_characterization.apt': 'APT',
  'actor_characterization.apt-targeted': 'APT (целевая атака)',
  information_impact: 'Воздействие на информацию',
  'information_impact.no-impact': 'Нет воздействия',
  'information_impact.suspected-but-not-identified': 'Подозревается, но не установлено',
  'information_impact.privacy-data-loss': 'Утечка персональных данных',
  'information_impact.proprietary-information-loss': 'Утечка служебной информации',
  'information_impact.destruction-of-non-critical-system': 'Уничтожение некритической системы',
  'information_impact.critical-systems-data-breach': 'Утечка данных критических систем',
  'information_impact.core-credential-compromise': 'Компрометация ключевых учётных данных',
  'information_impact.destruction-of-critical-system': 'Уничтожение критической системы',
  recoverability: 'Восстанавливаемость',
  'recoverability.regular': 'Обычными средствами',
  'recoverability.supplemented': 'С привлечением дополнительных ресурсов',
  'recoverability.extended': 'Длительное восстановление',
  'recoverability.not-recoverable': 'Невосстановимо',
  cross_sector_dependency: 'Межотраслевая зависимость',
  'cross_sector_dependency.agriculture-and-food': 'Сельское хозяйство и продовольствие',
  'cross_sector_dependency.banking-and-finance': 'Банки и финансы',
  'cross_sector_dependency.chemical': 'Химическая промышленность',
  'cross_sector_dependency.commercial-facilities': 'Коммерческие объекты',
  'cross_sector_dependency.communications': 'Связь',
  'cross_sector_dependency.critical-manufacturing': 'Критическое производство',
  'cross_sector_dependency.dams': 'Плотины',
  'cross_sector_dependency.defense-industrial-base': 'Оборонная промышленность',
  'cross_sector_dependency.emergency-services': 'Экстренные службы',
  'cross_sector_dependency.energy': 'Энергетика',
  'cross_sector_dependency.government-facilities': 'Государственные объекты',
  'cross_sector_dependency.healthcare-and-public-health': 'Здравоохранение',
  'cross_sector_dependency.information-technology': 'Информационные технологии',
  'cross_sector_dependency.nuclear-reactors-materials-and-waste': 'Ядерные реакторы, материалы и отходы',
  'cross_sector_dependency.transportation-systems': 'Транспорт',
  'cross_sector_dependency.water': 'Водоснабжение',
  potential_impact: 'Потенциальное воздействие',
  'potential_impact.minimal': 'Минимальное',
  'potential_impact.low': 'Низкое',
  'potential_impact.moderate': 'Умеренное',
  'potential_impact.high': 'Высокое',
  'potential_impact.severe': 'Тяжёлое',
};

/** A category's (or, with `option`, an option's) name in the UI's language. */
export function scoreName(locale: string, name: string, category: string, option?: string | null): string {
  if (locale !== 'ru') return name;
  return RU[option ? `${category}.${option}` : category] ?? name;
}
