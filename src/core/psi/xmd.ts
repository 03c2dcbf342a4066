import { sha512 } from '../sig/index.js';
import { PsiError } from '../errors.js';

// SHA-512: b_in_bytes = 64, s_in_bytes (block size) = 128 (RFC 9380 §5.3.1).
const B_IN_BYTES = 64;
const S_IN_BYTES = 128;
const Z_PAD = new Uint8Array(S_IN_BYTES);

/**
 * expand_message_xmd with SHA-512 (RFC 9380 §5.3.1).
 *
 * Preconditions: 1 <= dst.length <= 255, 1 <= lenInBytes <= 255 * 64. Throws PSI_INPUT_INVALID.
 * The DST is used as given; RFC 9380 §5.3.3 (hashing an oversized DST) is not needed because
 * Parley's tags are short.
 */
export function expandMessageXmd(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
  const ell = Math.ceil(lenInBytes / B_IN_BYTES);
  if (ell > 255 || lenInBytes < 1 || lenInBytes > 65535) {
    throw new PsiError('PSI_INPUT_INVALID', `xmd output length ${lenInBytes} out of range`);
  }
  if (dst.length < 1 || dst.length > 255)
    throw new PsiError('PSI_INPUT_INVALID', `dst length ${dst.length} out of range`);
  const dstPrime = new Uint8Array(dst.length + 1);
  dstPrime.set(dst);
  dstPrime[dst.length] = dst.length;
  const lib = new Uint8Array([lenInBytes >> 8, lenInBytes & 0xff, 0]);
  const b0 = sha512(Z_PAD, msg, lib, dstPrime);
  const out = new Uint8Array(ell * B_IN_BYTES);
  let prev = sha512(b0, new Uint8Array([1]), dstPrime);
  out.set(prev, 0);
  for (let i = 2; i <= ell; i++) {
    const x = new Uint8Array(B_IN_BYTES);
    for (let j = 0; j < B_IN_BYTES; j++) x[j] = b0[j]! ^ prev[j]!;
    prev = sha512(x, new Uint8Array([i]), dstPrime);
    out.set(prev, (i - 1) * B_IN_BYTES);
  }
  return out.subarray(0, lenInBytes);
}
