import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Bundles a TypeScript entry point into one ESM file under node_modules/.cache, so that tests
 * which start many child processes pay Node's start-up only, not the TypeScript loader's.
 * npm packages stay external and resolve from the project's node_modules.
 */
export async function bundleForChild(entry: string, name: string): Promise<string> {
  const outfile = resolve('node_modules/.cache/parley-test', `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
