/**
 * Cyrillic-to-Latin tables used on travel documents. Each maps one upper-case Cyrillic letter to
 * upper-case ASCII; `initial` overrides apply at the start of a word (the Ukrainian table's rule).
 */
export interface TranslitTable {
  readonly id: TranslitScheme;
  readonly map: Readonly<Record<string, string>>;
  readonly initial?: Readonly<Record<string, string>>;
}

export const TRANSLIT_SCHEMES = ['icao', 'icao-uk', 'icao-be', 'ua-2010', 'ru-1997'] as const;
export type TranslitScheme = (typeof TRANSLIT_SCHEMES)[number];

/** ICAO Doc 9303 Part 3 (7th ed., 2015), §6 table B, Cyrillic; Russian passports since 2013. */
const ICAO: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Ґ: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Є: 'IE',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  І: 'I',
  Ї: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ў: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: 'IE',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
};

/**
 * Cabinet of Ministers of Ukraine Resolution No. 55 of 27 January 2010: Ukrainian passports.
 * Letters Ukrainian lacks (Ё Ъ Ы Э) fall back to ICAO; «зг» is ZGH (handled in transliterate).
 */
const UA_2010: Record<string, string> = {
  ...ICAO,
  Г: 'H',
  Ґ: 'G',
  Є: 'IE',
  И: 'Y',
  І: 'I',
  Ї: 'I',
  Й: 'I',
  Х: 'KH',
  Ю: 'IU',
  Я: 'IA',
};
const UA_2010_INITIAL: Record<string, string> = { Є: 'YE', Ї: 'YI', Й: 'Y', Ю: 'YU', Я: 'YA' };

/**
 * Russian foreign passports before the 2010 switch to GOST/ICAO (MVD rules of 1997), which is
 * also the spelling most Western press and court records use for Russians (Yaroshenko, Dmitriy).
 */
const RU_1997: Record<string, string> = {
  ...ICAO,
  Ё: 'E',
  Й: 'Y',
  Ъ: '',
  Ы: 'Y',
  Ю: 'YU',
  Я: 'YA',
  Х: 'KH',
  Ц: 'TS',
};

export const TRANSLIT_TABLES: Readonly<Record<TranslitScheme, TranslitTable>> = {
  icao: { id: 'icao', map: ICAO },
  // ICAO's language-specific rows: Ukrainian И is Y; Belarusian Г is H and Ё is IO.
  'icao-uk': { id: 'icao-uk', map: { ...ICAO, И: 'Y' } },
  'icao-be': { id: 'icao-be', map: { ...ICAO, Г: 'H', Ё: 'IO' } },
  'ua-2010': { id: 'ua-2010', map: UA_2010, initial: UA_2010_INITIAL },
  'ru-1997': { id: 'ru-1997', map: RU_1997 },
};

/** Which tables a record's language calls for; unknown Cyrillic gets every plausible one. */
export function schemesFor(lang: string | undefined, text: string): TranslitScheme[] {
  const l = lang?.toLowerCase().slice(0, 2);
  if (l === 'ru') return ['icao', 'ru-1997'];
  if (l === 'uk') return ['icao-uk', 'ua-2010'];
  if (l === 'be') return ['icao-be'];
  // Ў exists only in Belarusian; Ґ Є Ї only in Ukrainian. Without them the language is unclear.
  if (/[Ўў]/.test(text)) return ['icao-be'];
  if (/[ҐґЄєЇї]/.test(text)) return ['icao-uk', 'ua-2010'];
  const out: TranslitScheme[] = ['icao', 'ru-1997', 'ua-2010', 'icao-uk'];
  if (/[Іі]/.test(text)) out.push('icao-be');
  return out;
}
