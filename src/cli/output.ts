import { ParleyError } from '../core/errors.js';

/** Exit codes (CONVENTIONS.md §11). */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, VERIFICATION: 3, UNREACHABLE: 4 } as const;

const VERIFICATION_CODES = new Set([
  'SIG_INVALID',
  'INCLUSION_PROOF_INVALID',
  'CONSISTENCY_PROOF_INVALID',
  'CHECKPOINT_INVALID',
  'ROOT_MISMATCH',
  'LOG_CORRUPT',
]);

const HINTS: Record<string, string> = {
  CONFIG_INVALID:
    'fix the values above in parley.json, the PARLEY_* variables or the flags; `parley config show` prints what is in force',
  KEY_INVALID:
    'run `parley init` to create a key, or give the passphrase with PARLEY_KEY_PASSPHRASE or --passphrase-file',
  KEY_EXISTS: 'the existing key was kept; move it away first if you really want a new party',
  STORE_UNAVAILABLE: 'check that the database is running and that PARLEY_DATABASE_URL is right',
  MIGRATION_FAILED: 'the database schema could not be brought up to date; see the log for the failing step',
};

/** Prints `error: <message> [CODE]` and a hint to stderr and returns the exit code to use. */
export function reportError(e: unknown): number {
  if (e instanceof ParleyError) {
    process.stderr.write(`error: ${e.message} [${e.code}]\n`);
    const hint = HINTS[e.code];
    if (hint) process.stderr.write(`hint: ${hint}\n`);
    if (e.code === 'STORE_UNAVAILABLE') return EXIT.UNREACHABLE;
    if (VERIFICATION_CODES.has(e.code)) return EXIT.VERIFICATION;
    return EXIT.FAILURE;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${msg}\n`);
  if (process.env.PARLEY_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT.FAILURE;
}

/** Writes data to stdout: JSON when asked, else the human rendering. */
export function emit(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : human());
}
