/**
 * A deliberately loose spelling skeleton for romanised Slavic names. It folds the differences
 * between the transliteration tables and common English spellings (IA/YA, KH/H, G/H, Y/I,
 * doubled letters) so that one person written by different offices lands on one skeleton. It
 * also merges some different names, which is why matches on it are only "needs review".
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/SHCH|SHTCH|SCH/g, 'SH'],
  [/ZGH/g, 'ZG'],
  [/KH|GH/g, 'H'],
  [/G/g, 'H'],
  [/TS|TZ|TC/g, 'C'],
  [/CK|Q/g, 'K'],
  [/X/g, 'KS'],
  [/W/g, 'V'],
  [/PH/g, 'F'],
  [/[JY]/g, 'I'],
  // A glide before a vowel at the start or after a vowel: IA/YA, IU/YU, IE/YE, IO/YO.
  [/(^|[AEIOU])I(?=[AEOU])/g, '$1'],
  [/(.)\1+/g, '$1'],
];

/** The phonetic skeleton of one upper-case ASCII token. */
export function phoneticFold(token: string): string {
  let s = token;
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s;
}
