import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  consistencyProofPlan,
  inclusionProofPlan,
  proofFromNodes,
  rangeNodes,
  rootFromNodes,
  rootPlan,
  emptyRoot,
  type ProofPlan,
} from '../../../../src/core/merkle/index.js';
import { ReferenceTree, fetch, hex, leafHashes, storedNodes } from './reference.js';

const N_INCLUSION = 128;
const N_CONSISTENCY = 64;
const leaves = leafHashes(N_INCLUSION);
const ref = new ReferenceTree(leaves);
const stored = storedNodes(leaves);

function build(plan: ProofPlan, size: number): Uint8Array[] {
  const proof = proofFromNodes(plan, fetch(stored, plan.nodes, size));
  assert.equal(proof.length, plan.proofLength);
  return proof;
}

describe('inclusionProofPlan', () => {
  it(`matches RFC 9162 PATH for every n <= ${N_INCLUSION} and i < n`, () => {
    for (let n = 1; n <= N_INCLUSION; n++) {
      for (let i = 0; i < n; i++) {
        const got = build(inclusionProofPlan(i, n), n).map(hex);
        assert.deepEqual(got, ref.path(i, 0, n).map(hex), `i=${i} n=${n}`);
      }
    }
  });

  it('fetches O(log n) nodes even for huge trees', () => {
    const size = 2 ** 53 - 1;
    for (const index of [0, 1, 2 ** 40, size - 2, size - 1, 123_456_789_012]) {
      const plan = inclusionProofPlan(index, size);
      assert.ok(plan.nodes.length <= 2 * 53, `${plan.nodes.length} nodes for index ${index}`);
      for (const id of plan.nodes) assert.ok((id.index + 1) * 2 ** id.level <= size, 'node past the tree');
    }
  });

  describe('when the index or size is invalid', () => {
    const cases: Array<{ desc: string; index: number; size: number }> = [
      { desc: 'index == size', index: 5, size: 5 },
      { desc: 'index > size', index: 6, size: 5 },
      { desc: 'empty tree', index: 0, size: 0 },
      { desc: 'negative index', index: -1, size: 5 },
      { desc: 'fractional index', index: 1.5, size: 5 },
      { desc: 'unsafe size', index: 0, size: 2 ** 53 },
      { desc: 'NaN size', index: 0, size: Number.NaN },
    ];
    for (const c of cases) {
      it(`throws RangeError: ${c.desc}`, () =>
        assert.throws(() => inclusionProofPlan(c.index, c.size), RangeError));
    }
    it('names the numbers', () => assert.throws(() => inclusionProofPlan(7, 5), /7.*5/));
  });
});

describe('consistencyProofPlan', () => {
  it(`matches RFC 9162 PROOF for every 0 < n1 <= n2 <= ${N_CONSISTENCY}`, () => {
    for (let n2 = 1; n2 <= N_CONSISTENCY; n2++) {
      for (let n1 = 1; n1 <= n2; n1++) {
        const got = build(consistencyProofPlan(n1, n2), n2).map(hex);
        assert.deepEqual(got, ref.proof(n1, n2).map(hex), `n1=${n1} n2=${n2}`);
      }
    }
  });

  describe('when the sizes are invalid', () => {
    const cases: Array<{ desc: string; size1: number; size2: number }> = [
      { desc: 'size1 > size2', size1: 5, size2: 4 },
      { desc: 'size1 == 0', size1: 0, size2: 4 },
      { desc: 'both zero', size1: 0, size2: 0 },
      { desc: 'negative', size1: -1, size2: 4 },
      { desc: 'unsafe size2', size1: 1, size2: 2 ** 53 + 2 },
    ];
    for (const c of cases) {
      it(`throws RangeError: ${c.desc}`, () =>
        assert.throws(() => consistencyProofPlan(c.size1, c.size2), RangeError));
    }
  });
});

describe('rootPlan / rootFromNodes', () => {
  it(`gives MTH for every n <= ${N_INCLUSION}`, () => {
    for (let n = 0; n <= N_INCLUSION; n++) {
      const plan = rootPlan(n);
      assert.equal(hex(rootFromNodes(plan, fetch(stored, plan.nodes, n))), hex(ref.mth(0, n)), `n=${n}`);
    }
  });
  it('gives the empty root for size 0', () => assert.deepEqual(rootFromNodes(rootPlan(0), []), emptyRoot()));
});

describe('rangeNodes', () => {
  it('covers [begin, end) exactly with aligned perfect subtrees, O(log n) of them', () => {
    for (let begin = 0; begin <= 70; begin++) {
      for (let end = begin; end <= 70; end++) {
        let at = begin;
        const ids = rangeNodes(begin, end);
        for (const id of ids) {
          assert.equal(id.index * 2 ** id.level, at);
          at += 2 ** id.level;
        }
        assert.equal(at, end);
        assert.ok(ids.length <= 2 * 7);
      }
    }
  });
  it('throws RangeError when begin > end', () => assert.throws(() => rangeNodes(3, 2), RangeError));
});

describe('proofFromNodes', () => {
  const plan = inclusionProofPlan(0, 7);
  const hashes = fetch(stored, plan.nodes, 7);
  it('throws RangeError on a wrong hash count', () => {
    assert.throws(() => proofFromNodes(plan, hashes.slice(1)), RangeError);
    assert.throws(() => proofFromNodes(plan, [...hashes, hashes[0]!]), RangeError);
  });
  it('throws RangeError on a hash that is not 32 bytes', () => {
    assert.throws(() => proofFromNodes(plan, [...hashes.slice(0, -1), new Uint8Array(31)]), RangeError);
  });
  it('does not modify the fetched hashes', () => {
    const copy = hashes.map((h) => hex(h));
    proofFromNodes(plan, hashes);
    assert.deepEqual(hashes.map(hex), copy);
  });
});
