// Finds every *.test.ts under the given folders (default: test/) and hands them to Node's own
// test runner with tsx as the loader. Node 20's --test does not expand globs, hence this script.
//
// PostgreSQL: the storage and multi-node suites run on both engines. When PARLEY_TEST_PG_URL is
// not set and this machine has PostgreSQL's server binaries, a throwaway cluster is started for
// the run (scripts/pg-cluster.sh) and removed afterwards, so a plain `npm test` exercises both
// engines. PARLEY_TEST_NO_PG=1 skips that; without the binaries the PostgreSQL suites say they
// skipped (and fail instead when PARLEY_REQUIRE_PG=1, as in CI).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots.length ? roots : ['test']) {
  if (statSync(r).isDirectory()) walk(r);
  else files.push(r);
}
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const clusterScript = join(dirname(fileURLToPath(import.meta.url)), 'pg-cluster.sh');
let cluster;
if (!process.env.PARLEY_TEST_PG_URL && process.env.PARLEY_TEST_NO_PG !== '1') cluster = startCluster();

const concurrency = process.env.PARLEY_TEST_CONCURRENCY ?? '2';
// A test that hangs fails on its own, named, after this long, instead of holding the whole run
// until CI's limit cuts it off with no name. The slowest tests (50 SIGKILLs on PostgreSQL) take
// a few minutes on a loaded machine; PARLEY_TEST_TIMEOUT_MS overrides.
const timeoutMs = process.env.PARLEY_TEST_TIMEOUT_MS ?? '900000';
let status = 1;
try {
  const res = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${timeoutMs}`,
      ...passthrough,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, ...(cluster && { PARLEY_TEST_PG_URL: cluster.url }) } },
  );
  status = res.status ?? 1;
} finally {
  if (cluster) stopCluster(cluster);
}
process.exit(status);

function startCluster() {
  // A state file of our own, so that this run never collides with a cluster someone else started.
  const stateDir = mkdtempSync(join(tmpdir(), 'parley-test-pg-'));
  const env = { ...process.env, PARLEY_PG_STATE_FILE: join(stateDir, 'state') };
  const res = spawnSync('bash', [clusterScript, 'start'], { env, encoding: 'utf8' });
  const url = /PARLEY_TEST_PG_URL=(\S+)/.exec(res.stdout ?? '')?.[1];
  if (res.status !== 0 || !url) {
    rmSync(stateDir, { recursive: true, force: true });
    const why = (res.stderr ?? '').trim().split('\n').pop() ?? 'unknown';
    console.error(`run-tests: no PostgreSQL for this run (${why}); the PostgreSQL suites will skip`);
    return undefined;
  }
  console.error(`run-tests: started a throwaway PostgreSQL for this run (${url})`);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopCluster({ env, stateDir });
      process.exit(130);
    });
  }
  return { url, env, stateDir };
}

function stopCluster(c) {
  spawnSync('bash', [clusterScript, 'stop'], { env: c.env, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(c.stateDir, { recursive: true, force: true });
}
