// `npm run bench [-- NAME...]`: runs the benchmarks one after another (never in parallel: they
// would share the two cores) and prints each result as a JSON line, then a summary table.
// BENCHMARKS.md reports these figures with the machine they ran on.
import { cpus, totalmem } from 'node:os';

interface Entry {
  readonly name: string;
  readonly module: string;
  readonly fn: string;
}

const BENCHES: readonly Entry[] = [
  { name: 'envelope-append', module: './envelope-append.js', fn: 'runEnvelopeAppendBench' },
  { name: 'envelope-verify', module: './envelope-verify.js', fn: 'runEnvelopeVerifyBench' },
  { name: 'merkle-proofs', module: './merkle-proofs.js', fn: 'runMerkleBench' },
  { name: 'log-proofs', module: './log-proofs.js', fn: 'runLogProofsBench' },
  { name: 'store-append', module: './store-append.js', fn: 'runStoreBench' },
  { name: 'stix-validate', module: './stix-validate.js', fn: 'runStixBench' },
  { name: 'score-aggregate', module: './score-aggregate.js', fn: 'runScoreAggregateBench' },
  { name: 'ci-match', module: './ci-match.js', fn: 'runCiMatchBench' },
  { name: 'replication', module: './replication.js', fn: 'runReplicationBench' },
  { name: 'httpsig', module: './httpsig.js', fn: 'runHttpSigBench' },
  { name: 'psi', module: './psi.js', fn: 'runPsiBench' },
  { name: 'psi-openmined', module: './psi-openmined.js', fn: 'runPsiOpenMinedBench' },
  { name: 'psi-channel', module: './psi-channel.js', fn: 'runPsiChannelBench' },
  { name: 'taxii-ingest', module: './taxii-ingest.js', fn: 'runTaxiiIngestBench' },
  { name: 'taxii-paging', module: './taxii-paging.js', fn: 'runTaxiiPagingBench' },
  { name: 'threat-recompute', module: './threat-recompute.js', fn: 'runThreatRecomputeBench' },
  { name: 'ui-overview', module: './ui-overview.js', fn: 'runUiBench' },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
if (wanted.length && selected.length !== wanted.length) {
  console.error(`unknown bench; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

console.error(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
const rows: { bench: string; result: unknown }[] = [];
for (const b of selected) {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(b.module)) as Record<string, unknown>;
  } catch (e) {
    console.error(`${b.name}: not available (${(e as Error).message.split('\n')[0]})`);
    continue;
  }
  const fn = mod[b.fn];
  if (typeof fn !== 'function') {
    console.error(`${b.name}: ${b.module} has no ${b.fn}()`);
    continue;
  }
  console.error(`running ${b.name}…`);
  const t0 = performance.now();
  const out = (await (fn as () => Promise<unknown>)()) as unknown;
  const results = Array.isArray(out) ? out : [out];
  for (const r of results) {
    rows.push({ bench: b.name, result: r });
    console.log(JSON.stringify({ bench: b.name, ...(r as object) }));
  }
  console.error(`${b.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
