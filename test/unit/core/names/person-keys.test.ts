import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildPersonList,
  personKeys,
  personMatches,
  phoneticFold,
  transliterate,
  type TranslitScheme,
} from '../../../../src/core/names/index.js';
import { createLocalEngine, runPsiInProcess } from '../../../../src/core/psi/index.js';
import { PsiError } from '../../../../src/core/errors.js';
import { secureRandomBytes } from '../../../../src/core/sig/index.js';

const tr = (text: string, scheme: TranslitScheme) =>
  text
    .split(' ')
    .map((w) => transliterate(w, scheme))
    .join(' ');

describe('transliterate', () => {
  // Examples from the KMU Resolution 55 (2010) table and ICAO Doc 9303 Part 3 Belarusian row.
  const cases: { desc: string; input: string; scheme: TranslitScheme; want: string }[] = [
    { desc: 'KMU Й final', input: 'Андрій', scheme: 'ua-2010', want: 'ANDRII' },
    { desc: 'KMU Щ, Г', input: 'Борщагівка', scheme: 'ua-2010', want: 'BORSHCHAHIVKA' },
    { desc: 'KMU И, Я medial', input: 'Вінниця', scheme: 'ua-2010', want: 'VINNYTSIA' },
    { desc: 'KMU зг', input: 'Згурський', scheme: 'ua-2010', want: 'ZGHURSKYI' },
    { desc: 'KMU Ґ', input: 'Ґалаґан', scheme: 'ua-2010', want: 'GALAGAN' },
    { desc: 'KMU Г', input: 'Олег', scheme: 'ua-2010', want: 'OLEH' },
    { desc: 'KMU Є initial and medial', input: 'Єнакієве', scheme: 'ua-2010', want: 'YENAKIIEVE' },
    { desc: 'KMU Ь dropped', input: 'Донецьк', scheme: 'ua-2010', want: 'DONETSK' },
    {
      desc: 'ICAO Belarusian Ы, І',
      input: 'Бабрыковіч Аляксандр',
      scheme: 'icao-be',
      want: 'BABRYKOVICH ALIAKSANDR',
    },
    { desc: 'ICAO Belarusian Я', input: 'СВЯТЛАНА', scheme: 'icao-be', want: 'SVIATLANA' },
    { desc: 'ICAO Belarusian Г', input: 'Ігар', scheme: 'icao-be', want: 'IHAR' },
    {
      desc: 'ICAO Russian',
      input: 'Ярошенко Константин Владимирович',
      scheme: 'icao',
      want: 'IAROSHENKO KONSTANTIN VLADIMIROVICH',
    },
    { desc: 'ICAO Ъ', input: 'Объедков', scheme: 'icao', want: 'OBIEEDKOV' },
    { desc: 'pre-2010 Russian', input: 'Ярошенко Дмитрий', scheme: 'ru-1997', want: 'YAROSHENKO DMITRIY' },
    { desc: 'Latin homoglyph inside Cyrillic', input: 'Иванoв', scheme: 'icao', want: 'IVANOV' },
  ];
  for (const c of cases) it(c.desc, () => assert.equal(tr(c.input, c.scheme), c.want));
});

describe('phoneticFold', () => {
  const same = [
    ['IAROSHENKO', 'YAROSHENKO'],
    ['OLEG', 'OLEH'],
    ['DMITRII', 'DMITRY'],
    ['MARIIA', 'MARIA'],
    ['KHARKIV', 'HARKIV'],
  ];
  for (const [a, b] of same) it(`${a} ~ ${b}`, () => assert.equal(phoneticFold(a!), phoneticFold(b!)));
  it('keeps Oleksandr and Aleksandr apart', () =>
    assert.notEqual(phoneticFold('OLEKSANDR'), phoneticFold('ALEKSANDR')));
});

describe('personKeys', () => {
  it('binds every key to the date of birth', () => {
    for (const k of personKeys({ name: 'Иван Петров', dob: '1970-01-02' }))
      assert.match(k.key, /\|1970(-01-02)?$/);
  });
  it('has no exact key without a date of birth', () => {
    assert.ok(personKeys({ name: 'Иван Петров' }).every((k) => k.strength === 'loose'));
  });
  const bad = [
    { desc: 'empty name', rec: { name: ' , ' } },
    { desc: 'bad dob format', rec: { name: 'Ivan Petrov', dob: '02.01.1970' } },
    { desc: 'impossible date', rec: { name: 'Ivan Petrov', dob: '1970-02-30' } },
  ];
  for (const b of bad) {
    it(`rejects ${b.desc} with PSI_INPUT_INVALID and no input in the message`, () => {
      assert.throws(
        () => personKeys(b.rec),
        (e: unknown) =>
          e instanceof PsiError && e.code === 'PSI_INPUT_INVALID' && !e.message.includes('Petrov'),
      );
    });
  }
  it('ignores token order (property)', () => {
    const token = fc.constantFrom(
      'Иван',
      'Петров',
      'Olga',
      'Смирнова',
      'Ганна',
      'Шевченко',
      'Ivanovich',
      'Сергеевна',
      'Ярошенко',
    );
    fc.assert(
      fc.property(fc.uniqueArray(token, { minLength: 1, maxLength: 4 }), fc.integer(), (tokens, seed) => {
        const shuffled = [...tokens].sort(
          (x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7),
        );
        const k1 = personKeys({ name: tokens.join(' '), dob: '1970' })
          .map((k) => `${k.strength} ${k.key}`)
          .sort();
        const k2 = personKeys({ name: shuffled.join(' '), dob: '1970' })
          .map((k) => `${k.strength} ${k.key}`)
          .sort();
        assert.deepEqual(k1, k2);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a comparison of person lists', () => {
  it("'Ярошенко Константин Владимирович, 1968' meets 'Konstantin Yaroshenko, 1968' through PSI", async () => {
    const ours = buildPersonList([
      { name: 'Петров Иван', dob: '1971-05-05' },
      { name: 'Ярошенко Константин Владимирович', dob: '1968-03-21' },
    ]);
    const theirs = buildPersonList([
      { name: 'Konstantin Yaroshenko', dob: '1968-03-21' },
      { name: 'Olga Smirnova', dob: '1980' },
    ]);
    const r = await runPsiInProcess({
      initiatorItems: ours.items,
      responderItems: theirs.items,
      kind: 'persons',
      engine: createLocalEngine(),
      initiatorRng: secureRandomBytes,
      responderRng: secureRandomBytes,
    });
    // Our record has a patronymic theirs lacks: review. Theirs matched on everything it holds.
    assert.deepEqual(personMatches(ours, r.initiator!.matches!), [{ record: 1, status: 'needs-review' }]);
    assert.deepEqual(personMatches(theirs, r.responder!.matches!), [{ record: 0, status: 'match' }]);
  });
});
