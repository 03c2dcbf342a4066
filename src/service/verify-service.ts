import { equalBytes } from '../core/sig/index.js';
import { toHex } from '../core/bytes/index.js';
import { ParleyError } from '../core/errors.js';
import { parseEnvelope, verifyEnvelopePosition, verifyEnvelopeSignature } from '../core/envelope/index.js';
import {
  computeAppend,
  createNoteVerifier,
  hashLeaf,
  verifyCheckpoint,
  type StoredNode,
} from '../core/merkle/index.js';
import type { LogHead, LogKey, Store } from '../store/index.js';
import { keyNamedByRotation } from './author-keys.js';
import { logOrigin, noteKeyName } from './log-origin.js';
import { verifyEvidence } from './verify-evidence.js';
import { checkStoredNodes, type ProblemSink } from './verify-nodes.js';

import type { VerifyProblem } from './verify-problem.types.js';

export type { VerifyProblem } from './verify-problem.types.js';

export interface LogReport {
  readonly channel: string;
  readonly author: string;
  readonly size: number;
  readonly rootHash: string;
  readonly entriesVerified: number;
  readonly checkpointsVerified: number;
  readonly ok: boolean;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly logs: LogReport[];
  readonly problems: VerifyProblem[];
  readonly entries: number;
  readonly checkpoints: number;
}

export type VerifyProgress = (done: number, total: number) => void;

const PAGE = 2000;
const MAX_PROBLEMS_PER_LOG = 100;

/**
 * Re-verifies every stored log from its bytes: each envelope parses, is canonical, is signed by
 * its author's pinned key, sits at its seq and chains to the one before; the Merkle tree
 * recomputed from the entries' bytes equals every stored node (proofs are built from them) and
 * the stored head; every stored checkpoint is signed by the author and matches the recomputed
 * root at its size. One streaming pass: memory is a page of entries plus the O(log n) frontier.
 * Then the equivocation evidence kept is re-verified with the authors' keys (verify-evidence.ts):
 * a log can verify here while its author showed another member another history.
 * Never throws on bad data: problems are collected in the report (batch work returns a report);
 * a store failure propagates.
 */
export async function verifyAllLogs(store: Store, onProgress?: VerifyProgress): Promise<VerifyReport> {
  const logs = await store.listLogs();
  const parties = await store.listParties();
  const keys = new Map(parties.map((p) => [p.id, p.publicKey]));
  const total = logs.reduce((n, l) => n + l.size, 0);
  let done = 0;
  const reports: LogReport[] = [];
  const problems: VerifyProblem[] = [];
  let checkpoints = 0;
  for (const head of logs) {
    const r = await verifyLog(store, head, keys, (n) => onProgress?.((done += n), total));
    reports.push(r.report);
    problems.push(...r.problems);
    checkpoints += r.report.checkpointsVerified;
  }
  problems.push(...(await verifyEvidence(store)));
  return { ok: problems.length === 0, logs: reports, problems, entries: total, checkpoints };
}

