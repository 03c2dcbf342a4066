import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  NCISS_DEMO_MODEL,
  computeIncidentScore,
  levelFromScore,
  type ScoreInputs,
} from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

const M = NCISS_DEMO_MODEL;
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

function extreme(pick: 'min' | 'max'): ScoreInputs {
  return Object.fromEntries(
    M.categories.map((c) => {
      const sorted = [...c.options].sort((a, b) => a.value - b.value);
      return [c.id, (pick === 'min' ? sorted[0] : sorted[sorted.length - 1])!.id];
    }),
  );
}

describe('computeIncidentScore with the NCISS demo configuration', () => {
  // Demo weights 6,5,4,4,2,4,3,6. Min sum = 4·30 + 4·20 + 4·20 + 3·15 = 325; max sum = 100·34 = 3400.
  it('scores the lowest answers 0 (Baseline)', () => {
    const s = computeIncidentScore(M, extreme('min'));
    assert.equal(s.score, 0);
    assert.equal(s.level, 0);
    assert.equal(s.minSum, 325);
    assert.equal(s.maxSum, 3400);
  });

  it('scores the highest answers 100 (Emergency)', () => {
    const s = computeIncidentScore(M, extreme('max'));
    assert.equal(s.score, 100);
    assert.equal(s.levelName, 'emergency');
  });

  it('scores a criminal ransomware incident at a food company by hand', () => {
    // 6·70 + 5·100 + 4·40 + 4·40 + 2·10 + 4·40 + 3·20 + 6·50 = 1780; (1780 − 325)/(3400 − 325) = 47.317…
    const s = computeIncidentScore(M, {
      functional_impact: 'significant-impact-to-critical-services',
      observed_activity: 'effect',
      location_of_observed_activity: 'level-2-business-network',
      actor_characterization: 'criminal',
      information_impact: 'suspected-but-not-identified',
      recoverability: 'supplemented',
      cross_sector_dependency: 'agriculture-and-food',
      potential_impact: 'moderate',
    });
    assert.equal(s.weightedSum, 1780);
    close(s.score, (100 * 1455) / 3075);
    assert.equal(s.levelName, 'medium');
    close(
      s.categories.reduce((a, c) => a + c.contribution, 0),
      s.score,
    );
    const fi = s.categories.find((c) => c.category === 'functional_impact')!;
    close(fi.contribution, (100 * 6 * 70) / 3075);
    assert.equal(fi.derived, false);
    assert.equal(fi.basis, 'supplied');
  });

  it('derives every missing answer, marks it, and leaves an unknown sector out of the sums', () => {
    // Fallbacks: 35, engage 70, unknown 50, unknown 50, suspected 10, regular 20, (excluded), low 25.
    // weighted 1210, min 280, max 3100 → 930/2820.
    const s = computeIncidentScore(M, {});
    close(s.score, 9300 / 282);
    assert.ok(s.categories.every((c) => c.derived));
    const x = s.categories.find((c) => c.category === 'cross_sector_dependency')!;
    assert.equal(x.excluded, true);
    assert.equal(x.contribution, 0);
    assert.match(x.reason ?? '', /no victim sector/);
  });

  it('scores the highest of several answers in a multi-select category', () => {
    const one = computeIncidentScore(M, { information_impact: 'destruction-of-critical-system' });
    const many = computeIncidentScore(M, {
      information_impact: ['no-impact', 'destruction-of-critical-system', 'privacy-data-loss'],
    });
    assert.equal(many.score, one.score);
    const row = many.categories.find((c) => c.category === 'information_impact')!;
    assert.equal(row.option, 'destruction-of-critical-system');
    assert.deepEqual(row.options, ['no-impact', 'destruction-of-critical-system', 'privacy-data-loss']);
  });

  it('says where the numbers come from', () => {
    const s = computeIncidentScore(M, {});
    assert.equal(s.model.provenance.published, false);
    assert.equal(s.model.provenance.notional, true);
  });

  describe('when answers do not fit the model', () => {
    it('throws SCORE_INPUT_INVALID listing every problem', () => {
      try {
        computeIncidentScore(M, { nope: 'x', observed_activity: 'sideways', recoverability: [] });
        assert.fail('expected a throw');
      } catch (e) {
        assert.ok(e instanceof ValidationError);
        assert.equal(e.code, 'SCORE_INPUT_INVALID');
        assert.equal((e.details?.problems as string[]).length, 3);
      }
    });
  });

  it('always lands in [0, 100] with contributions summing to the score (property)', () => {
    const answer = fc.record(
      Object.fromEntries(
        M.categories.map((c) => [
          c.id,
          fc.option(
            fc.subarray(
              c.options.map((o) => o.id),
              { minLength: 1 },
            ),
            { nil: undefined },
          ),
        ]),
      ),
    );
    fc.assert(
      fc.property(answer, (a) => {
        const inputs = Object.fromEntries(
          Object.entries(a).filter(([, v]) => v !== undefined),
        ) as ScoreInputs;
        const s = computeIncidentScore(M, inputs);
        assert.ok(s.score >= 0 && s.score <= 100);
        close(
          s.categories.reduce((x, c) => x + c.contribution, 0),
          s.score,
          1e-6,
        );
        assert.equal(s.level, levelFromScore(s.score, M.bands));
      }),
    );
  });
});
