/** Builders and a naive RFC 9162 reference for the storage suite. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { emptyRoot, hashChildren, hashLeaf } from '../../../src/core/merkle/hasher.js';
import {
  StoreError,
  type LogKey,
  type NewEntry,
  type Store,
  type StoreCode,
} from '../../../src/store/index.js';

export const STORED_AT = '2026-01-02T03:04:05.678Z';

/** A log no other test touches, so that tests can share one database. */
export function freshLog(): LogKey {
  return { channel: `channel--${randomUUID()}`, author: `identity--${randomUUID()}` };
}

/**
 * Entries `from`..`from+count-1` whose bytes (and so hashes) depend on log, seq and `variant`:
 * two writers racing for one seq use different variants so that their entries differ.
 */
export function makeEntries(log: LogKey, from: number, count: number, variant = 'a'): NewEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    const bytes = new TextEncoder().encode(
      JSON.stringify({ ...log, seq, variant, body: 'x'.repeat(seq % 7) }),
    );
    return {
      seq,
      hash: hashLeaf(bytes),
      kind: seq % 2 ? 'notify' : 'share',
      created: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}Z`,
      bytes,
    };
  });
}

/** MTH over leaf hashes, straight from RFC 9162 §2.1.1: split at the largest power of two < n. */
export function naiveRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  if (leafHashes.length === 1) return leafHashes[0]!;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return hashChildren(naiveRoot(leafHashes.slice(0, k)), naiveRoot(leafHashes.slice(k)));
}

/** The hash of the perfect subtree at (level, index), or undefined when it is not complete. */
export function naiveNode(
  leafHashes: readonly Uint8Array[],
  level: number,
  index: number,
): Uint8Array | undefined {
  const width = 2 ** level;
  if ((index + 1) * width > leafHashes.length) return undefined;
  return naiveRoot(leafHashes.slice(index * width, (index + 1) * width));
}

export async function rejectsWithCode(p: Promise<unknown>, code: StoreCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected StoreError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return true;
  });
}

/** Opens a store, runs `fn`, and closes it even when `fn` fails. */
export async function withStore<T>(open: () => Promise<Store>, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await open();
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
