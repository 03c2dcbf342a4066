import { PsiError } from '../errors.js';
import type { PsiEngine, PsiGroup, PsiSuite, Rng } from './group.types.js';
import { PSI_SUITES } from './group.types.js';
import { os2ip, writeLe32 } from './field25519.js';

const loaded = new Map<PsiSuite, Promise<PsiGroup>>();

/**
 * Loads a suite's backend once per thread. The libraries are imported lazily so that a machine
 * without the native addon can still run the WebAssembly suite. Throws PSI_SUITE_UNAVAILABLE.
 */
export function loadPsiGroup(suite: PsiSuite): Promise<PsiGroup> {
  let g = loaded.get(suite);
  if (!g) {
    g = importGroup(suite).catch((cause: unknown) => {
      loaded.delete(suite);
      throw new PsiError('PSI_SUITE_UNAVAILABLE', `suite ${suite} cannot be loaded`, { cause });
    });
    loaded.set(suite, g);
  }
  return g;
}

async function importGroup(suite: PsiSuite): Promise<PsiGroup> {
  switch (suite) {
    case 'ristretto255_XMD:SHA-512_R255MAP_RO_':
      return (await import('./ristretto255.js')).loadRistretto255();
    case 'curve25519_XMD:SHA-512_ELL2_NU_X25519':
      return (await import('./x25519.js')).loadX25519();
  }
}

/** True when `s` names a suite this build knows. */
export function isPsiSuite(s: unknown): s is PsiSuite {
  return typeof s === 'string' && (PSI_SUITES as readonly string[]).includes(s);
}

// The order of the prime-order group of both suites (RFC 7748 §4.1, RFC 9496 §4).
const L25519 = (1n << 252n) + 27742317777372353535851937790883648493n;

/**
 * A fresh secret scalar for `suite`: 64 random bytes reduced mod l, never zero (uniform to within
 * 2^-260). X25519 clamps whatever it is given, so the same draw serves both suites.
 */
export function randomScalar(rng: Rng): Uint8Array {
  for (;;) {
    const wide = rng(64);
    const s = os2ip(wide) % L25519;
    wide.fill(0);
    if (s !== 0n) {
      const out = new Uint8Array(32);
      writeLe32(s, out, 0);
      return out;
    }
  }
}

/** Runs the group arithmetic on the calling thread; for tests and small lists. */
export function createLocalEngine(): PsiEngine {
  return {
    async hashAndBlind(suite, dst, items, scalar) {
      const g = await loadPsiGroup(suite);
      return g.blind(g.hashToGroup(items, dst), scalar);
    },
    async blind(suite, elements, scalar) {
      return (await loadPsiGroup(suite)).blind(elements, scalar);
    },
  };
}
