import { sha256 } from '../sig/index.js';

/** RFC 9162 §2.1.1: a leaf hash is SHA-256(0x00 || leaf). */
export const RFC9162_LEAF_HASH_PREFIX = 0x00;
/** RFC 9162 §2.1.1: an interior node hash is SHA-256(0x01 || left || right). */
export const RFC9162_NODE_HASH_PREFIX = 0x01;
export const HASH_BYTES = 32;

const LEAF_PREFIX = new Uint8Array([RFC9162_LEAF_HASH_PREFIX]);
const NODE_PREFIX = new Uint8Array([RFC9162_NODE_HASH_PREFIX]);

/** MTH({d0}) = SHA-256(0x00 || d0) — RFC 9162 §2.1.1. */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leaf);
}

/** SHA-256(0x01 || left || right) — RFC 9162 §2.1.1. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256() — the root of the empty tree, RFC 9162 §2.1.1. */
export function emptyRoot(): Uint8Array {
  return sha256();
}
