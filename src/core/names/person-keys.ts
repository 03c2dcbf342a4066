import { PsiError } from '../errors.js';
import { schemesFor } from './cyrillic-tables.js';
import { foldLatin, isCyrillic, transliterate } from './transliterate.js';
import { phoneticFold } from './phonetic.js';

/** A person on a list. Either `name` (any order) or the parts; `dob` is YYYY-MM-DD or YYYY. */
export interface PersonRecord {
  readonly name?: string;
  readonly surname?: string;
  readonly given?: string;
  readonly patronymic?: string;
  readonly dob?: string;
  /** BCP 47 language of the Cyrillic spelling: 'ru', 'uk', 'be'; absent when unknown. */
  readonly lang?: string;
}

export const KEY_STRENGTHS = ['exact', 'loose'] as const;
/** exact: every name token and the date of birth as given agree. loose: a match needs review. */
export type KeyStrength = (typeof KEY_STRENGTHS)[number];

export interface PersonKey {
  readonly key: string;
  readonly strength: KeyStrength;
}

const PATRONYMIC_CYR = /(ИЧ|ІЧ|ВНА|ЧНА|ЎНА)$/;
const PATRONYMIC_LAT = /(ICH|YCH|OVNA|EVNA|IVNA|YIVNA|ICHNA|YCHNA|AUNA)$/;

interface Tokens {
  readonly raw: string[];
  /** Each entry is one reading of which tokens form the patronymic; empty when there is none. */
  readonly patronymicReadings: number[][];
}

/**
 * The comparison keys of one person (docs/psi.md, "Names"): for each applicable transliteration
 * table the sorted tokens ('n' keys, with and without the patronymic) and their phonetic
 * skeletons ('p' keys), each bound to the date of birth. Keys that use everything the record
 * holds are 'exact'; the others 'loose'. Throws PSI_INPUT_INVALID on an empty name or a bad dob.
 */
export function personKeys(rec: PersonRecord): PersonKey[] {
  const dob = parseDob(rec.dob);
  const { raw, patronymicReadings } = tokenize(rec);
  if (raw.length === 0) throw new PsiError('PSI_INPUT_INVALID', 'person record has no name tokens');
  const schemes = raw.some(isCyrillic) ? schemesFor(rec.lang, raw.join(' ')) : (['icao'] as const);
  const out = new Map<string, KeyStrength>();
  const add = (key: string, strength: KeyStrength) => {
    if (out.get(key) !== 'exact') out.set(key, strength);
  };
  // Without a date of birth a name alone is too common to be certain of anything.
  const exact: KeyStrength = dob.full === '' ? 'loose' : 'exact';
  for (const scheme of schemes) {
    const all = raw.map((t) => (isCyrillic(t) ? transliterate(t, scheme) : foldLatin(t)));
    const readings = patronymicReadings.length > 0 ? patronymicReadings : [[]];
    const withouts = readings.map((drop) => all.filter((t, i) => !drop.includes(i) && t !== ''));
    const full = all.filter((t) => t !== '');
    add(key('n', full, dob.full), exact);
    add(key('p', full.map(phoneticFold), dob.full), 'loose');
    for (const np of withouts) {
      if (np.length === 0) continue;
      if (np.length < full.length) add(key('n', np, dob.full), 'loose');
      add(key('p', np.map(phoneticFold), dob.full), 'loose');
      // A full date also meets a record that knows only the year, as a loose match.
      if (dob.year !== dob.full) add(key('p', np.map(phoneticFold), dob.year), 'loose');
    }
  }
  return [...out].map(([k, strength]) => ({ key: k, strength }));
}

function key(family: 'n' | 'p', tokens: string[], dob: string): string {
  return `${family}|${[...tokens].sort().join(' ')}|${dob}`;
}

function parseDob(dob: string | undefined): { full: string; year: string } {
  if (dob === undefined || dob.trim() === '') return { full: '', year: '' };
  const d = dob.trim();
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(d);
  if (!m) throw new PsiError('PSI_INPUT_INVALID', 'dob must be YYYY-MM-DD or YYYY');
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    const day = Number(m[3]);
    const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > days)
      throw new PsiError('PSI_INPUT_INVALID', 'dob is not a calendar date');
  }
  return { full: d, year: m[1]! };
}

function split(s: string | undefined): string[] {
  if (!s) return [];
  return s
    .normalize('NFC')
    .replace(/['’ʼ`´]/g, '')
    .split(/[\s,.\-‐–—_/]+/u)
    .filter((t) => /\p{L}/u.test(t));
}

function tokenize(rec: PersonRecord): Tokens {
  if (rec.surname !== undefined || rec.given !== undefined || rec.patronymic !== undefined) {
    const names = [...split(rec.given), ...split(rec.surname)];
    const patronymic = split(rec.patronymic);
    const drop = patronymic.map((_, i) => names.length + i);
    return { raw: [...names, ...patronymic], patronymicReadings: drop.length > 0 ? [drop] : [] };
  }
  const raw = split(rec.name);
  return { raw, patronymicReadings: patronymicCandidates(raw).map((i) => [i]) };
}

/**
 * Which free-text tokens may be the patronymic. Only with three or more tokens (two are a given
 * name and a surname). Surnames too end in -ович/-evich (Лукашевич), and token order is not
 * trusted, so every candidate gives its own reading; the wrong readings only add loose keys.
 */
function patronymicCandidates(tokens: string[]): number[] {
  if (tokens.length < 3) return [];
  return tokens.flatMap((t, i) => {
    const u = t.toUpperCase();
    return (isCyrillic(u) ? PATRONYMIC_CYR.test(u) : PATRONYMIC_LAT.test(foldLatin(u))) ? [i] : [];
  });
}
