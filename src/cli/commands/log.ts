import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { CHANNEL_ID_RE, ENVELOPE_KINDS, type EnvelopeKind } from '../../core/envelope/index.js';
import type { JsonObject } from '../../core/jcs/index.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { createLogger } from '../logger.js';
import { openNode, readPassphrase } from '../open-node.js';
import { EXIT, emit } from '../output.js';

/** `parley log verify` and `parley log append`. */
export function registerLog(program: Command): void {
  const log = program.command('log').description("the node's Merkle logs: verify them, append to them");

  withNodeOptions(log.command('verify'))
    .description('re-verify every stored envelope and every checkpoint; exit 3 on any failure')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
For every log held (the party's own and every peer's copy) this re-reads each envelope's bytes
and checks that it parses as canonical JSON, that its signature verifies with the author's pinned
key, that its seq and prev chain to the entry before, that the Merkle tree recomputed from the
envelopes' bytes equals every stored tree node (proofs are built from them) and the stored head,
and that each stored checkpoint is signed by its author and matches the recomputed root at its size.

Problem codes in --json: LOG_CORRUPT (bytes and stored hash disagree, rows missing), SIG_INVALID,
PREV_MISMATCH and other envelope codes, NODE_MISMATCH and NODE_MISSING (stored tree nodes),
ROOT_MISMATCH (stored head), CHECKPOINT_INVALID, and EQUIVOCATION (kept evidence that verifies
with the author's key: two checkpoints, or two envelopes for one seq, that cannot both be true).

Exit codes: 0 all verified, 3 something failed verification, 4 the store is unreachable.

Examples:
  $ parley log verify --data ./node-a
  $ parley log verify --json | jq '.problems'`,
    )
    .action(async (o: CommonOptions) => {
      const config = configFromOptions({ logLevel: 'warn', ...o });
      const node = await openNode(
        config,
        createLogger(config.log.level),
        readPassphrase(o.passphraseFile, process.env),
      );
      const showBar = !o.json && process.stderr.isTTY && !process.env.NO_PROGRESS;
      const bar = new SingleBar(
        {
          format: 'verifying {bar} {percentage}% | {value}/{total} envelopes | ETA {eta}s',
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      let started = false;
      try {
        const report = await node.verifyAll((done, total) => {
          if (!showBar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        });
        if (started) bar.stop();
        emit(!!o.json, report, () => {
          const lines = report.logs.map(
            (l) =>
              `${l.ok ? 'ok  ' : 'FAIL'} ${l.channel} ${l.author} size ${l.size} root ${l.rootHash.slice(0, 16)}… checkpoints ${l.checkpointsVerified}`,
          );
          const probs = report.problems.map(
            (p) => `  ${p.code}${p.at !== undefined ? ` at ${p.at}` : ''}: ${p.message}`,
          );
          return [
            ...lines,
            ...(probs.length ? ['problems:', ...probs] : []),
            `${report.ok ? 'verified' : 'FAILED'}: ${report.logs.length} logs, ${report.entries} envelopes, ${report.checkpoints} checkpoints, ${report.problems.length} problems`,
            '',
          ].join('\n');
        });
        process.exitCode = report.ok ? EXIT.OK : EXIT.VERIFICATION;
      } finally {
        await node.close();
      }
    });

  withNodeOptions(log.command('append'))
    .description("sign and append one envelope to the party's own log in a channel (for operators and tests)")
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .option('--kind <kind>', `envelope kind (${ENVELOPE_KINDS.join(', ')})`, 'note')
    .option('--body <json>', 'the body, a JSON object', '{}')
    .option('--count <n>', 'append this many copies, each in its own transaction', '1')
    .option('--json', 'print the appended envelopes as JSON lines')
    .addHelpText(
      'after',
      `\nExample:\n  $ parley log append --channel channel--0b9c2f51-8c1e-4f8e-9d7a-3f3c6b1e2a10 --kind note --body '{"text":"hello"}'`,
    )
    .action(async (o: CommonOptions & { channel: string; kind: string; body: string; count: string }) => {
      if (!CHANNEL_ID_RE.test(o.channel))
        throw new Error(`--channel must be channel--<uuid>, got ${o.channel}`);
      if (!(ENVELOPE_KINDS as readonly string[]).includes(o.kind))
        throw new Error(`--kind must be one of ${ENVELOPE_KINDS.join(', ')}`);
      const body = JSON.parse(o.body) as JsonObject;
      const count = Number(o.count);
      const config = configFromOptions({ logLevel: 'warn', ...o });
      const node = await openNode(
        config,
        createLogger(config.log.level),
        readPassphrase(o.passphraseFile, process.env),
      );
      try {
        for (let i = 0; i < count; i++) {
          const { entries } = await node.appendOutsideChannels(o.channel, [
            { kind: o.kind as EnvelopeKind, body },
          ]);
          const e = entries[0]!;
          // Printed only after the store committed: a line on stdout is an acknowledged append.
          process.stdout.write(
            o.json
              ? JSON.stringify({ seq: e.envelope.seq, hash: e.hashHex }) + '\n'
              : `appended seq ${e.envelope.seq} ${e.hashHex}\n`,
          );
        }
      } finally {
        await node.close();
      }
    });
}
