import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PSI_MODES,
  PSI_SUITES,
  PsiParty,
  createLocalEngine,
  createPsiOffer,
  psiDst,
  runPsiInProcess,
  type PsiMode,
  type PsiSuite,
} from '../../../../src/core/psi/index.js';
import { PsiError } from '../../../../src/core/errors.js';
import { secureRandomBytes } from '../../../../src/core/sig/index.js';

const engine = createLocalEngine();
const enc = (s: string) => new TextEncoder().encode(s);
const items = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => enc(`${prefix}${from + i}`));
const code = (c: string) => (e: unknown) => e instanceof PsiError && e.code === c;

/** The plain intersection, as indices into `a`, computed the obvious way. */
function expected(a: Uint8Array[], b: Uint8Array[]): number[] {
  const bs = new Set(b.map((x) => Buffer.from(x).toString('hex')));
  return a.flatMap((x, i) => (bs.has(Buffer.from(x).toString('hex')) ? [i] : []));
}
const distinct = (xs: number[], list: Uint8Array[]) =>
  new Set(xs.map((i) => Buffer.from(list[i]!).toString('hex'))).size;

const run = (a: Uint8Array[], b: Uint8Array[], mode: PsiMode, suite: PsiSuite) =>
  runPsiInProcess({
    initiatorItems: a,
    responderItems: b,
    mode,
    suite,
    engine,
    initiatorRng: secureRandomBytes,
    responderRng: secureRandomBytes,
  });

const CASES: { desc: string; a: Uint8Array[]; b: Uint8Array[] }[] = [
  { desc: 'both empty', a: [], b: [] },
  { desc: 'initiator empty', a: [], b: items('x', 0, 20) },
  { desc: 'identical', a: items('x', 0, 50), b: items('x', 0, 50) },
  { desc: 'disjoint', a: items('x', 0, 50), b: items('y', 0, 50) },
  { desc: 'partial overlap', a: items('x', 0, 60), b: items('x', 40, 90) },
  {
    desc: 'duplicates on both sides',
    a: [...items('x', 0, 10), ...items('x', 5, 15)],
    b: [...items('x', 8, 12), ...items('x', 8, 12)],
  },
  { desc: 'sizes differing 100×', a: items('x', 0, 10), b: items('x', 5, 1000) },
  { desc: 'sizes differing 100× the other way', a: items('x', 0, 1000), b: items('x', 995, 1005) },
];

for (const suite of PSI_SUITES) {
  describe(`PSI over ${suite}`, () => {
    for (const c of CASES) {
      for (const mode of PSI_MODES) {
        it(`${c.desc}, mode ${mode}`, async () => {
          const r = await run(c.a, c.b, mode, suite);
          const wantA = expected(c.a, c.b);
          const wantB = expected(c.b, c.a);
          const overlap = distinct(wantA, c.a);
          assert.equal(r.initiator?.overlap, overlap);
          if (mode === 'cardinality') {
            assert.equal(r.initiator?.matches, undefined);
            assert.equal(r.responder?.overlap, overlap);
            assert.equal(r.responder?.matches, undefined);
          } else {
            assert.deepEqual(r.initiator?.matches, wantA);
          }
          if (mode === 'both') assert.deepEqual(r.responder?.matches, wantB);
          if (mode === 'one-sided') assert.equal(r.responder, undefined);
        });
      }
    }
  });
}

describe('what goes on the wire', () => {
  const offerFor = (n: number) => createPsiOffer({ kind: 'persons', size: n }, secureRandomBytes);
  it('differs between runs for the same list', async () => {
    const list = items('x', 0, 30);
    const a = await new PsiParty({
      offer: offerFor(30),
      role: 'initiator',
      items: list,
      engine,
      rng: secureRandomBytes,
    }).blindOwn();
    const b = await new PsiParty({
      offer: offerFor(30),
      role: 'initiator',
      items: list,
      engine,
      rng: secureRandomBytes,
    }).blindOwn();
    const sa = new Set(Buffer.from(a.elements).toString('hex').match(/.{64}/g));
    for (const e of Buffer.from(b.elements).toString('hex').match(/.{64}/g)!) assert.ok(!sa.has(e));
  });
  it('differs between runs even with the same session (fresh scalar)', async () => {
    const offer = offerFor(5);
    const list = items('x', 0, 5);
    const a = await new PsiParty({
      offer,
      role: 'initiator',
      items: list,
      engine,
      rng: secureRandomBytes,
    }).blindOwn();
    const b = await new PsiParty({
      offer,
      role: 'initiator',
      items: list,
      engine,
      rng: secureRandomBytes,
    }).blindOwn();
    assert.notDeepEqual(a.elements, b.elements);
  });
  it('is shuffled: the same scalar and list give a different order', async () => {
    const offer = offerFor(200);
    const fixed = new Uint8Array(64).fill(1);
    let calls = 0;
    const rng = (n: number) => (calls++ === 0 ? fixed.slice(0, n) : secureRandomBytes(n));
    const list = items('x', 0, 200);
    const p = new PsiParty({ offer, role: 'initiator', items: list, engine, rng });
    const s = await p.blindOwn();
    const plain = await engine.hashAndBlind(offer.suite, psiDst(offer), list, scalarFrom(fixed));
    assert.equal(s.count, 200);
    assert.notDeepEqual(s.elements, plain);
    assert.deepEqual(sorted(s.elements), sorted(plain));
  });
  it('a responder that never gets the last message learns nothing', async () => {
    const offer = offerFor(10);
    const same = items('x', 0, 10);
    const ini = new PsiParty({ offer, role: 'initiator', items: same, engine, rng: secureRandomBytes });
    const res = new PsiParty({ offer, role: 'responder', items: same, engine, rng: secureRandomBytes });
    const sI = await ini.blindOwn();
    await res.blindOwn();
    await res.receiveSingle(sI);
    // All it holds is the initiator's singly blinded set; even for identical lists it matches nothing.
    assert.throws(
      () => res.receiveDouble({ ...sI, from: 'initiator', stage: 'single' }),
      code('PSI_MESSAGE_INVALID'),
    );
    assert.equal(res.receiveDouble({ ...sI, stage: 'double' }).overlap, 0);
  });
});

