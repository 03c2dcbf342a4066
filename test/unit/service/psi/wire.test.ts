import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPsiOffer } from '../../../../src/core/psi/index.js';
import { checkBody } from '../../../../src/core/dialogue/index.js';
import { secureRandomBytes } from '../../../../src/core/sig/index.js';
import { ChunkAssembler, chunkSizeFor, toChunks } from '../../../../src/service/psi/index.js';
import { offerBody, offerFromBody } from '../../../../src/service/psi/wire.js';

const PARTY = 'identity--00000000-0000-5000-8000-000000000001';

describe('psi wire bodies', () => {
  it('sizes chunks to fit an envelope: 20,000 elements under 1 MiB, fewer under less', () => {
    assert.equal(chunkSizeFor(1024 * 1024), 20_000);
    assert.ok(chunkSizeFor(64 * 1024) * 32 * (4 / 3) < 64 * 1024);
  });

  it('cuts a set into chunks that reassemble in any order, and fit the body schema', () => {
    const elements = secureRandomBytes(32 * 45);
    const chunks = toChunks('ab'.repeat(16), 'initiator', elements, 10);
    assert.equal(chunks.length, 5);
    const asm = new ChunkAssembler(45);
    for (const c of [...chunks].reverse()) {
      checkBody('psi-blinded', { ...c });
      asm.add(c);
      asm.add(c);
    }
    assert.deepEqual(asm.take(), { count: 45, elements });
  });

  it('sends an empty set as one empty chunk', () => {
    const [c] = toChunks('ab'.repeat(16), 'responder', new Uint8Array(0), 10);
    const asm = new ChunkAssembler(0);
    asm.add(c!);
    assert.deepEqual(asm.take(), { count: 0, elements: new Uint8Array(0) });
  });

  const badChunks = [
    {
      desc: 'a chunk disagreeing on the count',
      mutate: (c: ReturnType<typeof toChunks>[number]) => ({ ...c, count: 99 }),
      code: 'PSI_MESSAGE_INVALID',
    },
    {
      desc: 'a chunk index out of range',
      mutate: (c: ReturnType<typeof toChunks>[number]) => ({ ...c, chunk: 7 }),
      code: 'PSI_MESSAGE_INVALID',
    },
    {
      desc: 'elements that are not whole points',
      mutate: (c: ReturnType<typeof toChunks>[number]) => ({ ...c, elements: 'AAAA' }),
      code: 'PSI_MESSAGE_INVALID',
    },
  ];
  for (const b of badChunks) {
    it(`refuses ${b.desc}`, () => {
      const chunks = toChunks('ab'.repeat(16), 'initiator', secureRandomBytes(32 * 4), 2);
      const asm = new ChunkAssembler(100);
      asm.add(chunks[0]!);
      assert.throws(() => asm.add(b.mutate(chunks[1]!)), { code: b.code });
    });
  }

  it('refuses a set larger than allowed', () => {
    const [c] = toChunks('ab'.repeat(16), 'initiator', secureRandomBytes(32 * 4), 10);
    assert.throws(() => new ChunkAssembler(3).add(c!), { code: 'PSI_SIZE_MISMATCH' });
  });

  it('round-trips an offer through its body, checking the stated DST', () => {
    const offer = createPsiOffer({ kind: 'persons', size: 10 }, secureRandomBytes);
    const body = offerBody(offer, PARTY, 20_000, '2026-11-28T00:00:00.000Z');
    checkBody('psi-offer', { ...body });
    assert.deepEqual(offerFromBody(body), offer);
    assert.throws(() => offerFromBody({ ...body, dst: 'PARLEY-PSI-V1-other' }), {
      code: 'PSI_MESSAGE_INVALID',
    });
  });
});
