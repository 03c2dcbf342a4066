// The reference the PSI issue measures against: OpenMined's PSI library (@openmined/psi.js, ECDH
// over P-256 in WebAssembly, one thread), run on the same machine in the same `npm run bench`, so
// that the two figures share the machine's load. It is not a dependency of Parley: install it
// beside the benches with
//   npm install --prefix bench/.openmined --ignore-scripts --no-audit --no-fund @openmined/psi.js
// (bench/.openmined is ignored by git). Without it, this bench says so and returns nothing.
//
// What it times: OpenMined's own flow with the intersection revealed to the client — the server
// blinds its set into a setup message (GCS, false-positive rate 1e-6: at 1e-9 and 100,000 entries its protobuf writer fails an int64 assertion), the client blinds its set,
// the server re-blinds the client's request, the client computes the intersection. That is
// Parley's `one-sided` mode (only the initiator learns), done in one thread as the library does.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface OpenMinedRow {
  readonly library: '@openmined/psi.js';
  readonly version: string;
  readonly size: number;
  readonly overlap: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly wireBytes: number;
}

interface Serializable {
  serializeBinary(): Uint8Array;
}
interface OpenMinedPsi {
  server: {
    createWithNewKey(reveal: boolean): {
      createSetupMessage(fpr: number, n: number, items: string[]): Serializable;
      processRequest(r: unknown): Serializable;
    };
  };
  client: {
    createWithNewKey(reveal: boolean): {
      createRequest(items: string[]): Serializable;
      getIntersection(setup: unknown, response: unknown): number[];
    };
  };
  request: { deserializeBinary(b: Uint8Array): unknown };
  response: { deserializeBinary(b: Uint8Array): unknown };
  serverSetup: { deserializeBinary(b: Uint8Array): unknown };
}

const here = dirname(fileURLToPath(import.meta.url));
const prefix = join(here, '.openmined');

export async function runPsiOpenMinedBench(
  sizes: readonly number[] = [10_000, 100_000],
): Promise<OpenMinedRow[]> {
  const pkg = join(prefix, 'node_modules', '@openmined', 'psi.js', 'package.json');
  if (!existsSync(pkg)) {
    console.error(
      'psi-openmined: @openmined/psi.js is not installed (npm install --prefix bench/.openmined --ignore-scripts @openmined/psi.js)',
    );
    return [];
  }
  const require = createRequire(join(prefix, 'index.js'));
  const version = (require(pkg) as { version: string }).version;
  const PSI = require('@openmined/psi.js') as () => Promise<OpenMinedPsi>;
  const psi = await PSI();
  const rows: OpenMinedRow[] = [];
  for (const size of sizes) {
    // The same lists as bench/psi.ts: distinct entries sharing a tenth.
    const shared = Math.floor(size / 10);
    const mk = (tag: string, i: number) => `${tag}-${i.toString(16).padStart(12, '0')}`;
    const clientItems = Array.from({ length: size }, (_, i) => mk('entry', i));
    const serverItems = Array.from({ length: size }, (_, i) =>
      i < shared ? mk('entry', i * 7) : mk('other', i),
    );
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const server = psi.server.createWithNewKey(true);
    const client = psi.client.createWithNewKey(true);
    const setup = server.createSetupMessage(1e-6, size, serverItems).serializeBinary();
    const request = client.createRequest(clientItems).serializeBinary();
    const response = server.processRequest(psi.request.deserializeBinary(request)).serializeBinary();
    const found = client.getIntersection(
      psi.serverSetup.deserializeBinary(setup),
      psi.response.deserializeBinary(response),
    );
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    rows.push({
      library: '@openmined/psi.js',
      version,
      size,
      overlap: found.length,
      seconds: +seconds.toFixed(2),
      cpuSeconds: +((c.user + c.system) / 1e6).toFixed(2),
      wireBytes: setup.length + request.length + response.length,
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--sizes');
  const sizes = i > 0 ? process.argv[i + 1]!.split(',').map(Number) : undefined;
  console.log(
    JSON.stringify(
      { bench: 'psi-openmined', node: process.version, rows: await runPsiOpenMinedBench(sizes) },
      null,
      2,
    ),
  );
}
