// PSI benchmark: both parties in one process sharing one worker pool, as a two-core node pair
// would. Prints JSON. Run: node --import tsx bench/psi.ts [--sizes 10000,100000] [--suite all]
import { pathToFileURL } from 'node:url';
import { DEFAULT_PSI_SUITE, PSI_SUITES, runPsiInProcess, type PsiSuite } from '../src/core/psi/index.js';
import { secureRandomBytes } from '../src/core/sig/index.js';
import { PsiWorkerPool } from '../src/service/psi/index.js';

export interface PsiBenchRow {
  readonly suite: PsiSuite;
  readonly size: number;
  readonly overlap: number;
  readonly seconds: number;
  /** User + system CPU time of the whole process, workers included: wall time on an idle
   * machine is at least this divided by the number of cores. */
  readonly cpuSeconds: number;
  readonly wireBytes: number;
  readonly workers: number;
}

/** Lists of `size` distinct 20-byte entries sharing a tenth, like two indicator lists. */
function lists(size: number): { a: Uint8Array[]; b: Uint8Array[] } {
  const shared = Math.floor(size / 10);
  const mk = (tag: string, i: number) =>
    new TextEncoder().encode(`${tag}-${i.toString(16).padStart(12, '0')}`);
  const a = Array.from({ length: size }, (_, i) => mk('entry', i));
  const b = Array.from({ length: size }, (_, i) => (i < shared ? mk('entry', i * 7) : mk('other', i)));
  return { a, b };
}

export async function runPsiBench(
  opts: { sizes?: readonly number[]; suites?: readonly PsiSuite[]; workers?: number } = {},
): Promise<PsiBenchRow[]> {
  const sizes = opts.sizes ?? [10_000, 100_000];
  const suites = opts.suites ?? [DEFAULT_PSI_SUITE];
  const pool = new PsiWorkerPool({ size: opts.workers ?? 2 });
  const rows: PsiBenchRow[] = [];
  try {
    // Warm up: load the libraries in every worker before timing.
    for (const suite of suites)
      await runPsiInProcess({
        ...small(),
        suite,
        engine: pool,
        initiatorRng: secureRandomBytes,
        responderRng: secureRandomBytes,
      });
    for (const suite of suites) {
      for (const size of sizes) {
        const { a, b } = lists(size);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = await runPsiInProcess({
          initiatorItems: a,
          responderItems: b,
          suite,
          mode: 'both',
          engine: pool,
          initiatorRng: secureRandomBytes,
          responderRng: secureRandomBytes,
        });
        const seconds = (performance.now() - t0) / 1000;
        const c = process.cpuUsage(c0);
        const cpuSeconds = +((c.user + c.system) / 1e6).toFixed(2);
        rows.push({
          suite,
          size,
          overlap: r.initiator?.overlap ?? -1,
          seconds: +seconds.toFixed(2),
          cpuSeconds,
          wireBytes: r.wireBytes,
          workers: pool.size,
        });
      }
    }
  } finally {
    await pool.close();
  }
  return rows;
}

function small() {
  const { a, b } = lists(64);
  return { initiatorItems: a, responderItems: b };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = arg('--sizes')?.split(',').map(Number);
  const suiteArg = arg('--suite');
  const suites = suiteArg === 'all' ? PSI_SUITES : suiteArg ? [suiteArg as PsiSuite] : undefined;
  const rows = await runPsiBench({ ...(sizes && { sizes }), ...(suites && { suites }) });
  console.log(JSON.stringify({ bench: 'psi', node: process.version, rows }, null, 2));
}
