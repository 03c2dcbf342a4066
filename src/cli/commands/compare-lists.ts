import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { PSI_LIST_KINDS, PSI_MODES, type PsiListKind, type PsiMode } from '../../core/psi/index.js';
import {
  guessFormat,
  prepareList,
  type ComparisonResult,
  type ComparisonStatus,
  type PreparedList,
} from '../../service/psi/index.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { createLogger } from '../logger.js';
import { readPassphrase } from '../open-node.js';
import { EXIT, emit } from '../output.js';
import { createRuntime, type NodeRuntime } from '../runtime.js';
import { parseDuration } from './dialogue-common.js';

type Opts = CommonOptions & {
  channel?: string;
  kind?: string;
  mode?: string;
  respond?: string;
  json?: boolean;
  list?: boolean;
  timeout: string;
};

const ENDED = new Set(['complete', 'refused', 'aborted', 'failed']);

/**
 * `parley compare-lists`: runs one private list comparison from this process (docs/psi.md,
 * "Where it runs"). The secret and the list stay in this process's memory. When a node serves
 * the data folder, it receives the peer's envelopes and this process reads them from the store;
 * otherwise this process serves the node's API itself until the comparison ends.
 */
export function registerCompareLists(program: Command): void {
  withNodeOptions(program.command('compare-lists'))
    .description(
      'compare a list of persons or indicators with another party, learning only the overlap (private set intersection)',
    )
    .argument(
      '[file]',
      'the list: CSV with a header row (persons: name or surname,given,patronymic; dob; lang — indicators: value,type) or JSON',
    )
    .option(
      '--channel <id>',
      'channel--<uuid> (with exactly one other member, or a comparison offered in it)',
    )
    .option('--kind <kind>', 'persons | indicators')
    .option(
      '--mode <mode>',
      'both (default): each side learns its own shared entries; one-sided: only this side; cardinality: only the count',
    )
    .option('--respond <comparison>', "accept the other side's offer with this id, comparing FILE")
    .option('--list', 'print the comparisons in the channel (offers awaiting this party included) and exit')
    .option('--timeout <duration>', 'give up (and abort, on the record) after this long', '1h')
    .option('--host <host>', "where this data folder's node serves, when not as configured")
    .option('-p, --port <port>', "the node's port, when not as configured")
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ parley compare-lists --channel channel--… --kind persons detained.csv
  $ parley compare-lists --channel channel--… --list
  $ parley compare-lists --channel channel--… --respond 3f9c…e1 our-list.csv

Only this side's own entries are printed: the certain matches, and those matched on a loose
name key that a person must review. The other side's entries are never learnt.`,
    )
    .action(async (file: string | undefined, o: Opts) => {
      if (o.list) return listComparisons(o);
      if (!file) throw usage('a list FILE is needed');
      if (!o.channel) throw usage('--channel is needed');
      if (o.mode && !(PSI_MODES as readonly string[]).includes(o.mode))
        throw usage('--mode must be both, one-sided or cardinality');
      if (!o.respond && !(PSI_LIST_KINDS as readonly string[]).includes(o.kind ?? ''))
        throw usage('--kind must be persons or indicators');
      const text = readFileSync(file, 'utf8');
      const code = await runComparison(o, (kind) => prepareList(kind, text, guessFormat(file, text)));
      process.exitCode = code;
    });
}

function usage(msg: string): Error {
  process.exitCode = EXIT.USAGE;
  return new Error(msg);
}

async function open(o: Opts): Promise<{ rt: NodeRuntime; serving: boolean }> {
  const config = configFromOptions({ logLevel: 'warn', ...o });
  const passphrase = readPassphrase(o.passphraseFile, process.env);
  const rt = await createRuntime(config, {
    logger: createLogger(config.log.level),
    ...(passphrase ? { passphrase } : {}),
  });
  const url = config.http.publicUrl?.replace(/\/+$/, '') ?? `http://${config.http.host}:${config.http.port}`;
  let serving = false;
  try {
    const res = await fetch(`${url}/v1/identity`, { signal: AbortSignal.timeout(1500) });
    serving =
      res.ok && ((await res.json()) as { party_id?: string; id?: string }).party_id === rt.node.partyId;
  } catch {
    serving = false;
  }
  return { rt, serving };
}

