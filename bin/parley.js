#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader so that a fresh clone needs no build step
// before `npm start`; `npm run build` still type-checks and emits dist/ for packaging.
import { register } from 'tsx/esm/api';

// `parley … | head` closes our stdout early; that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

register();
await import('../src/cli/main.ts');
