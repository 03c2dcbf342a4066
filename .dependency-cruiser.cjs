/**
 * The import arrows of DESIGN.md "Layers", checked in CI (`npm run lint`):
 * edge (http, cli) → service → core, and service → store. Nothing in core does I/O.
 */
const IO_MODULES =
  '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|os|process|readline|repl|v8|vm|worker_threads|inspector|perf_hooks)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-io',
      comment: 'core is pure: no file, network, process or thread modules (DESIGN.md Layers)',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: IO_MODULES, dependencyTypes: ['core'] },
    },
    {
      name: 'core-crypto-only-in-sig',
      comment:
        'only core/sig touches node:crypto and libsodium (CONVENTIONS.md §3); core/psi may use libsodium for group arithmetic',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '^src/core/(sig|psi)/' },
      to: { path: '^(node:)?crypto$|sodium' },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(store|service|http|cli)/' },
    },
    {
      name: 'store-below-service',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(service|http|cli)/' },
    },
    {
      name: 'service-knows-no-edge',
      comment: 'service knows no HTTP and no CLI',
      severity: 'error',
      from: { path: '^src/service/' },
      to: { path: '^src/(http|cli)/|^fastify|^@fastify/' },
    },
    {
      name: 'store-backends-private',
      comment: 'nothing outside src/store imports a backend',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^src/store/(sqlite|postgres)/|^better-sqlite3$|^pg$' },
    },
    {
      name: 'http-not-on-store',
      comment: 'http depends on service and core, never on store',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/store/|^src/cli/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
