import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  consistencyProofPlan,
  emptyRoot,
  inclusionProofPlan,
  proofFromNodes,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  rootFromNodes,
  rootPlan,
  verifyConsistency,
  verifyInclusion,
} from '../../../../src/core/merkle/index.js';
import { VerificationError, type VerificationCode } from '../../../../src/core/errors.js';
import { consistencyShape, fetch, hex, inclusionShape, leafHashes, storedNodes } from './reference.js';

const MAX = 600;
const leaves = leafHashes(MAX, 'verify');
const stored = storedNodes(leaves, 64);
const rootCache = new Map<number, Uint8Array>();

function root(n: number): Uint8Array {
  let r = rootCache.get(n);
  if (!r) {
    const plan = rootPlan(n);
    r = rootFromNodes(plan, fetch(stored, plan.nodes, n));
    rootCache.set(n, r);
  }
  return r;
}
const inclusion = (i: number, n: number): Uint8Array[] => {
  const plan = inclusionProofPlan(i, n);
  return proofFromNodes(plan, fetch(stored, plan.nodes, n));
};
const consistency = (n1: number, n2: number): Uint8Array[] => {
  const plan = consistencyProofPlan(n1, n2);
  return proofFromNodes(plan, fetch(stored, plan.nodes, n2));
};

function flip(b: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(b);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}
/** n with bit b toggled, for b <= 52 (stays a safe integer). */
function flipNumber(n: number, b: number): number {
  const p = 2 ** b;
  return Math.floor(n / p) % 2 === 1 ? n - p : n + p;
}

function code(fn: () => void): VerificationCode | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    assert.ok(e instanceof VerificationError, `expected a VerificationError, got ${String(e)}`);
    return e.code;
  }
}
const ok = (fn: () => void): boolean => code(fn) === undefined;

