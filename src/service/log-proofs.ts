import { toBase64 } from '../core/bytes/index.js';
import { ParleyError } from '../core/errors.js';
import {
  createNoteVerifier,
  hashLeaf,
  parseCheckpoint,
  parseSignedNote,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '../core/merkle/index.js';
import type { CheckpointRecord, LogHead, LogKey, Store } from '../store/index.js';
import { authorKeyHistory } from './author-keys.js';
import type { LogService } from './log-service.js';
import { logOrigin, noteKeyName } from './log-origin.js';

/** One check's outcome; a failure carries the stable code and the node's English message. */
export type CheckResult =
  | { readonly result: 'verified' }
  | { readonly result: 'failed'; readonly code: string; readonly message: string }
  | { readonly result: 'not-applicable'; readonly code: string };

export interface CheckpointFacts {
  readonly size: number;
  readonly rootHash: string;
  readonly createdAt: string;
  /** Key names (party ids) on the note's signature lines, checked or not. */
  readonly signers: readonly string[];
}

export interface LogProofs extends LogKey {
  readonly size: number;
  readonly latest?: CheckpointFacts;
  readonly previous?: CheckpointFacts;
  readonly signature: CheckResult;
  /** The latest entry the latest checkpoint covers (index size-1) proven into its signed root. */
  readonly inclusion: CheckResult & { readonly index?: number };
  /** The previous checkpoint's tree proven to be a prefix of the latest one's. */
  readonly consistency: CheckResult & { readonly from?: number; readonly to?: number };
}

const failed = (e: unknown): CheckResult => ({
  result: 'failed',
  code: e instanceof ParleyError ? e.code : 'VERIFY_FAILED',
  message: e instanceof Error ? e.message : String(e),
});

/** The note's own claim, unverified: proofs are checked against what was signed, not the row. */
function claimed(cp: CheckpointRecord): Checkpoint | undefined {
  try {
    return parseCheckpoint(parseSignedNote(cp.note).text);
  } catch {
    return undefined;
  }
}

function facts(cp: CheckpointRecord): CheckpointFacts {
  let signers: string[] = [];
  try {
    signers = [...new Set(parseSignedNote(cp.note).signatures.map((s) => s.name))];
  } catch {
    /* a malformed note has no readable signers; the signature check reports it */
  }
  return { size: cp.size, rootHash: toBase64(cp.rootHash), createdAt: cp.createdAt, signers };
}

/**
 * Checks what a reader of one log relies on, from the stored bytes and nodes, at O(log n) cost
 * (unlike `verifyAllLogs`, which rereads everything): the latest stored checkpoint is signed by
 * the author (with any key of its history in this log, author-keys.ts) and matches its row; its last entry, hashed from the stored bytes, is proven into the signed root; and the
 * previous checkpoint's signed root is proven a prefix of it. Never throws on bad data.
 */
export async function checkLogProofs(store: Store, logs: LogService, head: LogHead): Promise<LogProofs> {
  const log: LogKey = { channel: head.channel, author: head.author };
  const [latest, previous] = await store.listCheckpoints(log, 2);
  const base = { ...log, size: head.size };
  if (!latest) {
    const none = { result: 'not-applicable', code: 'NO_CHECKPOINT' } as const;
    return { ...base, signature: none, inclusion: none, consistency: none };
  }
  const out = { ...base, latest: facts(latest), ...(previous ? { previous: facts(previous) } : {}) };
  const signature = await checkSignature(store, log, latest);
  const now = claimed(latest);
  if (!now)
    return {
      ...out,
      signature,
      inclusion: failed(new ParleyError('NOTE_MALFORMED', 'the latest checkpoint cannot be read')),
      consistency: { result: 'not-applicable', code: 'NO_CHECKPOINT' },
    };
  // A note that claims another size than its row is not proof of either: say so, prove nothing.
  if (now.size !== latest.size) {
    const e = failed(
      new ParleyError('CHECKPOINT_INVALID', `the note claims size ${now.size}, its row says ${latest.size}`),
    );
    return { ...out, signature, inclusion: e, consistency: e };
  }
  return {
    ...out,
    signature,
    inclusion: await checkInclusion(store, logs, log, now),
    consistency: await checkConsistency(logs, log, previous, now),
  };
}

async function checkSignature(store: Store, log: LogKey, cp: CheckpointRecord): Promise<CheckResult> {
  try {
    const keys = await authorKeyHistory(store, log);
    if (keys.length === 0) throw new ParleyError('UNKNOWN_AUTHOR', `no pinned key for ${log.author}`);
    const v = verifyCheckpoint(
      cp.note,
      keys.map((k) => createNoteVerifier(noteKeyName(log.author), k.publicKey)),
      logOrigin(log),
    );
    if (v.checkpoint.size !== cp.size)
      throw new ParleyError('CHECKPOINT_INVALID', `note says size ${v.checkpoint.size}, row says ${cp.size}`);
    if (toBase64(v.checkpoint.rootHash) !== toBase64(cp.rootHash))
      throw new ParleyError(
        'CHECKPOINT_INVALID',
        `stored root of checkpoint ${cp.size} differs from its signed note`,
      );
    return { result: 'verified' };
  } catch (e) {
    return failed(e);
  }
}

async function checkInclusion(
  store: Store,
  logs: LogService,
  log: LogKey,
  cp: Checkpoint,
): Promise<LogProofs['inclusion']> {
  if (cp.size === 0) return { result: 'not-applicable', code: 'EMPTY_LOG' };
  const index = cp.size - 1;
  try {
    const [entry] = await store.getEntries(log, index, 1);
    if (!entry || entry.seq !== index) throw new ParleyError('LOG_CORRUPT', `entry ${index} is missing`);
    // The leaf is hashed from the stored bytes (what was signed), not read from the hash column.
    const p = await logs.inclusionProof(log, index, cp.size);
    verifyInclusion(hashLeaf(entry.bytes), index, cp.size, p.proof, cp.rootHash);
    return { result: 'verified', index };
  } catch (e) {
    return { ...failed(e), index };
  }
}

async function checkConsistency(
  logs: LogService,
  log: LogKey,
  previous: CheckpointRecord | undefined,
  now: Checkpoint,
): Promise<LogProofs['consistency']> {
  const before = previous && claimed(previous);
  if (!previous) return { result: 'not-applicable', code: 'NO_EARLIER_CHECKPOINT' };
  const span = { from: previous.size, to: now.size };
  try {
    if (!before) throw new ParleyError('NOTE_MALFORMED', `checkpoint ${previous.size} cannot be read`);
    if (before.size === 0) return { result: 'verified', ...span };
    const p = await logs.consistencyProof(log, before.size, now.size);
    verifyConsistency(before.size, now.size, p.proof, before.rootHash, now.rootHash);
    return { result: 'verified', ...span };
  } catch (e) {
    return { ...failed(e), ...span };
  }
}
