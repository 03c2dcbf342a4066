/**
 * The prime-order groups a comparison can run in. Each suite names its hash-to-group construction
 * as RFC 9380 names it, so that an offer says exactly what the other side must compute.
 */
export const PSI_SUITES = [
  // RFC 9380 Appendix B / RFC 9496 §4.3.4 hash_to_ristretto255; blinding in ristretto255. The
  // default: libsodium natively (native/ristretto255) or, where that addon is not built, in
  // WebAssembly (about 3 times slower).
  'ristretto255_XMD:SHA-512_R255MAP_RO_',
  // The u-coordinate of RFC 9380 curve25519_XMD:SHA-512_ELL2_NU_; blinding with X25519 (RFC 7748).
  // Native libsodium through sodium-native; as fast as native ristretto255. docs/psi.md says what
  // differs.
  'curve25519_XMD:SHA-512_ELL2_NU_X25519',
] as const;
export type PsiSuite = (typeof PSI_SUITES)[number];

/** Every suite's group elements and scalars are 32 bytes. */
export const PSI_ELEMENT_BYTES = 32;

/** Randomness source: returns n fresh uniformly random bytes. Core never picks its own. */
export type Rng = (n: number) => Uint8Array;

/** One suite's arithmetic, synchronous and in-process; the worker pool runs the same code. */
export interface PsiGroup {
  readonly suite: PsiSuite;
  /** Hashes each item to the group with `dst`; returns the elements packed, 32 bytes each. */
  hashToGroup(items: readonly Uint8Array[], dst: Uint8Array): Uint8Array;
  /**
   * Multiplies each packed element by `scalar`. Validates every element first; throws
   * PsiError PSI_POINT_INVALID (with the index in details) on an element outside the group.
   */
  blind(elements: Uint8Array, scalar: Uint8Array): Uint8Array;
}

/** The heavy steps of a comparison; in-process or on worker threads (src/service/psi/pool.ts). */
export interface PsiEngine {
  hashAndBlind(
    suite: PsiSuite,
    dst: Uint8Array,
    items: readonly Uint8Array[],
    scalar: Uint8Array,
  ): Promise<Uint8Array>;
  blind(suite: PsiSuite, elements: Uint8Array, scalar: Uint8Array): Promise<Uint8Array>;
}
