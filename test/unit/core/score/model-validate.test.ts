import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NCISS_DEMO_MODEL, computeIncidentScore, parseScoreModel } from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

function problemsOf(raw: unknown): string[] {
  try {
    parseScoreModel(raw);
  } catch (e) {
    assert.ok(e instanceof ValidationError);
    assert.equal(e.code, 'SCORE_MODEL_INVALID');
    return e.details?.problems as string[];
  }
  assert.fail('expected SCORE_MODEL_INVALID');
}

const small = {
  id: 'acme-cert',
  version: '2',
  name: 'ACME CERT model',
  provenance: { published: false, notional: false, source: 'ACME CERT policy 7' },
  categories: [
    {
      id: 'impact',
      name: 'Impact',
      weight: 3,
      options: [
        { id: 'none', name: 'None', value: 0 },
        { id: 'total', name: 'Total', value: 10 },
      ],
    },
    {
      id: 'actor',
      name: 'Actor',
      weight: 1,
      options: [
        { id: 'kid', name: 'Kid', value: 2 },
        { id: 'state', name: 'State', value: 6 },
      ],
      fallback: { option: 'kid', reason: 'assume the least' },
    },
  ],
  bands: { lowerBounds: [10, 30, 50, 70, 90] },
};

describe('parseScoreModel', () => {
  it('accepts the default model round-tripped through JSON', () => {
    const m = parseScoreModel(JSON.parse(JSON.stringify(NCISS_DEMO_MODEL)));
    assert.deepEqual(computeIncidentScore(m, {}).score, computeIncidentScore(NCISS_DEMO_MODEL, {}).score);
  });

  it('accepts a party model and scores with its own bands', () => {
    const m = parseScoreModel(small);
    // impact total (3·10) + actor fallback kid (1·2): (32 − 2)/(36 − 2) = 88.2… → level 4 under [10,30,50,70,90].
    const s = computeIncidentScore(m, { impact: 'total' });
    assert.ok(Math.abs(s.score - 3000 / 34) < 1e-9);
    assert.equal(s.level, 4);
    assert.equal(m.bands.published, false);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case breaks the model in its own way
  const cases: { desc: string; mutate: (m: any) => void; want: RegExp[] }[] = [
    { desc: 'not an object', mutate: () => undefined, want: [] },
    { desc: 'missing provenance', mutate: (m) => delete m.provenance, want: [/^provenance/] },
    {
      desc: 'duplicate category and negative weight',
      mutate: (m) => {
        m.categories[1].id = 'impact';
        m.categories[0].weight = -1;
      },
      want: [/duplicate category id "impact"/, /weight: expected a number >= 0/],
    },
    {
      desc: 'unknown fallback and duplicate option',
      mutate: (m) => {
        m.categories[1].fallback.option = 'alien';
        m.categories[0].options[1].id = 'none';
      },
      want: [/fallback.option: unknown option "alien"/, /duplicate option id "none"/],
    },
    {
      desc: 'derive table pointing nowhere',
      mutate: (m) => {
        m.categories[0].derive = [
          { from: 'sectors', map: { energy: 'ghost' } },
          { from: 'tea-leaves', map: {} },
        ];
      },
      want: [/map\["energy"\]: unknown option "ghost"/, /derive\[1\].from/],
    },
    {
      desc: 'all option values equal',
      mutate: (m) => {
        for (const c of m.categories) for (const o of c.options) o.value = 5;
      },
      want: [/maximum possible sum must exceed/],
    },
    {
      desc: 'bands out of order',
      mutate: (m) => {
        m.bands.lowerBounds = [10, 5, 50, 70, 101];
      },
      want: [/lowerBounds\[1\]: 5 is not above/, /lowerBounds\[4\]: expected a number in \(0, 100\]/],
    },
    {
      desc: 'non-finite option value',
      mutate: (m) => {
        m.categories[0].options[0].value = 'high';
      },
      want: [/value: expected a finite number/],
    },
  ];
  for (const c of cases) {
    it(`lists every problem: ${c.desc}`, () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
      const m = structuredClone(small) as any;
      const raw = c.desc === 'not an object' ? 42 : (c.mutate(m), m);
      const problems = problemsOf(raw);
      assert.ok(problems.length >= Math.max(1, c.want.length), problems.join('\n'));
      for (const re of c.want)
        assert.ok(
          problems.some((p) => re.test(p)),
          `${re} not in ${problems.join(' | ')}`,
        );
    });
  }
});
