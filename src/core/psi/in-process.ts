import type { PsiEngine, PsiSuite, Rng } from './group.types.js';
import { createPsiOffer, type PsiBlindedSet, type PsiListKind, type PsiMode } from './messages.js';
import { PsiParty, type PsiOutcome } from './party.js';

export interface InProcessPsiResult {
  readonly initiator: PsiOutcome | undefined;
  readonly responder: PsiOutcome | undefined;
  /** Element bytes the messages would carry, envelopes excluded. */
  readonly wireBytes: number;
}

/**
 * Both sides of one comparison in one process, in the order the channel would carry them; for
 * tests and the benchmark. Each side gets its own rng so their randomness stays independent.
 */
export async function runPsiInProcess(p: {
  initiatorItems: readonly Uint8Array[];
  responderItems: readonly Uint8Array[];
  mode?: PsiMode;
  suite?: PsiSuite;
  kind?: PsiListKind;
  engine: PsiEngine;
  initiatorRng: Rng;
  responderRng: Rng;
}): Promise<InProcessPsiResult> {
  const distinct = new Set(p.initiatorItems.map((b) => Buffer.from(b).toString('latin1'))).size;
  const offer = createPsiOffer(
    {
      size: distinct,
      kind: p.kind ?? 'indicators',
      ...(p.mode && { mode: p.mode }),
      ...(p.suite && { suite: p.suite }),
    },
    p.initiatorRng,
  );
  const ini = new PsiParty({
    offer,
    role: 'initiator',
    items: p.initiatorItems,
    engine: p.engine,
    rng: p.initiatorRng,
  });
  const res = new PsiParty({
    offer,
    role: 'responder',
    items: p.responderItems,
    engine: p.engine,
    rng: p.responderRng,
  });
  let wireBytes = 0;
  const send = (m: PsiBlindedSet | undefined): PsiBlindedSet | undefined => {
    if (m) wireBytes += m.elements.length;
    return m;
  };
  try {
    // The responder can blind its own list while the initiator's set is on the way.
    const [sI, sR] = await Promise.all([ini.blindOwn(), res.blindOwn()]);
    send(sI);
    send(sR);
    const [dI, dR] = await Promise.all([res.receiveSingle(sI), ini.receiveSingle(sR)]);
    send(dI);
    send(dR);
    return {
      initiator: dI ? ini.receiveDouble(dI) : undefined,
      responder: dR ? res.receiveDouble(dR) : undefined,
      wireBytes,
    };
  } finally {
    ini.dispose();
    res.dispose();
  }
}
