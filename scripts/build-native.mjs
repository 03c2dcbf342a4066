// Builds the optional ristretto255 addon (native/ristretto255) after `npm install`. It needs a C
// compiler, python3 and libsodium's headers (Debian: libsodium-dev). Without them the install still
// succeeds and private list comparison uses libsodium's WebAssembly build, about three times
// slower (docs/psi.md). Never fails the install; `PARLEY_REQUIRE_NATIVE=1` makes a failed build an
// error (CI sets it, so the fast path is really tested).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'native', 'ristretto255');
const required = process.env.PARLEY_REQUIRE_NATIVE === '1';

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  // npm ships node-gyp beside itself; outside an npm script, find it from the running node.
  const candidates = [
    process.env.npm_execpath &&
      join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  return candidates.find((c) => c && existsSync(c));
}

function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  // A Node.js installed with its headers (Debian's nodejs, the official tarballs) needs no download.
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

if (process.env.PARLEY_SKIP_NATIVE === '1') {
  console.log('parley: PARLEY_SKIP_NATIVE=1, ristretto255 addon not built');
  process.exit(0);
}
const gyp = nodeGyp();
const res = gyp
  ? spawnSync(process.execPath, [gyp, 'rebuild', ...nodedirArgs()], { cwd: addon, encoding: 'utf8' })
  : { status: 1, stdout: '', stderr: 'node-gyp not found beside npm' };
if (res.status === 0) {
  console.log('parley: built the native ristretto255 addon (fast private list comparison)');
  process.exit(0);
}
const why = `${res.stderr ?? ''}\n${res.stdout ?? ''}`
  .split('\n')
  .filter((l) => /error|not found|No such file/i.test(l))
  .slice(0, 4)
  .join('\n  ');
console.log(
  'parley: the native ristretto255 addon was not built; private list comparison will use libsodium in\n' +
    '  WebAssembly (about three times slower). To build it: install a C compiler, python3 and libsodium\n' +
    '  headers (Debian: apt-get install build-essential python3 libsodium-dev), then npm run build:native.\n' +
    (why ? `  ${why}\n` : ''),
);
process.exit(required ? 1 : 0);
