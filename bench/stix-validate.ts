/**
 * STIX validation throughput: every object of the MITRE ATT&CK for ICS bundle (1,826 objects, mostly
 * relationships and custom x-mitre-* objects) through validateStixObject, repeated for a fixed time.
 * Target: 20,000 objects/s on one core, what TAXII ingest needs. Prints one JSON line.
 *
 *   node --import tsx bench/stix-validate.ts [seconds]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateStixObject } from '../src/core/stix/index.js';

export const STIX_BENCH_TARGET_OBJECTS_PER_SECOND = 20_000;
const DEFAULT_SECONDS = 3;

export interface StixBenchResult {
  readonly name: 'stix-validate';
  readonly objects: number;
  readonly validated: number;
  readonly seconds: number;
  /** Wall-clock rate; drops when other processes share the machine. */
  readonly objectsPerSecond: number;
  /** Rate per second of this process's CPU time: the one-core figure, steady under load. */
  readonly objectsPerCpuSecond: number;
  readonly issues: number;
  readonly target: number;
  readonly meetsTarget: boolean;
}

function loadObjects(): unknown[] {
  const file = resolve(process.cwd(), '../shared/fixtures/stix/attack/ics-attack-18.1.json');
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as { objects: unknown[] };
  return bundle.objects;
}

/** Validates the ICS ATT&CK objects repeatedly for `seconds` (after one warm-up pass) and reports the rate. */
export function runStixBench(seconds = DEFAULT_SECONDS): StixBenchResult {
  const objects = loadObjects();
  let issues = 0;
  for (const o of objects) issues += validateStixObject(o).length;
  let validated = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (const o of objects) validateStixObject(o);
    validated += objects.length;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const objectsPerSecond = Math.round(validated / elapsed);
  const objectsPerCpuSecond = Math.round(validated / cpuSeconds);
  return {
    name: 'stix-validate',
    objects: objects.length,
    validated,
    seconds: Number(elapsed.toFixed(3)),
    objectsPerSecond,
    objectsPerCpuSecond,
    issues,
    target: STIX_BENCH_TARGET_OBJECTS_PER_SECOND,
    meetsTarget: objectsPerCpuSecond >= STIX_BENCH_TARGET_OBJECTS_PER_SECOND,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  console.log(JSON.stringify(runStixBench(arg === undefined ? DEFAULT_SECONDS : Number(arg))));
}
