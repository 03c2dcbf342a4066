import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toBase64 } from '../../../src/core/bytes/index.js';
import type { Envelope } from '../../../src/core/envelope/index.js';
import { keyInEffectAt, keyNamedByRotation, type AuthorKey } from '../../../src/service/author-keys.js';

const key = (fill: number) => new Uint8Array(32).fill(fill);
const envelope = (kind: string, body: Record<string, unknown>) => ({ kind, body }) as unknown as Envelope;

describe('keyNamedByRotation', () => {
  const cases: { desc: string; input: Envelope; want: Uint8Array | undefined }[] = [
    {
      desc: 'a rotation naming a 32-byte key',
      input: envelope('key-rotation', { new_public_key: toBase64(key(7)) }),
      want: key(7),
    },
    {
      desc: 'another kind with the same body',
      input: envelope('note', { new_public_key: toBase64(key(7)) }),
      want: undefined,
    },
    {
      desc: 'a 31-byte key',
      input: envelope('key-rotation', { new_public_key: toBase64(new Uint8Array(31)) }),
      want: undefined,
    },
    {
      desc: 'not base64',
      input: envelope('key-rotation', { new_public_key: 'not base64!' }),
      want: undefined,
    },
    { desc: 'not a string', input: envelope('key-rotation', { new_public_key: 7 }), want: undefined },
    { desc: 'no key', input: envelope('key-rotation', {}), want: undefined },
  ];
  for (const c of cases) it(c.desc, () => assert.deepEqual(keyNamedByRotation(c.input), c.want));
});

describe('keyInEffectAt', () => {
  const history: AuthorKey[] = [
    { publicKey: key(0), fromSeq: 0 },
    { publicKey: key(1), fromSeq: 4 },
    { publicKey: key(2), fromSeq: 9 },
  ];
  const cases = [
    { desc: 'the founding key before any rotation', seq: 0, want: key(0) },
    { desc: 'the founding key signs its own rotation (seq 3)', seq: 3, want: key(0) },
    { desc: 'the middle key from the seq after the rotation', seq: 4, want: key(1) },
    { desc: 'the middle key up to the next rotation', seq: 8, want: key(1) },
    { desc: 'the latest key after it', seq: 1_000_000, want: key(2) },
  ];
  for (const c of cases) it(c.desc, () => assert.deepEqual(keyInEffectAt(history, c.seq), c.want));
  it('nothing for an empty history', () => assert.equal(keyInEffectAt([], 0), undefined));
});
