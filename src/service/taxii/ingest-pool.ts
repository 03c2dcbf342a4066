/**
 * Worker threads that parse and validate POSTed envelopes, so that the main thread keeps serving
 * requests and writing to the store while the next envelope is being validated. Threads start on
 * first use and are unref'd (they never keep a process alive). A thread that dies is replaced; its
 * task fails with the error.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TaxiiError, type TaxiiCode } from './taxii-error.js';
import type { PreparedEnvelope } from './taxii-envelope.js';

export interface IngestTask {
  readonly id: number;
  readonly text: string;
}

export type IngestReply =
  | { readonly id: number; readonly ok: true; readonly result: PreparedEnvelope }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code: TaxiiCode;
      readonly message: string;
      readonly details: Record<string, unknown> | undefined;
    };

/** One thread per core but one (the main thread has the store and HTTP), at least one. */
export function defaultIngestWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

// Compiled, the worker is .js; under tsx (tests, benches) it is .ts and needs tsx registered first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./ingest-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
const TSX_BOOTSTRAP = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;

type Pending = { resolve: (r: PreparedEnvelope) => void; reject: (e: unknown) => void; worker: Worker };

export class IngestPool {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #load = new Map<Worker, number>();
  readonly #pending = new Map<number, Pending>();
  #next = 1;

  constructor(size = defaultIngestWorkers()) {
    this.size = Math.max(1, size);
  }

  /** Parses and validates an envelope in a worker. Rejects with TAXII_ENVELOPE_INVALID like the inline path. */
  prepare(text: string): Promise<PreparedEnvelope> {
    const worker = this.#pick();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker });
      this.#load.set(worker, (this.#load.get(worker) ?? 0) + 1);
      worker.postMessage({ id, text } satisfies IngestTask);
    });
  }

  async close(): Promise<void> {
    const ws = this.#workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }

  #pick(): Worker {
    if (this.#workers.length < this.size) return this.#spawn();
    let best = this.#workers[0]!;
    for (const w of this.#workers) if ((this.#load.get(w) ?? 0) < (this.#load.get(best) ?? 0)) best = w;
    return best;
  }

  #spawn(): Worker {
    const w = FROM_SOURCE ? new Worker(TSX_BOOTSTRAP, { eval: true }) : new Worker(WORKER_URL);
    this.#workers.push(w);
    this.#load.set(w, 0);
    w.on('message', (r: IngestReply) => {
      const p = this.#pending.get(r.id);
      if (!p) return;
      this.#pending.delete(r.id);
      this.#load.set(w, Math.max(0, (this.#load.get(w) ?? 1) - 1));
      if (r.ok) p.resolve(r.result);
      else p.reject(new TaxiiError(r.code, r.message, r.details ? { details: r.details } : undefined));
    });
    const fail = (e: unknown) => {
      this.#workers.splice(this.#workers.indexOf(w), 1);
      this.#load.delete(w);
      for (const [id, p] of this.#pending) {
        if (p.worker !== w) continue;
        this.#pending.delete(id);
        p.reject(e instanceof Error ? e : new Error(`ingest worker stopped: ${String(e)}`));
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`ingest worker exited with ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    w.unref();
    return w;
  }
}
