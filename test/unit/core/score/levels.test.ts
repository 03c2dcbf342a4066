import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LEVEL_BANDS,
  MISP_PRIORITY_LEVEL_BANDS,
  createLevelBands,
  levelFromScore,
} from '../../../../src/core/score/index.js';
import { ValidationError } from '../../../../src/core/errors.js';

describe('levelFromScore', () => {
  const table: [number, number][] = [
    [0, 0],
    [19.99, 0],
    [20, 1],
    [39.9, 1],
    [40, 2],
    [55, 3],
    [69.99, 3],
    [70, 4],
    [85, 5],
    [100, 5],
  ];
  for (const [score, level] of table) {
    it(`maps ${score} to level ${level} under the default bands`, () =>
      assert.equal(levelFromScore(score, DEFAULT_LEVEL_BANDS), level));
  }
  it('maps by MISP values when asked: Emergency only at 100', () => {
    assert.equal(levelFromScore(99.9, MISP_PRIORITY_LEVEL_BANDS), 4);
    assert.equal(levelFromScore(100, MISP_PRIORITY_LEVEL_BANDS), 5);
  });
  it('never calls a band published', () => assert.equal(DEFAULT_LEVEL_BANDS.published, false));
  it('refuses bands that do not rise', () => {
    assert.throws(
      () => createLevelBands([10, 10, 20, 30, 40], 'x'),
      (e: unknown) => e instanceof ValidationError && e.code === 'CONFIG_INVALID',
    );
    assert.throws(() => createLevelBands([10, 20], 'x'), ValidationError);
  });
});