describe('verifyInclusion', () => {
  it('accepts every planned proof for every n <= 256 and i < n', () => {
    for (let n = 1; n <= 256; n++) {
      for (let i = 0; i < n; i++) verifyInclusion(leaves[i]!, i, n, inclusion(i, n), root(n));
    }
  });

  it('rootFromInclusionProof only computes the root', () => {
    assert.equal(hex(rootFromInclusionProof(leaves[5]!, 5, 11, inclusion(5, 11))), hex(root(11)));
    assert.equal(hex(rootFromInclusionProof(leaves[5]!, 5, 11, inclusion(4, 11))) === hex(root(11)), false);
  });

  describe('edge cases', () => {
    const p = inclusion(3, 7);
    const cases: Array<{ desc: string; run: () => void; want: VerificationCode | undefined }> = [
      { desc: 'a valid proof', run: () => verifyInclusion(leaves[3]!, 3, 7, p, root(7)), want: undefined },
      {
        desc: 'a single-leaf tree, empty proof',
        run: () => verifyInclusion(leaves[0]!, 0, 1, [], leaves[0]!),
        want: undefined,
      },
      {
        desc: 'index == size',
        run: () => verifyInclusion(leaves[3]!, 7, 7, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'index > size',
        run: () => verifyInclusion(leaves[3]!, 9, 7, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'size 0',
        run: () => verifyInclusion(leaves[0]!, 0, 0, [], emptyRoot()),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'negative index',
        run: () => verifyInclusion(leaves[3]!, -1, 7, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'unsafe index',
        run: () => verifyInclusion(leaves[3]!, 2 ** 64, 2 ** 64 + 1, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'fractional size',
        run: () => verifyInclusion(leaves[3]!, 3, 7.5, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'leaf hash of 31 bytes',
        run: () => verifyInclusion(leaves[3]!.slice(1), 3, 7, p, root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'proof one hash short',
        run: () => verifyInclusion(leaves[3]!, 3, 7, p.slice(1), root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'proof one hash long',
        run: () => verifyInclusion(leaves[3]!, 3, 7, [...p, p[0]!], root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'proof hash of 33 bytes',
        run: () => verifyInclusion(leaves[3]!, 3, 7, [...p.slice(1), new Uint8Array(33)], root(7)),
        want: 'INCLUSION_PROOF_INVALID',
      },
      {
        desc: 'another root',
        run: () => verifyInclusion(leaves[3]!, 3, 7, p, root(8)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'a short root',
        run: () => verifyInclusion(leaves[3]!, 3, 7, p, root(7).slice(0, 31)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'another leaf',
        run: () => verifyInclusion(leaves[4]!, 3, 7, p, root(7)),
        want: 'ROOT_MISMATCH',
      },
    ];
    for (const c of cases) it(`${c.desc} → ${c.want ?? 'ok'}`, () => assert.equal(code(c.run), c.want));
  });

  it('property: every proof of every prefix of a 600-leaf log verifies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([n, i]) => {
          verifyInclusion(leaves[i]!, i, n, inclusion(i, n), root(n));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every single-bit flip of a proof hash, the root or the leaf fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([n, i]) => {
          const proof = inclusion(i, n);
          const leaf = leaves[i]!;
          for (let k = 0; k < proof.length; k++) {
            for (let bit = 0; bit < 256; bit++) {
              const bad = proof.map((x, j) => (j === k ? flip(x, bit) : x));
              assert.equal(
                code(() => verifyInclusion(leaf, i, n, bad, root(n))),
                'ROOT_MISMATCH',
              );
            }
          }
          for (let bit = 0; bit < 256; bit++) {
            assert.equal(
              code(() => verifyInclusion(leaf, i, n, proof, flip(root(n), bit))),
              'ROOT_MISMATCH',
            );
            assert.equal(
              code(() => verifyInclusion(flip(leaf, bit), i, n, proof, root(n))),
              'ROOT_MISMATCH',
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: a bit flip of the size or index verifies only when it leaves the RFC PATH shape unchanged', () => {
    // RFC 9162 does not bind the tree size into the root: (i, n) and (i, n') whose paths have the
    // same left/right pattern hash a proof identically. Anything else must fail.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([n, i]) => {
          const proof = inclusion(i, n);
          const shape = inclusionShape(i, n);
          for (let b = 0; b <= 52; b++) {
            const n2 = flipNumber(n, b);
            const i2 = flipNumber(i, b);
            const sizeSame = i < n2 && inclusionShape(i, n2) === shape;
            const indexSame = i2 < n && inclusionShape(i2, n) === shape;
            assert.equal(
              ok(() => verifyInclusion(leaves[i]!, i, n2, proof, root(n))),
              sizeSame,
              `size ${n}→${n2}`,
            );
            assert.equal(
              ok(() => verifyInclusion(leaves[i]!, i2, n, proof, root(n))),
              indexSame,
              `index ${i}→${i2}`,
            );
            assert.equal(indexSame, false, 'distinct leaves never share a path shape');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: a proof with a hash removed or added fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        ([n, i], extra) => {
          const proof = inclusion(i, n);
          for (let k = 0; k < proof.length; k++) {
            const removed = proof.filter((_, j) => j !== k);
            assert.equal(
              ok(() => verifyInclusion(leaves[i]!, i, n, removed, root(n))),
              false,
            );
          }
          for (let k = 0; k <= proof.length; k++) {
            for (const add of [extra, proof[k] ?? extra]) {
              const added = [...proof.slice(0, k), add, ...proof.slice(k)];
              assert.equal(
                ok(() => verifyInclusion(leaves[i]!, i, n, added, root(n))),
                false,
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('verifyConsistency', () => {
  it('accepts every planned proof for every 0 < n1 <= n2 <= 128', () => {
    for (let n2 = 1; n2 <= 128; n2++) {
      for (let n1 = 1; n1 <= n2; n1++) verifyConsistency(n1, n2, consistency(n1, n2), root(n1), root(n2));
    }
  });

  it('rootFromConsistencyProof returns the new root after checking the old one', () => {
    assert.equal(hex(rootFromConsistencyProof(6, 13, consistency(6, 13), root(6))), hex(root(13)));
    assert.equal(
      code(() => rootFromConsistencyProof(6, 13, consistency(6, 13), root(7))),
      'ROOT_MISMATCH',
    );
  });

  describe('edge cases', () => {
    const p = consistency(6, 13);
    const cases: Array<{ desc: string; run: () => void; want: VerificationCode | undefined }> = [
      { desc: 'a valid proof', run: () => verifyConsistency(6, 13, p, root(6), root(13)), want: undefined },
      {
        desc: 'power-of-two size1',
        run: () => verifyConsistency(8, 13, consistency(8, 13), root(8), root(13)),
        want: undefined,
      },
      {
        desc: 'size1 == size2, empty proof',
        run: () => verifyConsistency(9, 9, [], root(9), root(9)),
        want: undefined,
      },
      {
        desc: 'size1 == size2 == 0, empty roots',
        run: () => verifyConsistency(0, 0, [], emptyRoot(), emptyRoot()),
        want: undefined,
      },
      {
        desc: 'size1 == size2 == 0, other roots',
        run: () => verifyConsistency(0, 0, [], root(1), root(1)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'size1 == size2, other roots',
        run: () => verifyConsistency(9, 9, [], root(9), root(8)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'size1 == size2, non-empty proof',
        run: () => verifyConsistency(9, 9, [root(1)], root(9), root(9)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'size1 == 0 < size2',
        run: () => verifyConsistency(0, 13, [], emptyRoot(), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'size1 > size2',
        run: () => verifyConsistency(13, 6, p, root(13), root(6)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'empty proof',
        run: () => verifyConsistency(6, 13, [], root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'proof one hash short',
        run: () => verifyConsistency(6, 13, p.slice(1), root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'proof one hash long',
        run: () => verifyConsistency(6, 13, [...p, p[0]!], root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'proof hash of 0 bytes',
        run: () => verifyConsistency(6, 13, [new Uint8Array(0), ...p.slice(1)], root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'unsafe size2',
        run: () => verifyConsistency(6, 2 ** 64, p, root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'NaN size1',
        run: () => verifyConsistency(Number.NaN, 13, p, root(6), root(13)),
        want: 'CONSISTENCY_PROOF_INVALID',
      },
      {
        desc: 'wrong old root',
        run: () => verifyConsistency(6, 13, p, root(5), root(13)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'wrong new root',
        run: () => verifyConsistency(6, 13, p, root(6), root(12)),
        want: 'ROOT_MISMATCH',
      },
      {
        desc: 'swapped roots',
        run: () => verifyConsistency(6, 13, p, root(13), root(6)),
        want: 'ROOT_MISMATCH',
      },
    ];
    for (const c of cases) it(`${c.desc} → ${c.want ?? 'ok'}`, () => assert.equal(code(c.run), c.want));
  });

  const sizes = fc
    .integer({ min: 2, max: MAX })
    .chain((n2) => fc.tuple(fc.integer({ min: 1, max: n2 - 1 }), fc.constant(n2)));

  it('property: every consistency proof between prefixes of a 600-leaf log verifies', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: MAX })
          .chain((n2) => fc.tuple(fc.integer({ min: 1, max: n2 }), fc.constant(n2))),
        ([n1, n2]) => {
          verifyConsistency(n1, n2, consistency(n1, n2), root(n1), root(n2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every single-bit flip of a proof hash or either root fails', () => {
    fc.assert(
      fc.property(sizes, ([n1, n2]) => {
        const proof = consistency(n1, n2);
        for (let k = 0; k < proof.length; k++) {
          for (let bit = 0; bit < 256; bit++) {
            const bad = proof.map((x, j) => (j === k ? flip(x, bit) : x));
            assert.equal(
              code(() => verifyConsistency(n1, n2, bad, root(n1), root(n2))),
              'ROOT_MISMATCH',
            );
          }
        }
        for (let bit = 0; bit < 256; bit++) {
          assert.equal(
            code(() => verifyConsistency(n1, n2, proof, flip(root(n1), bit), root(n2))),
            'ROOT_MISMATCH',
          );
          assert.equal(
            code(() => verifyConsistency(n1, n2, proof, root(n1), flip(root(n2), bit))),
            'ROOT_MISMATCH',
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it('property: a bit flip of either size verifies only when it leaves the RFC PROOF shape unchanged', () => {
    fc.assert(
      fc.property(sizes, ([n1, n2]) => {
        const proof = consistency(n1, n2);
        const shape = consistencyShape(n1, n2);
        const same = (m: number, n: number): boolean => m > 0 && m < n && consistencyShape(m, n) === shape;
        for (let b = 0; b <= 52; b++) {
          const m = flipNumber(n1, b);
          const n = flipNumber(n2, b);
          assert.equal(
            ok(() => verifyConsistency(m, n2, proof, root(n1), root(n2))),
            same(m, n2),
            `size1 ${n1}→${m}`,
          );
          assert.equal(
            ok(() => verifyConsistency(n1, n, proof, root(n1), root(n2))),
            same(n1, n),
            `size2 ${n2}→${n}`,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: a proof with a hash removed or added fails', () => {
    fc.assert(
      fc.property(sizes, fc.uint8Array({ minLength: 32, maxLength: 32 }), ([n1, n2], extra) => {
        const proof = consistency(n1, n2);
        for (let k = 0; k < proof.length; k++) {
          const removed = proof.filter((_, j) => j !== k);
          assert.equal(
            ok(() => verifyConsistency(n1, n2, removed, root(n1), root(n2))),
            false,
          );
        }
        for (let k = 0; k <= proof.length; k++) {
          for (const add of [extra, proof[k] ?? extra, root(n1)]) {
            const added = [...proof.slice(0, k), add, ...proof.slice(k)];
            assert.equal(
              ok(() => verifyConsistency(n1, n2, added, root(n1), root(n2))),
              false,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
