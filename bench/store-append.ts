/**
 * SQLite store throughput: single-entry appends (1 KiB envelopes, one transaction each) and the
 * node lookups behind a proof on a 1,000,000-entry log. Prints one JSON line per figure:
 * {"name", "value", "unit"}. Run: node --import tsx bench/store-append.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { hashLeaf } from '../src/core/merkle/hasher.js';
import type { NodeId } from '../src/core/merkle/compact.js';
import { openStore, type LogKey, type NewEntry, type Store } from '../src/store/index.js';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export interface StoreBenchOptions {
  readonly appends?: number;
  readonly proofLogSize?: number;
  readonly proofRounds?: number;
  readonly entryBytes?: number;
  /** Envelope size for the big proof log; node lookups do not read entries, so small saves disk. */
  readonly proofLogEntryBytes?: number;
  /** Keep the database folder (printed) for further experiments. */
  readonly keep?: boolean;
}

const STORED_AT = '2026-01-01T00:00:00Z';

function entry(log: LogKey, seq: number, size: number): NewEntry {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(`${log.channel}|${log.author}|${seq}|`));
  return { seq, hash: hashLeaf(bytes), kind: 'share', created: STORED_AT, bytes };
}

async function benchAppends(store: Store, n: number, entryBytes: number): Promise<number> {
  const log = { channel: 'channel--bench-append', author: 'identity--bench' };
  const entries = Array.from({ length: n }, (_, i) => entry(log, i, entryBytes));
  const warmup = Math.min(1000, n / 10);
  for (let i = 0; i < warmup; i++) await store.appendEntries(log, [entries[i]!], STORED_AT);
  const t0 = performance.now();
  for (let i = warmup; i < n; i++) await store.appendEntries(log, [entries[i]!], STORED_AT);
  return ((n - warmup) / (performance.now() - t0)) * 1000;
}

/**
 * The same file system's floor: one-row transactions in WAL mode with the store's pragmas. A WAL
 * commit costs a dozen or so syscalls whatever it writes, so on a VM with expensive syscalls this
 * caps any one-append-per-transaction rate; report it so that the append figure can be read.
 */
function benchCommitFloor(path: string, n: number): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
    const ins = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    const tx = db.transaction((k: number) => ins.run(k, k));
    const t0 = performance.now();
    for (let k = 0; k < n; k++) tx.immediate(k);
    return (n / (performance.now() - t0)) * 1000;
  } finally {
    db.close();
  }
}

/**
 * 40 stored nodes spread over the tree, as two proofs' worth of siblings: the audit paths of two
 * random leaves, one node per level each, so that lookups land in different B-tree pages.
 */
function proofIds(size: number, rnd: () => number): NodeId[] {
  const ids: NodeId[] = [];
  while (ids.length < 40) {
    let leaf = Math.floor(rnd() * size);
    for (let level = 0; ids.length < 40 && 2 ** (level + 1) <= size; level++, leaf = Math.floor(leaf / 2)) {
      const sibling = leaf ^ 1;
      if ((sibling + 1) * 2 ** level <= size) ids.push({ level, index: sibling });
    }
  }
  return ids;
}

async function benchProofLookups(
  store: Store,
  size: number,
  rounds: number,
  entryBytes: number,
): Promise<{ median: number; p99: number; buildRate: number }> {
  const log = { channel: 'channel--bench-proof', author: 'identity--bench' };
  const batch = 10_000;
  const t0 = performance.now();
  for (let from = 0; from < size; from += batch) {
    const n = Math.min(batch, size - from);
    await store.appendEntries(
      log,
      Array.from({ length: n }, (_, i) => entry(log, from + i, entryBytes)),
      STORED_AT,
    );
  }
  const buildRate = (size / (performance.now() - t0)) * 1000;
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const ids = proofIds(size, rnd);
    const t = performance.now();
    const got = await store.getNodeHashes(log, ids);
    times.push(performance.now() - t);
    if (got.length !== ids.length) throw new Error('short answer');
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)]!, p99: times[Math.floor(rounds * 0.99)]!, buildRate };
}

/** Runs both measurements on a throwaway SQLite file and prints JSON lines. */
export async function runStoreBench(opts: StoreBenchOptions = {}): Promise<BenchResult[]> {
  const entryBytes = opts.entryBytes ?? 1024;
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const results: BenchResult[] = [];
  const emit = (r: BenchResult) => {
    results.push(r);
    console.log(JSON.stringify(r));
  };
  emit({
    name: 'store.sqlite.commit_floor_one_row',
    value: Math.round(benchCommitFloor(join(dir, 'floor.db'), 20_000)),
    unit: 'commits/s',
  });
  const store = await openStore({ engine: 'sqlite', path: join(dir, 'bench.db') });
  try {
    emit({
      name: 'store.sqlite.append_single_1KiB',
      value: Math.round(await benchAppends(store, opts.appends ?? 50_000, entryBytes)),
      unit: 'appends/s',
    });
    const size = opts.proofLogSize ?? 1_000_000;
    const p = await benchProofLookups(store, size, opts.proofRounds ?? 2000, opts.proofLogEntryBytes ?? 128);
    emit({
      name: `store.sqlite.append_batch10k_build_${size}`,
      value: Math.round(p.buildRate),
      unit: 'entries/s',
    });
    emit({
      name: `store.sqlite.get_node_hashes_40_at_${size}_median`,
      value: +p.median.toFixed(4),
      unit: 'ms',
    });
    emit({ name: `store.sqlite.get_node_hashes_40_at_${size}_p99`, value: +p.p99.toFixed(4), unit: 'ms' });
  } finally {
    await store.close();
    if (opts.keep) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runStoreBench({ keep: process.env.PARLEY_BENCH_KEEP === '1' });
}
