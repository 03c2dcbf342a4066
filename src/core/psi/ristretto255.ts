import { createRequire } from 'node:module';
import type Sodium from 'libsodium-wrappers-sumo';
import { PsiError } from '../errors.js';
import { expandMessageXmd } from './xmd.js';
import { PSI_ELEMENT_BYTES, type PsiGroup } from './group.types.js';

/** The batch calls of native/ristretto255 (libsodium, native code). */
interface NativeRistretto255 {
  hashToGroup(msgs: Uint8Array, offsets: Uint32Array, dst: Uint8Array, out: Uint8Array): void;
  /** The index of the first element that is not a ristretto255 point, or -1. */
  scalarmult(scalar: Uint8Array, input: Uint8Array, out: Uint8Array): number;
  readonly libsodiumVersion: string;
}

export type Ristretto255Backend = 'native' | 'wasm';

const require = createRequire(import.meta.url);

/**
 * The native addon when `npm install` could build it (it needs libsodium's headers), else
 * undefined. The path is the same from src/ and dist/: both sit one level under the repo root.
 */
export function loadNativeRistretto255(): NativeRistretto255 | undefined {
  try {
    return require('../../../native/ristretto255/build/Release/ristretto255.node') as NativeRistretto255;
  } catch {
    return undefined;
  }
}

/**
 * ristretto255 (RFC 9496) with RFC 9380 hash_to_ristretto255: expand_message_xmd(SHA-512) to 64
 * bytes, then the one-way map. Blinding decodes each received element, which rejects
 * non-canonical encodings and anything outside the group (RFC 9496 §4.3.1), and refuses an
 * identity result. Both backends are libsodium and give identical bytes (tested); the native one
 * is about three times faster, the WebAssembly one needs nothing beyond npm.
 */
export async function loadRistretto255(
  backend?: Ristretto255Backend,
): Promise<PsiGroup & { backend: Ristretto255Backend }> {
  const native = backend === 'wasm' ? undefined : loadNativeRistretto255();
  if (native) return nativeGroup(native);
  if (backend === 'native')
    throw new PsiError(
      'PSI_SUITE_UNAVAILABLE',
      'the native ristretto255 addon is not built (npm run build:native)',
    );
  return wasmGroup();
}

function nativeGroup(native: NativeRistretto255): PsiGroup & { backend: Ristretto255Backend } {
  return {
    suite: 'ristretto255_XMD:SHA-512_R255MAP_RO_',
    backend: 'native',
    hashToGroup(items, dst) {
      checkDst(dst);
      const offsets = new Uint32Array(items.length + 1);
      let total = 0;
      for (let i = 0; i < items.length; i++) {
        total += items[i]!.length;
        offsets[i + 1] = total;
      }
      const msgs = new Uint8Array(total);
      for (let i = 0; i < items.length; i++) msgs.set(items[i]!, offsets[i]!);
      const out = new Uint8Array(items.length * PSI_ELEMENT_BYTES);
      native.hashToGroup(msgs, offsets, dst, out);
      return out;
    },
    blind(elements, scalar) {
      checkPacked(elements, scalar);
      const out = new Uint8Array(elements.length);
      const bad = native.scalarmult(scalar, elements, out);
      if (bad >= 0) {
        out.fill(0);
        throw invalid(bad);
      }
      return out;
    },
  };
}

async function wasmGroup(): Promise<PsiGroup & { backend: Ristretto255Backend }> {
  // The package's ESM build imports a file it does not ship (0.7.16); its CommonJS build works.
  const sodium = require('libsodium-wrappers-sumo') as typeof Sodium;
  await sodium.ready;
  return {
    suite: 'ristretto255_XMD:SHA-512_R255MAP_RO_',
    backend: 'wasm',
    hashToGroup(items, dst) {
      const out = new Uint8Array(items.length * PSI_ELEMENT_BYTES);
      for (let i = 0; i < items.length; i++) {
        out.set(
          sodium.crypto_core_ristretto255_from_hash(expandMessageXmd(items[i]!, dst, 64)),
          i * PSI_ELEMENT_BYTES,
        );
      }
      return out;
    },
    blind(elements, scalar) {
      checkPacked(elements, scalar);
      const n = elements.length / PSI_ELEMENT_BYTES;
      const out = new Uint8Array(elements.length);
      for (let i = 0; i < n; i++) {
        const p = elements.subarray(i * PSI_ELEMENT_BYTES, (i + 1) * PSI_ELEMENT_BYTES);
        let q: Uint8Array;
        try {
          // Throws on a bad encoding and on an identity result (libsodium returns -1).
          q = sodium.crypto_scalarmult_ristretto255(scalar, p);
        } catch {
          out.fill(0);
          throw invalid(i);
        }
        out.set(q, i * PSI_ELEMENT_BYTES);
      }
      return out;
    },
  };
}

function checkDst(dst: Uint8Array): void {
  if (dst.length < 1 || dst.length > 255)
    throw new PsiError('PSI_INPUT_INVALID', `dst length ${dst.length} out of range`);
}

function checkPacked(elements: Uint8Array, scalar: Uint8Array): void {
  if (elements.length % PSI_ELEMENT_BYTES !== 0 || scalar.length !== 32) {
    throw new PsiError(
      'PSI_INPUT_INVALID',
      `expected 32-byte elements and a 32-byte scalar, got ${elements.length} and ${scalar.length} bytes`,
    );
  }
}

function invalid(i: number): PsiError {
  return new PsiError('PSI_POINT_INVALID', `element ${i} is not a ristretto255 point`, {
    details: { index: i },
  });
}
