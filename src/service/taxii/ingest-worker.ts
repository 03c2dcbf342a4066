/** An ingest worker thread: envelope text in, validated objects (or the TAXII error) out. */
import { parentPort } from 'node:worker_threads';
import { TaxiiError } from './taxii-error.js';
import { prepareEnvelope } from './taxii-envelope.js';
import type { IngestReply, IngestTask } from './ingest-pool.js';

parentPort!.on('message', (task: IngestTask) => {
  let reply: IngestReply;
  try {
    reply = { id: task.id, ok: true, result: prepareEnvelope(task.text) };
  } catch (e) {
    const err =
      e instanceof TaxiiError
        ? e
        : new TaxiiError('TAXII_ENVELOPE_INVALID', String((e as Error)?.message ?? e));
    reply = {
      id: task.id,
      ok: false,
      code: err.code,
      message: err.message,
      details: err.details ? { ...err.details } : undefined,
    };
  }
  parentPort!.postMessage(reply);
});
