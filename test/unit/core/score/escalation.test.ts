import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escalateForDesignated } from '../../../../src/core/score/index.js';
import type { DesignationMatch } from '../../../../src/core/ci/index.js';

const base = { party: 'identity--a', version: 3, taxonomy: 'us-ppd21', sector: 'us-food-and-agriculture' };
const ipMatch: DesignationMatch = {
  ...base,
  kind: 'ipv4',
  assetId: 'plant-1',
  assetName: 'Plant 1',
  entry: '198.51.100.0/24',
  confidence: 'exact',
};
const weakSector: DesignationMatch = {
  ...base,
  kind: 'sector',
  entry: 'us-food-and-agriculture',
  confidence: 'uncertain',
  via: 'retail',
};

describe('escalateForDesignated', () => {
  it('leaves a score without matches alone', () => {
    const e = escalateForDesignated(30, []);
    assert.equal(e.escalated, false);
    assert.equal(e.score, 30);
  });
  it('adds a quarter of the headroom: 60 → 70', () => {
    const e = escalateForDesignated(60, [ipMatch]);
    assert.equal(e.score, 70);
    assert.equal(e.level, 4);
    assert.deepEqual(e.applied, [ipMatch]);
  });
  it('lifts a low score to the floor of Medium: 10 → 40', () => {
    assert.equal(escalateForDesignated(10, [ipMatch]).score, 40);
  });
  it('does not escalate on an uncertain sector mapping, but reports it', () => {
    const e = escalateForDesignated(10, [weakSector]);
    assert.equal(e.escalated, false);
    assert.deepEqual(e.ignored, [weakSector]);
  });
  it('never exceeds 100', () => assert.equal(escalateForDesignated(100, [ipMatch]).score, 100));
});
