import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { PSI_ELEMENT_BYTES, type PsiEngine, type PsiSuite } from '../../core/psi/index.js';
import { PsiError, type PsiCode, PSI_CODES } from '../../core/errors.js';
import type { PoolReply, PoolTask } from './pool-protocol.types.js';

/** Items per message: large enough that postMessage costs nothing next to the arithmetic. */
export const DEFAULT_PSI_BATCH = 4096;

export interface PsiPoolOptions {
  /** Worker threads; defaults to the number of cores (at least 1). */
  readonly size?: number;
  readonly batch?: number;
}

type Pending = { resolve: (out: Uint8Array) => void; reject: (e: unknown) => void };
type Job = { task: PoolTask; transfer: ArrayBuffer[]; pending: Pending };

// Compiled, the worker is plain .js. Under tsx (tests, bench) it is .ts, and Node 20 does not
// carry the parent's --import hooks into workers, so a two-line bootstrap registers tsx first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./pool-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
const TSX_BOOTSTRAP = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;

/**
 * A fixed set of worker threads running the PSI group arithmetic: the PsiEngine the node uses
 * for real lists. Work is cut into batches and handed to whichever worker is free; both sides
 * of an in-process comparison may share one pool. `close()` ends the threads.
 */
export class PsiWorkerPool implements PsiEngine {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly inflight = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 1;
  private closed = false;
  readonly batch: number;

  constructor(opts: PsiPoolOptions = {}) {
    const size = Math.max(1, opts.size ?? availableParallelism());
    this.batch = Math.max(1, opts.batch ?? DEFAULT_PSI_BATCH);
    for (let i = 0; i < size; i++) this.spawn();
  }

  get size(): number {
    return this.workers.length;
  }

  async hashAndBlind(
    suite: PsiSuite,
    dst: Uint8Array,
    items: readonly Uint8Array[],
    scalar: Uint8Array,
  ): Promise<Uint8Array> {
    const parts: Promise<Uint8Array>[] = [];
    for (let start = 0; start < items.length; start += this.batch) {
      const chunk = items.slice(start, start + this.batch);
      const offsets = new Uint32Array(chunk.length + 1);
      let total = 0;
      chunk.forEach((c, i) => {
        total += c.length;
        offsets[i + 1] = total;
      });
      const bytes = new Uint8Array(total);
      chunk.forEach((c, i) => bytes.set(c, offsets[i]!));
      const task: PoolTask = {
        id: this.nextId++,
        op: 'hash-blind',
        suite,
        dst,
        bytes,
        offsets,
        scalar: scalar.slice(),
      };
      parts.push(this.submit(task, [bytes.buffer, offsets.buffer]));
    }
    return concat(await Promise.all(parts), items.length);
  }

  async blind(suite: PsiSuite, elements: Uint8Array, scalar: Uint8Array): Promise<Uint8Array> {
    const step = this.batch * PSI_ELEMENT_BYTES;
    const parts: Promise<Uint8Array>[] = [];
    for (let start = 0; start < elements.length; start += step) {
      const chunk = elements.slice(start, start + step);
      const first = start / PSI_ELEMENT_BYTES;
      const task: PoolTask = {
        id: this.nextId++,
        op: 'blind',
        suite,
        elements: chunk,
        scalar: scalar.slice(),
      };
      parts.push(
        this.submit(task, [chunk.buffer]).catch((e: unknown) => {
          // Report the index in the whole set, not in the batch.
          if (e instanceof PsiError && typeof e.details?.['index'] === 'number') {
            const index = first + e.details['index'];
            throw new PsiError(e.code, `element ${index} is not a valid group element`, {
              details: { index },
            });
          }
          throw e;
        }),
      );
    }
    return concat(await Promise.all(parts), elements.length / PSI_ELEMENT_BYTES);
  }

  /** Ends every worker; pending work fails with PSI_STATE_INVALID. */
  async close(): Promise<void> {
    this.closed = true;
    const err = new PsiError('PSI_STATE_INVALID', 'worker pool closed');
    for (const job of this.queue.splice(0)) job.pending.reject(err);
    for (const p of this.inflight.values()) p.reject(err);
    this.inflight.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private submit(task: PoolTask, transfer: ArrayBuffer[]): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new PsiError('PSI_STATE_INVALID', 'worker pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        task,
        transfer: [...transfer, task.scalar.buffer as ArrayBuffer],
        pending: { resolve, reject },
      });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.inflight.set(job.task.id, job.pending);
      this.busy.set(w, job.task.id);
      w.postMessage(job.task, job.transfer);
    }
  }

  private spawn(): void {
    const w = FROM_SOURCE ? new Worker(TSX_BOOTSTRAP, { eval: true }) : new Worker(WORKER_URL);
    w.on('message', (r: PoolReply) => {
      const p = this.inflight.get(r.id);
      this.inflight.delete(r.id);
      this.busy.delete(w);
      this.idle.push(w);
      if (p) {
        if (r.ok) p.resolve(r.out);
        else
          p.reject(
            new PsiError(
              asPsiCode(r.code),
              r.message,
              r.index === undefined ? undefined : { details: { index: r.index } },
            ),
          );
      }
      this.pump();
    });
    w.on('error', (e) => this.fail(w, e));
    w.on('exit', (code) => {
      if (!this.closed) this.fail(w, new Error(`psi worker exited with code ${code}`));
    });
    this.workers.push(w);
    this.idle.push(w);
  }

  // A crashed worker fails its batch and is replaced, so one bad task does not stall the pool.
  private fail(w: Worker, cause: unknown): void {
    const id = this.busy.get(w);
    this.busy.delete(w);
    if (id !== undefined) {
      this.inflight.get(id)?.reject(new PsiError('PSI_STATE_INVALID', 'psi worker failed', { cause }));
      this.inflight.delete(id);
    }
    const at = this.workers.indexOf(w);
    if (at < 0) return;
    this.workers.splice(at, 1);
    const idleAt = this.idle.indexOf(w);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    if (!this.closed) {
      this.spawn();
      this.pump();
    }
  }
}

function asPsiCode(code: string): PsiCode {
  return (PSI_CODES as readonly string[]).includes(code) ? (code as PsiCode) : 'PSI_STATE_INVALID';
}

function concat(parts: Uint8Array[], count: number): Uint8Array {
  const out = new Uint8Array(count * PSI_ELEMENT_BYTES);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
