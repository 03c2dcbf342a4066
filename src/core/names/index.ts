/**
 * Person-name normalisation for private list comparison (docs/psi.md, "Names"): several keys
 * per person across transliteration tables, each bound to the date of birth.
 */
export {
  TRANSLIT_SCHEMES,
  TRANSLIT_TABLES,
  schemesFor,
  type TranslitScheme,
  type TranslitTable,
} from './cyrillic-tables.js';
export { transliterate, foldLatin, isCyrillic } from './transliterate.js';
export { phoneticFold } from './phonetic.js';
export {
  personKeys,
  KEY_STRENGTHS,
  type KeyStrength,
  type PersonKey,
  type PersonRecord,
} from './person-keys.js';
export {
  buildPersonList,
  personMatches,
  PERSON_MATCH_STATUSES,
  type PersonList,
  type PersonMatch,
  type PersonMatchStatus,
} from './person-list.js';
