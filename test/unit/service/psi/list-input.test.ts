import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guessFormat, parseCsv, prepareList } from '../../../../src/service/psi/index.js';

describe('parseCsv', () => {
  const cases = [
    {
      desc: 'plain rows',
      input: 'a,b\nc,d\n',
      want: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    },
    {
      desc: 'quoted commas, quotes and newlines',
      input: '"x, y","say ""hi""","two\nlines"',
      want: [['x, y', 'say "hi"', 'two\nlines']],
    },
    { desc: 'CRLF and blank lines', input: 'a\r\n\r\nb\r\n', want: [['a'], ['b']] },
  ];
  for (const c of cases) it(c.desc, () => assert.deepEqual(parseCsv(c.input), c.want));
  it('refuses an unterminated quote', () =>
    assert.throws(() => parseCsv('"abc'), { code: 'PSI_INPUT_INVALID' }));
});

describe('prepareList', () => {
  it('reads indicators from CSV with a header, normalised; duplicates stay separate rows', () => {
    const l = prepareList(
      'indicators',
      'value,type\nEvil.Example.,domain\nevil.example,\nhxxp://x[.]example/a,url\n',
      'csv',
    );
    assert.equal(l.entries, 3);
    const keys = l.items.map((b) => new TextDecoder().decode(b));
    assert.equal(keys[0], keys[1]);
    assert.deepEqual(
      l.matchesOf([2, 0, 0]).map((m) => m.entry),
      [0, 2],
    );
  });

  it('reads headerless CSV and JSON strings', () => {
    assert.equal(prepareList('indicators', '203.0.113.1\n2001:DB8::1\n', 'csv').entries, 2);
    assert.equal(prepareList('persons', '["Konstantin Yaroshenko"]', 'json').entries, 1);
  });

  it('turns a person list into several keys per person, and matches back into rows with their status', () => {
    const l = prepareList(
      'persons',
      'surname,given,patronymic,dob\nЯрошенко,Константин,Владимирович,1968-03-21\n',
      'csv',
    );
    assert.ok(l.items.length > 3);
    const exact = l.items.findIndex(
      (b) =>
        new TextDecoder().decode(b).startsWith('n|') &&
        new TextDecoder().decode(b).split('|')[1]!.split(' ').length === 3,
    );
    assert.deepEqual(l.matchesOf([exact]), [
      { entry: 0, label: 'Константин Владимирович Ярошенко, 1968-03-21', status: 'match' },
    ]);
  });

  const bad = [
    { desc: 'an invalid indicator', kind: 'indicators', text: 'value\nnot a domain!\n', format: 'csv' },
    {
      desc: 'an unknown indicator type',
      kind: 'indicators',
      text: '[{"value":"x.example","type":"onion"}]',
      format: 'json',
    },
    { desc: 'a person without a name', kind: 'persons', text: 'dob\n1970\n', format: 'csv' },
    {
      desc: 'a bad date of birth',
      kind: 'persons',
      text: '[{"name":"A B","dob":"1970-13-01"}]',
      format: 'json',
    },
    { desc: 'broken JSON', kind: 'persons', text: '[{', format: 'json' },
  ] as const;
  for (const c of bad) {
    it(`refuses ${c.desc}, naming the row but not the value`, () => {
      assert.throws(
        () => prepareList(c.kind, c.text, c.format),
        (e: Error & { code?: string }) =>
          e.code === 'PSI_INPUT_INVALID' &&
          !e.message.includes('not a domain') &&
          !e.message.includes('x.example'),
      );
    });
  }

  it('guesses the format from the name or the first character', () => {
    assert.equal(guessFormat('a.json', ''), 'json');
    assert.equal(guessFormat('a.txt', ' [1]'), 'json');
    assert.equal(guessFormat('a.txt', 'name\n'), 'csv');
  });
});
