import { createRequire } from 'node:module';
import type Sodium from 'libsodium-wrappers-sumo';
import { PsiError } from '../errors.js';
import { expandMessageXmd } from './xmd.js';
import { PSI_ELEMENT_BYTES, type PsiGroup } from './group.types.js';

/**
 * ristretto255 through libsodium's WebAssembly build. Hashing is RFC 9380 Appendix B:
 * expand_message_xmd(SHA-512) to 64 bytes, then the RFC 9496 §4.3.4 one-way map
 * (crypto_core_ristretto255_from_hash). Blinding decodes each received element, which rejects
 * non-canonical encodings and anything outside the group (RFC 9496 §4.3.1).
 */
export async function loadRistretto255(): Promise<PsiGroup> {
  // The package's ESM build imports a file it does not ship (0.7.16); its CommonJS build works.
  const sodium = createRequire(import.meta.url)('libsodium-wrappers-sumo') as typeof Sodium;
  await sodium.ready;
  return {
    suite: 'ristretto255_XMD:SHA-512_R255MAP_RO_',
    hashToGroup(items, dst) {
      const out = new Uint8Array(items.length * PSI_ELEMENT_BYTES);
      for (let i = 0; i < items.length; i++) {
        out.set(sodium.crypto_core_ristretto255_from_hash(expandMessageXmd(items[i]!, dst, 64)), i * PSI_ELEMENT_BYTES);
      }
      return out;
    },
    blind(elements, scalar) {
      const n = elements.length / PSI_ELEMENT_BYTES;
      const out = new Uint8Array(elements.length);
      for (let i = 0; i < n; i++) {
        const p = elements.subarray(i * PSI_ELEMENT_BYTES, (i + 1) * PSI_ELEMENT_BYTES);
        let q: Uint8Array;
        try {
          // Throws on a bad encoding and on an identity result (libsodium returns -1).
          q = sodium.crypto_scalarmult_ristretto255(scalar, p);
        } catch {
          throw new PsiError('PSI_POINT_INVALID', `element ${i} is not a ristretto255 point`, { details: { index: i } });
        }
        out.set(q, i * PSI_ELEMENT_BYTES);
      }
      return out;
    },
  };
}