async function verifyLog(
  store: Store,
  head: LogHead,
  keys: ReadonlyMap<string, Uint8Array>,
  tick: (n: number) => void,
): Promise<{ report: LogReport; problems: VerifyProblem[] }> {
  const log: LogKey = { channel: head.channel, author: head.author };
  const problems: VerifyProblem[] = [];
  const problem: ProblemSink = (code, message, at) => {
    if (problems.length < MAX_PROBLEMS_PER_LOG)
      problems.push({ ...log, ...(at !== undefined ? { at } : {}), code, message });
    return problems.length < MAX_PROBLEMS_PER_LOG;
  };
  const stored = await store.listCheckpoints(log);
  const checkpointSizes = new Set(stored.map((c) => c.size));
  const rootsAt = new Map<number, Uint8Array>();
  let frontier: Uint8Array[] = [];
  let size = 0;
  let lastHash: string | undefined;
  let verified = 0;
  // The author's key history (author-keys.ts), rebuilt here from the bytes: a rotation adds its
  // key only once its own signature verified with the key before it, since stored data is what
  // this pass doubts.
  const chain: Uint8Array[] = keys.has(log.author) ? [keys.get(log.author)!] : [];
  const resolver = (id: string): Uint8Array | undefined =>
    id === log.author ? chain[chain.length - 1] : keys.get(id);
  if (checkpointSizes.has(0)) rootsAt.set(0, computeAppend(0, [], []).rootHash);
  // Up to the head read at the start: on a live node appends go on meanwhile, and what they add
  // is checked on the next pass (entries beyond a head that stays put are checked below).
  for (let from = 0; from < head.size; from += PAGE) {
    const page = await store.getEntries(log, from, Math.min(PAGE, head.size - from));
    if (page.length === 0) {
      problem('LOG_CORRUPT', `entries from seq ${from} are missing (head says ${head.size})`, from);
      break;
    }
    const recomputed: StoredNode[] = [];
    for (const entry of page) {
      if (entry.seq !== size) problem('LOG_CORRUPT', `expected seq ${size}, found ${entry.seq}`, entry.seq);
      // The tree is rebuilt from the bytes, which are what was signed, not from the stored hash
      // column: a wrong stored hash is then reported once here, not again at every later node.
      let leaf: Uint8Array | undefined;
      try {
        const parsed = parseEnvelope(entry.bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
        leaf = parsed.hash;
        if (parsed.envelope.channel !== log.channel || parsed.envelope.author !== log.author) {
          problem(
            'LOG_CORRUPT',
            'envelope names another channel or author than the log holding it',
            entry.seq,
          );
        }
        verifyEnvelopeSignature(parsed, resolver);
        verifyEnvelopePosition(parsed.envelope, { size, lastHash });
        verified++;
        const next = keyNamedByRotation(parsed.envelope);
        if (next) chain.push(next);
      } catch (e) {
        problem(
          e instanceof ParleyError ? e.code : 'LOG_CORRUPT',
          e instanceof Error ? e.message : String(e),
          entry.seq,
        );
      }
      leaf ??= hashLeaf(entry.bytes);
      if (!equalBytes(leaf, entry.hash))
        problem('LOG_CORRUPT', 'stored hash is not the leaf hash of the stored bytes', entry.seq);
      const next = computeAppend(size, frontier, [leaf]);
      recomputed.push(...next.nodes);
      frontier = next.frontier;
      size = next.size;
      lastHash = toHex(leaf);
      if (checkpointSizes.has(size)) rootsAt.set(size, next.rootHash);
    }
    await checkStoredNodes(store, log, recomputed, problem);
    tick(page.length);
  }
  const root = computeAppend(size, frontier, []).rootHash;
  if (size !== head.size) problem('LOG_CORRUPT', `head says size ${head.size}, found ${size} entries`);
  else if (!equalBytes(root, head.rootHash))
    problem('ROOT_MISMATCH', `stored root at size ${size} differs from the recomputed one`, size);
  if (size === head.size && (await store.getEntries(log, size, 1)).length > 0) {
    // An entry beyond the head: an append that committed since the head was read, or a head
    // moved back (root, frontier and all) to hide later entries. Only the second leaves the
    // head where it was.
    const now = await store.getLogHead(log);
    if ((now?.size ?? 0) <= head.size)
      problem('LOG_CORRUPT', `entries beyond the head (size ${head.size}) are stored`, size);
  }
  let checkpointsVerified = 0;
  let liveSize: number | undefined;
  for (const cp of stored) {
    // Signed after an append that committed since the head was read: the next pass checks it.
    if (cp.size > head.size && (liveSize ??= (await store.getLogHead(log))?.size ?? 0) >= cp.size) continue;
    try {
      if (chain.length === 0) throw new ParleyError('UNKNOWN_AUTHOR', `no pinned key for ${log.author}`);
      const v = verifyCheckpoint(
        cp.note,
        chain.map((k) => createNoteVerifier(noteKeyName(log.author), k)),
        logOrigin(log),
      );
      const want = rootsAt.get(cp.size);
      if (v.checkpoint.size !== cp.size)
        throw new ParleyError(
          'CHECKPOINT_INVALID',
          `note says size ${v.checkpoint.size}, row says ${cp.size}`,
        );
      if (!want)
        throw new ParleyError(
          'CHECKPOINT_INVALID',
          `checkpoint of size ${cp.size} is beyond the log (size ${size})`,
        );
      if (!equalBytes(want, v.checkpoint.rootHash))
        throw new ParleyError(
          'CHECKPOINT_INVALID',
          `checkpoint root at size ${cp.size} does not match the log`,
        );
      // The row's root column is what serving code may read without reopening the note.
      if (!equalBytes(cp.rootHash, v.checkpoint.rootHash))
        throw new ParleyError(
          'CHECKPOINT_INVALID',
          `stored root of checkpoint ${cp.size} differs from its signed note`,
        );
      checkpointsVerified++;
    } catch (e) {
      problem(
        e instanceof ParleyError ? e.code : 'CHECKPOINT_INVALID',
        e instanceof Error ? e.message : String(e),
        cp.size,
      );
    }
  }
  return {
    report: {
      ...log,
      size,
      rootHash: toHex(root),
      entriesVerified: verified,
      checkpointsVerified,
      ok: problems.length === 0,
    },
    problems,
  };
}
