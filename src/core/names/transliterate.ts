import { TRANSLIT_TABLES, type TranslitScheme } from './cyrillic-tables.js';

const CYRILLIC = /[\u0400-\u04FF]/;

// Latin letters that look like Cyrillic ones, typed by mistake inside a Cyrillic word.
const HOMOGLYPHS: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  I: 'І',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

// Latin letters whose marks carry a sound English spelling writes with two letters.
const LATIN_SPECIAL: Record<string, string> = {
  Š: 'SH',
  Č: 'CH',
  Ž: 'ZH',
  Ć: 'C',
  Ł: 'L',
  Ŭ: 'U',
  ß: 'SS',
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Đ: 'D',
  Þ: 'TH',
};

/** True when the token is written (mostly) in Cyrillic. */
export function isCyrillic(token: string): boolean {
  return CYRILLIC.test(token);
}

/** Upper-case ASCII letters only: special letters spelled out, then marks stripped (NFKD). */
export function foldLatin(token: string): string {
  let s = '';
  for (const ch of token.toUpperCase()) s += LATIN_SPECIAL[ch] ?? ch;
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z]/g, '');
}

/** One Cyrillic token in `scheme`, as upper-case ASCII. */
export function transliterate(token: string, scheme: TranslitScheme): string {
  const table = TRANSLIT_TABLES[scheme];
  const chars = [...token.toUpperCase().normalize('NFC')].map((c) => HOMOGLYPHS[c] ?? c);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (scheme === 'ua-2010' && c === 'Г' && chars[i - 1] === 'З') {
      out += 'GH';
      continue;
    }
    const atStart = i === 0;
    const t = (atStart && table.initial?.[c]) || table.map[c];
    if (t !== undefined) out += t;
    else out += foldLatin(c);
  }
  return out;
}
