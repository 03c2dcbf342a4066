import { PsiError } from '../errors.js';
import { PSI_ELEMENT_BYTES, type PsiEngine, type Rng } from './group.types.js';
import { randomScalar } from './groups.js';
import { randomPermutation, permutePacked } from './shuffle.js';
import {
  parsePsiBlindedSet,
  psiDst,
  type PsiBlindedSet,
  type PsiMode,
  type PsiOffer,
  type PsiRole,
} from './messages.js';

/** What one side learns: always the overlap size; the matching entries unless in cardinality mode. */
export interface PsiOutcome {
  readonly overlap: number;
  /** Indices into the caller's `items` (every duplicate included); absent in cardinality mode. */
  readonly matches?: readonly number[];
}

/** Whether `role` learns anything in `mode`. */
export function psiLearns(role: PsiRole, mode: PsiMode): boolean {
  return mode !== 'one-sided' || role === 'initiator';
}

const other = (r: PsiRole): PsiRole => (r === 'initiator' ? 'responder' : 'initiator');
const key = (b: Uint8Array, i: number): string =>
  Buffer.from(b.buffer, b.byteOffset + i * PSI_ELEMENT_BYTES, PSI_ELEMENT_BYTES).toString('latin1');

/**
 * One side of an ECDH private set intersection (docs/psi.md): H(x)^k for its own entries,
 * shuffled; the other side's values raised to k; then a comparison of doubly blinded values.
 * The secret scalar lives only here and is zeroed as soon as both exponentiations are done,
 * or by `dispose()`.
 *
 * Steps, in any order between the first two: `blindOwn()`, `receiveSingle(theirs)`, then,
 * for a side that learns, `receiveDouble(mine)`. Errors are PsiError: PSI_STATE_INVALID,
 * PSI_MESSAGE_INVALID, PSI_SIZE_MISMATCH, PSI_POINT_INVALID.
 */
export class PsiParty {
  readonly offer: PsiOffer;
  readonly role: PsiRole;
  private readonly engine: PsiEngine;
  private readonly rng: Rng;
  private scalar: Uint8Array | undefined;
  /** unique[k] = the distinct entry, owners[k] = indices of the caller's items equal to it. */
  private readonly unique: Uint8Array[] = [];
  private readonly owners: number[][] = [];
  /** sent position -> unique index. */
  private perm: Uint32Array | undefined;
  private theirDouble: Set<string> | undefined;
  private singleStarted = false;
  private receivedStarted = false;
  /** Steps whose exponentiation has finished; the scalar is erased when this reaches 2. */
  private finished = 0;

  constructor(p: {
    offer: PsiOffer;
    role: PsiRole;
    items: readonly Uint8Array[];
    engine: PsiEngine;
    rng: Rng;
  }) {
    this.offer = p.offer;
    this.role = p.role;
    this.engine = p.engine;
    this.rng = p.rng;
    const size = p.role === 'initiator' ? p.offer.initiator_size : undefined;
    const seen = new Map<string, number>();
    p.items.forEach((item, i) => {
      const k = Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1');
      const at = seen.get(k);
      if (at === undefined) {
        seen.set(k, this.unique.length);
        this.unique.push(item);
        this.owners.push([i]);
      } else this.owners[at]!.push(i);
    });
    // Duplicates are removed before blinding so the other side cannot count repeats.
    if (size !== undefined && this.unique.length !== size) {
      throw new PsiError(
        'PSI_SIZE_MISMATCH',
        `offer declares ${size} entries, list has ${this.unique.length} distinct`,
      );
    }
    if (this.unique.length > p.offer.max_size) {
      throw new PsiError(
        'PSI_SIZE_MISMATCH',
        `list has ${this.unique.length} distinct entries, limit ${p.offer.max_size}`,
      );
    }
    this.scalar = randomScalar(p.rng);
  }

  /** Number of distinct entries this side sends (what the other side learns about its size). */
  get size(): number {
    return this.unique.length;
  }

  /** This side's entries hashed to the group, blinded and shuffled. */
  async blindOwn(): Promise<PsiBlindedSet> {
    const scalar = this.requireScalar('blindOwn');
    if (this.singleStarted) throw new PsiError('PSI_STATE_INVALID', 'own set already blinded');
    this.singleStarted = true;
    const blinded = await this.guard(
      this.engine.hashAndBlind(this.offer.suite, psiDst(this.offer), this.unique, scalar),
    );
    this.perm = randomPermutation(this.unique.length, this.rng);
    this.eraseIfDone();
    return this.message('single', permutePacked(blinded, this.perm, PSI_ELEMENT_BYTES));
  }

