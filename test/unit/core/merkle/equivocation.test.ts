import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkpointsConflict,
  createNoteVerifier,
  signCheckpoint,
  verifyCheckpointEquivocation,
  type Checkpoint,
} from '../../../../src/core/merkle/index.js';
import { ParleyError } from '../../../../src/core/errors.js';
import { keyPairFromSeed } from '../../../../src/core/sig/index.js';
import { ReferenceTree, leafHashes } from './reference.js';

const origin = 'parley/channel--x/identity--y';
const honest = new ReferenceTree(leafHashes(13));
// Another history that shares the first 5 leaves and then diverges.
const forked = new ReferenceTree([...leafHashes(5), ...leafHashes(8, 'other')]);
const cp = (t: ReferenceTree, size: number): Checkpoint => ({
  origin,
  size,
  rootHash: t.mth(0, size),
  extensions: [],
});

describe('checkpointsConflict', () => {
  it('same size: conflict exactly when the roots differ', () => {
    assert.equal(checkpointsConflict(cp(honest, 9), cp(forked, 9)), true);
    assert.equal(checkpointsConflict(cp(honest, 9), cp(honest, 9)), false);
    assert.equal(checkpointsConflict(cp(honest, 5), cp(forked, 5)), false, 'the shared prefix agrees');
  });

  it('different sizes: needs a witness from the larger tree', () => {
    const small = cp(forked, 7);
    const large = cp(honest, 12);
    assert.equal(checkpointsConflict(small, large), false, 'no witness, no judgement');
    const witness = { root: honest.mth(0, 7), proof: honest.proof(7, 12) };
    assert.equal(checkpointsConflict(small, large, witness), true);
    assert.equal(checkpointsConflict(large, small, witness), true, 'order does not matter');
    assert.equal(checkpointsConflict(cp(honest, 7), large, witness), false, 'a consistent pair');
    const bogus = { root: forked.mth(0, 8), proof: honest.proof(7, 12) };
    assert.equal(
      checkpointsConflict(small, large, bogus),
      false,
      'a proof that does not verify proves nothing',
    );
  });

  it('other origins never conflict', () => {
    assert.equal(checkpointsConflict(cp(honest, 9), { ...cp(forked, 9), origin: 'parley/other' }), false);
  });
});

describe('verifyCheckpointEquivocation', () => {
  const kp = keyPairFromSeed(new Uint8Array(32).fill(7));
  const signer = { name: 'identity--y', privateKey: kp.privateKey, publicKey: kp.publicKey };
  const verifiers = [createNoteVerifier('identity--y', kp.publicKey)];

  it('two notes by one key for one size with different roots are equivocation', () => {
    const r = verifyCheckpointEquivocation(
      signCheckpoint(cp(honest, 9), signer),
      signCheckpoint(cp(forked, 9), signer),
      verifiers,
      origin,
    );
    assert.equal(r.conflict, true);
    assert.equal(r.first.size, 9);
  });

  it('a note not signed by the key is refused, not judged', () => {
    const other = keyPairFromSeed(new Uint8Array(32).fill(8));
    const forged = signCheckpoint(cp(forked, 9), {
      ...signer,
      privateKey: other.privateKey,
      publicKey: other.publicKey,
    });
    assert.throws(
      () => verifyCheckpointEquivocation(signCheckpoint(cp(honest, 9), signer), forged, verifiers, origin),
      (e: unknown) => e instanceof ParleyError,
    );
  });
});