// randomScalar draws 64 bytes and reduces them mod l; mirror it for the shuffle test.
function scalarFrom(wide: Uint8Array): Uint8Array {
  const l = (1n << 252n) + 27742317777372353535851937790883648493n;
  const x = BigInt('0x' + Buffer.from(wide).toString('hex')) % l;
  return new Uint8Array(Buffer.from(x.toString(16).padStart(64, '0'), 'hex').reverse());
}
function sorted(b: Uint8Array): string[] {
  return (Buffer.from(b).toString('hex').match(/.{64}/g) ?? []).sort();
}

describe('protocol checks', () => {
  const offer = createPsiOffer({ kind: 'indicators', size: 3 }, secureRandomBytes);
  const party = (role: 'initiator' | 'responder', n = 3) =>
    new PsiParty({ offer, role, items: items('x', 0, n), engine, rng: secureRandomBytes });
  it('refuses an initiator list that does not match the offer', () => {
    assert.throws(() => party('initiator', 4), code('PSI_SIZE_MISMATCH'));
  });
  it('refuses a set larger than the offer declared', async () => {
    const big = await new PsiParty({
      offer: { ...offer, initiator_size: 4 },
      role: 'initiator',
      items: items('x', 0, 4),
      engine,
      rng: secureRandomBytes,
    }).blindOwn();
    await assert.rejects(
      party('responder').receiveSingle({ ...big, session: offer.session }),
      code('PSI_MESSAGE_INVALID'),
    );
  });
  it('refuses a message from another comparison', async () => {
    const s = await party('initiator').blindOwn();
    await assert.rejects(
      party('responder').receiveSingle({ ...s, session: 'f'.repeat(32) }),
      code('PSI_MESSAGE_INVALID'),
    );
  });
  it('refuses a truncated element buffer', async () => {
    const s = await party('initiator').blindOwn();
    await assert.rejects(
      party('responder').receiveSingle({ ...s, elements: s.elements.subarray(1) }),
      code('PSI_MESSAGE_INVALID'),
    );
  });
  it('refuses an invalid point and erases the secret', async () => {
    const s = await party('initiator').blindOwn();
    const forged = new Uint8Array(s.elements);
    forged.fill(0, 32, 64);
    const r = party('responder');
    await assert.rejects(r.receiveSingle({ ...s, elements: forged }), code('PSI_POINT_INVALID'));
    await assert.rejects(r.blindOwn(), code('PSI_STATE_INVALID'));
  });
  it('erases the secret once both exponentiations are done', async () => {
    const i = party('initiator');
    const r = party('responder');
    const sI = await i.blindOwn();
    await r.receiveSingle(sI);
    await r.blindOwn();
    const secret = (r as unknown as { scalar: Uint8Array | undefined }).scalar;
    assert.equal(secret, undefined);
    await assert.rejects(r.receiveSingle(sI), code('PSI_STATE_INVALID'));
  });
  it('one-sided: the responder cannot ask for a result', async () => {
    const o = { ...offer, mode: 'one-sided' as const };
    const r = new PsiParty({
      offer: o,
      role: 'responder',
      items: items('x', 0, 3),
      engine,
      rng: secureRandomBytes,
    });
    const s = await party('initiator').blindOwn();
    assert.throws(() => r.receiveDouble({ ...s, stage: 'double' }), code('PSI_STATE_INVALID'));
  });
});

describe('properties', () => {
  for (const suite of PSI_SUITES)
    it(`overlap is symmetric and equals the plain intersection (${suite})`, async () => {
      const word = fc.integer({ min: 0, max: 40 }).map((n) => `w${n}`);
      await fc.assert(
        fc.asyncProperty(
          fc.array(word, { maxLength: 25 }),
          fc.array(word, { maxLength: 25 }),
          async (xs, ys) => {
            const a = xs.map(enc);
            const b = ys.map(enc);
            const r = await run(a, b, 'both', suite);
            const want = new Set(xs.filter((x) => ys.includes(x))).size;
            assert.equal(r.initiator?.overlap, want);
            assert.equal(r.responder?.overlap, want);
          },
        ),
        { numRuns: 40 },
      );
    });
});
