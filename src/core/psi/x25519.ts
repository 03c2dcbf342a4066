import sodium from 'sodium-native';
import { PsiError } from '../errors.js';
import { expandMessageXmd } from './xmd.js';
import { P25519, edwardsToMontgomeryInPlace, os2ip, writeLe32 } from './field25519.js';
import { PSI_ELEMENT_BYTES, type PsiGroup } from './group.types.js';

// RFC 9380 §5.2 with p = 2^255 - 19, k = 128: L = ceil((255 + 128) / 8) = 48.
const HASH_TO_FIELD_L = 48;

/**
 * The prime-order subgroup of curve25519 in x-only form, through sodium-native.
 *
 * Hashing: u = hash_to_field(msg, 1) (RFC 9380 §5.2), then libsodium's Elligator 2 map with
 * cofactor clearing (crypto_core_ed25519_from_uniform), then the birational map to curve25519.
 * libsodium's map may return -Q where RFC 9380 returns Q; the u-coordinate is the same, so the
 * result is exactly the u-coordinate of RFC 9380 curve25519_XMD:SHA-512_ELL2_NU_.
 *
 * Blinding: X25519 (RFC 7748 §5). Clamping makes every scalar a multiple of 8, so any torsion
 * a sender adds is erased and twist points stay on the twist (curve25519 is twist-secure), which
 * is why received values need only a canonical-encoding check and libsodium's small-order check.
 */
export function loadX25519(): PsiGroup {
  return {
    suite: 'curve25519_XMD:SHA-512_ELL2_NU_X25519',
    hashToGroup(items, dst) {
      const out = Buffer.alloc(items.length * PSI_ELEMENT_BYTES);
      const r = Buffer.alloc(32);
      for (let i = 0; i < items.length; i++) {
        const u = os2ip(expandMessageXmd(items[i]!, dst, HASH_TO_FIELD_L)) % P25519;
        writeLe32(u, r, 0);
        sodium.crypto_core_ed25519_from_uniform(out.subarray(i * 32, i * 32 + 32), r);
      }
      edwardsToMontgomeryInPlace(out, items.length);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
    blind(elements, scalar) {
      const n = elements.length / PSI_ELEMENT_BYTES;
      const out = Buffer.alloc(elements.length);
      const k = Buffer.from(scalar.buffer, scalar.byteOffset, 32);
      const src = Buffer.from(elements.buffer, elements.byteOffset, elements.length);
      for (let i = 0; i < n; i++) {
        const off = i * 32;
        if (!isCanonicalU(src, off)) throw invalid(i);
        try {
          // Throws when the input has small order (the result would be all zeros).
          sodium.crypto_scalarmult(out.subarray(off, off + 32), k, src.subarray(off, off + 32));
        } catch {
          throw invalid(i);
        }
      }
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}

function invalid(i: number): PsiError {
  return new PsiError('PSI_POINT_INVALID', `element ${i} is not a canonical curve25519 u-coordinate`, {
    details: { index: i },
  });
}

// Canonical means u < p: the top bit clear and not in [p, 2^255), where p = 2^255 - 19.
function isCanonicalU(b: Uint8Array, off: number): boolean {
  const top = b[off + 31]!;
  if (top & 0x80) return false;
  if (top !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (b[off + i] !== 0xff) return true;
  return b[off]! < 0xed;
}
