import { createLogger } from '../logger.js';
import { configFromOptions, type CommonOptions } from '../common.js';
import { readPassphrase } from '../open-node.js';
import { createRuntime, type NodeRuntime } from '../runtime.js';

/**
 * Runs a dialogue command against the node's data folder without starting its server: the act
 * is signed and stored at once, then one delivery pass pushes it to the peers that are up. A
 * running `parley serve` on the same data folder keeps retrying the rest.
 */
export async function withDialogue<T>(
  o: CommonOptions,
  fn: (rt: NodeRuntime) => Promise<T>,
  deliver = true,
): Promise<T> {
  const config = configFromOptions({ logLevel: 'warn', ...o });
  const rt = await createRuntime(config, {
    logger: createLogger(config.log.level),
    ...(readPassphrase(o.passphraseFile, process.env)
      ? { passphrase: readPassphrase(o.passphraseFile, process.env)! }
      : {}),
  });
  try {
    const out = await fn(rt);
    if (deliver) {
      for (let i = 0; i < 20; i++) if ((await rt.dialogue.deliverer.tick()) === 0) break;
    }
    return out;
  } finally {
    await rt.close();
  }
}

/** Parses "90s", "15m", "24h", "3d" into seconds. */
export function parseDuration(s: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${s} (use e.g. 90s, 15m, 24h, 3d)`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** `--template-field k=v` pairs into an object; values that parse as JSON are kept typed. */
export function parseFields(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i < 1) throw new Error(`--template-field needs key=value, got ${p}`);
    const v = p.slice(i + 1);
    try {
      out[p.slice(0, i)] = JSON.parse(v);
    } catch {
      out[p.slice(0, i)] = v;
    }
  }
  return out;
}

export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Asks for confirmation of an irreversible act on a TTY; elsewhere requires --yes. */
export async function confirm(what: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new Error(`${what} is irreversible: pass --yes to confirm`);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${what}? [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new Error('cancelled');
}