async function listComparisons(o: Opts): Promise<void> {
  const { rt } = await open(o);
  try {
    await rt.comparisons.start({ abandonOrphans: false });
    const all = rt.comparisons.list(o.channel ? { channel: o.channel } : {});
    emit(
      !!o.json,
      all,
      () =>
        all
          .map(
            (s) =>
              `${s.id}  ${s.state.padEnd(19)} ${s.kind} ${s.mode} ${s.role ?? 'observer'}  ${s.initiatorSize}×${s.responderSize ?? '?'}  ${s.channel}\n`,
          )
          .join('') || 'no comparisons\n',
    );
  } finally {
    await rt.close();
  }
}

async function runComparison(o: Opts, prepare: (kind: PsiListKind) => PreparedList): Promise<number> {
  const { rt, serving } = await open(o);
  const c = rt.comparisons;
  let stopFollow = (): void => undefined;
  let bar: cliProgress.SingleBar | undefined;
  try {
    if (serving) {
      rt.dialogue.deliverer.start();
      await c.start({ abandonOrphans: false });
      stopFollow = await c.follow(o.channel!);
    } else {
      process.stderr.write(
        'no node serves this data folder: serving it from this process until the comparison ends\n',
      );
      await rt.listen();
    }
    let id: string;
    if (o.respond) {
      const s = c.status(o.respond);
      if (!s) throw new Error(`no comparison ${o.respond} here yet (run with --list)`);
      id = (await c.accept(s.id, prepare(s.kind))).id;
    } else {
      id = (
        await c.offer({
          channel: o.channel!,
          list: prepare(o.kind as PsiListKind),
          ...(o.mode && { mode: o.mode as PsiMode }),
        })
      ).id;
      process.stderr.write(`offered comparison ${id}; waiting for the other side to accept\n`);
    }
    if (process.stderr.isTTY && !o.json && !process.env.NO_PROGRESS) {
      bar = new cliProgress.SingleBar(
        { format: 'comparing [{bar}] {value}/{total} chunks | {state}', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(1, 0, { state: 'starting' });
    }
    const final = await waitEnd(c, id, parseDuration(o.timeout) * 1000, (s) => {
      if (!bar) return;
      if (s.progress.total) bar.setTotal(s.progress.total);
      bar.update(s.progress.sent + s.progress.received, { state: s.state });
    });
    bar?.stop();
    bar = undefined;
    const result = c.result(id)!;
    await flush(rt);
    emit(!!o.json, { comparison: final, result }, () => render(final, result));
    return final.state === 'complete' ? EXIT.OK : EXIT.FAILURE;
  } finally {
    bar?.stop();
    stopFollow();
    await rt.close();
  }
}

/** Resolves with the final status; aborts on timeout or Ctrl-C (on the record). */
function waitEnd(
  c: NodeRuntime['comparisons'],
  id: string,
  timeoutMs: number,
  onProgress: (s: ComparisonStatus) => void,
): Promise<ComparisonStatus> {
  return new Promise((resolve) => {
    const check = (changed?: string): void => {
      if (changed && changed !== id) return;
      const s = c.status(id)!;
      onProgress(s);
      if (ENDED.has(s.state) && !s.held) done(s);
    };
    const done = (s: ComparisonStatus): void => {
      c.off('change', check);
      clearTimeout(timer);
      process.off('SIGINT', interrupt);
      resolve(s);
    };
    const stop = (reason: string) => () => void c.abort(id, reason).then((s) => done(s ?? c.status(id)!));
    const interrupt = stop('cancelled by the operator');
    const timer = setTimeout(stop('timed out'), timeoutMs);
    process.once('SIGINT', interrupt);
    c.on('change', check);
    check();
  });
}

/** Gives the delivery a few seconds to push the last envelopes; a serving node retries the rest. */
async function flush(rt: NodeRuntime): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if ((await rt.dialogue.deliverer.tick()) === 0) break;
  }
}

function render(s: ComparisonStatus, r: ComparisonResult): string {
  const lines = [
    `comparison ${s.id}: ${s.state}${s.reason ? ` (${s.reason})` : ''}`,
    `${s.kind}, mode ${s.mode}; lists of ${s.initiatorSize} and ${s.responderSize ?? '?'} entries (distinct keys)`,
  ];
  if (r.learnsNothing) lines.push('in this mode this side learns nothing');
  if (r.overlap !== undefined) lines.push(`overlap: ${r.overlap}`);
  if (s.peerOverlap !== undefined && r.overlap !== undefined && s.peerOverlap !== r.overlap)
    lines.push(`warning: the other side states an overlap of ${s.peerOverlap}`);
  for (const m of r.matches ?? []) lines.push(`  match         #${m.entry + 1}  ${m.label}`);
  for (const m of r.review ?? []) lines.push(`  needs review  #${m.entry + 1}  ${m.label}`);
  return lines.join('\n') + '\n';
}
