#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader so that a fresh clone needs no build step
// before `npm start`; `npm run build` still type-checks and emits dist/ for packaging.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