  /**
   * Re-blinds the other side's set. Returns the reply the other side needs in order to learn
   * (kept in their order, or shuffled in cardinality mode), or undefined when it learns nothing.
   */
  async receiveSingle(msg: PsiBlindedSet): Promise<PsiBlindedSet | undefined> {
    const scalar = this.requireScalar('receiveSingle');
    if (this.receivedStarted) throw new PsiError('PSI_STATE_INVALID', 'other set already received');
    const max = this.role === 'responder' ? this.offer.initiator_size : this.offer.max_size;
    const m = this.check(msg, 'single', max);
    if (this.role === 'responder' && m.count !== this.offer.initiator_size) {
      throw new PsiError(
        'PSI_SIZE_MISMATCH',
        `offer declares ${this.offer.initiator_size} entries, got ${m.count}`,
      );
    }
    this.receivedStarted = true;
    let doubled = await this.guard(this.engine.blind(this.offer.suite, m.elements, scalar));
    this.eraseIfDone();
    if (psiLearns(this.role, this.offer.mode)) {
      this.theirDouble = new Set();
      for (let i = 0; i < m.count; i++) this.theirDouble.add(key(doubled, i));
    }
    if (!psiLearns(other(this.role), this.offer.mode)) return undefined;
    if (this.offer.mode === 'cardinality') {
      doubled = permutePacked(doubled, randomPermutation(m.count, this.rng), PSI_ELEMENT_BYTES);
    }
    return this.message('double', doubled);
  }

  /** Compares this side's doubly blinded entries (from the other side) with theirs. */
  receiveDouble(msg: PsiBlindedSet): PsiOutcome {
    if (!psiLearns(this.role, this.offer.mode))
      throw new PsiError('PSI_STATE_INVALID', 'this side learns nothing in this mode');
    if (!this.perm || !this.theirDouble)
      throw new PsiError('PSI_STATE_INVALID', 'both blinding steps must come first');
    const m = this.check(msg, 'double', this.unique.length);
    if (m.count !== this.unique.length) {
      throw new PsiError('PSI_SIZE_MISMATCH', `sent ${this.unique.length} entries, got ${m.count} back`);
    }
    let overlap = 0;
    const matches: number[] = [];
    for (let pos = 0; pos < m.count; pos++) {
      if (!this.theirDouble.has(key(m.elements, pos))) continue;
      overlap++;
      if (this.offer.mode !== 'cardinality') matches.push(...this.owners[this.perm[pos]!]!);
    }
    this.theirDouble = undefined;
    if (this.offer.mode === 'cardinality') return { overlap };
    return { overlap, matches: matches.sort((a, b) => a - b) };
  }

  /** Zeroes the secret scalar and drops the comparison state. Idempotent. */
  dispose(): void {
    this.scalar?.fill(0);
    this.scalar = undefined;
    this.theirDouble = undefined;
  }

  private requireScalar(step: string): Uint8Array {
    if (!this.scalar) throw new PsiError('PSI_STATE_INVALID', `${step} after the secret was erased`);
    return this.scalar;
  }

  /** A failed step ends the comparison: the secret is erased at once. */
  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  private eraseIfDone(): void {
    if (++this.finished === 2) {
      this.scalar?.fill(0);
      this.scalar = undefined;
    }
  }

  private check(msg: PsiBlindedSet, stage: 'single' | 'double', max: number): PsiBlindedSet {
    const m = parsePsiBlindedSet(msg, max);
    if (m.session !== this.offer.session)
      throw new PsiError('PSI_MESSAGE_INVALID', 'message from another comparison');
    if (m.from !== other(this.role) || m.stage !== stage) {
      throw new PsiError('PSI_MESSAGE_INVALID', `expected a ${stage} set from the ${other(this.role)}`);
    }
    return m;
  }

  private message(stage: 'single' | 'double', elements: Uint8Array): PsiBlindedSet {
    return {
      type: 'psi-blinded',
      session: this.offer.session,
      from: this.role,
      stage,
      count: elements.length / PSI_ELEMENT_BYTES,
      elements,
    };
  }
}
