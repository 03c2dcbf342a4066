import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  PSI_SUITES,
  createLocalEngine,
  runPsiInProcess,
  psiDst,
  createPsiOffer,
} from '../../../../src/core/psi/index.js';
import { PsiError } from '../../../../src/core/errors.js';
import { secureRandomBytes } from '../../../../src/core/sig/index.js';
import { PsiWorkerPool } from '../../../../src/service/psi/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const items = (p: string, n: number) => Array.from({ length: n }, (_, i) => enc(`${p}${i}`));

describe('PsiWorkerPool', () => {
  // Small batches so that every call spans several workers and messages.
  const pool = new PsiWorkerPool({ size: 2, batch: 16 });
  after(() => pool.close());

  for (const suite of PSI_SUITES) {
    it(`computes what the in-process engine computes (${suite})`, async () => {
      const offer = createPsiOffer({ kind: 'indicators', size: 50, suite }, secureRandomBytes);
      const scalar = secureRandomBytes(32);
      scalar[31]! &= 0x0f;
      const list = items('x', 50);
      const local = createLocalEngine();
      const a = await pool.hashAndBlind(suite, psiDst(offer), list, scalar);
      assert.deepEqual(a, await local.hashAndBlind(suite, psiDst(offer), list, scalar));
      assert.deepEqual(await pool.blind(suite, a, scalar), await local.blind(suite, a, scalar));
      assert.ok(
        scalar.some((b) => b !== 0),
        'the caller keeps its scalar; workers zero only their copies',
      );
    });
  }

  it('runs a whole comparison with both parties sharing the pool', async () => {
    const r = await runPsiInProcess({
      initiatorItems: items('x', 300),
      responderItems: [...items('x', 100), ...items('y', 200)],
      engine: pool,
      initiatorRng: secureRandomBytes,
      responderRng: secureRandomBytes,
    });
    assert.equal(r.initiator?.overlap, 100);
    assert.equal(r.responder?.overlap, 100);
    assert.equal(r.wireBytes, 4 * 300 * 32);
  });

  it('reports an invalid point with its index in the whole set', async () => {
    const suite = 'curve25519_XMD:SHA-512_ELL2_NU_X25519';
    const good = await pool.hashAndBlind(suite, enc('T'), items('x', 40), secureRandomBytes(32));
    good.fill(0, 37 * 32, 38 * 32);
    await assert.rejects(
      pool.blind(suite, good, secureRandomBytes(32)),
      (e: unknown) => e instanceof PsiError && e.code === 'PSI_POINT_INVALID' && e.details?.['index'] === 37,
    );
  });

  it('refuses work after close', async () => {
    const p = new PsiWorkerPool({ size: 1 });
    await p.close();
    await assert.rejects(
      p.blind(PSI_SUITES[1], new Uint8Array(32), new Uint8Array(32)),
      (e: unknown) => e instanceof PsiError && e.code === 'PSI_STATE_INVALID',
    );
  });
});
