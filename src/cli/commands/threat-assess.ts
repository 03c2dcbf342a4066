import { InvalidArgumentError, Option, type Command } from 'commander';
import { SCOPE_KINDS, type ScopeKind } from '../../core/score/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { emit } from '../output.js';
import { withDialogue } from './dialogue-common.js';

type Opts = CommonOptions & {
  channel: string;
  level: number;
  rationale: string;
  scope: ScopeKind;
  scopeId?: string;
  score?: number;
  json?: boolean;
};

// Parsers throw InvalidArgumentError so that a bad value is a usage error (exit 2), like a missing flag.
function level(v: string): number {
  if (!/^[0-5]$/.test(v))
    throw new InvalidArgumentError('expected a whole number 0-5 (0 Baseline … 5 Emergency)');
  return Number(v);
}

function score(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('expected a number 0-100');
  return n;
}

/** `parley threat assess`: publishes this party's own signed threat level (an `assessment` envelope). */
export function registerThreatAssess(program: Command): void {
  const threat = program
    .command('threat')
    .description('this party’s own threat assessments (the computed level is `parley threat-level`)');
  withNodeOptions(threat.command('assess'))
    .description(
      'publish this party’s own threat level for a scope, with its rationale, signed, in a channel',
    )
    .requiredOption('--channel <id>', 'channel--<uuid> to publish in')
    .requiredOption(
      '--level <0-5>',
      'the level: 0 Baseline, 1 Low, 2 Medium, 3 High, 4 Severe, 5 Emergency',
      level,
    )
    .requiredOption('--rationale <text>', 'why: what this party knows that the computed level may not')
    .addOption(
      new Option('--scope <kind>', 'what the level is about').choices(SCOPE_KINDS).default('channel'),
    )
    .option(
      '--scope-id <id>',
      'the sector (STIX industry-sector-ov) or party (identity--…); for a channel, the channel itself by default',
    )
    .option('--score <n>', 'a score 0-100 to publish beside the level', score)
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
The assessment is shown on every member's node beside the level computed there (parley
threat-level), so that the computed and the published levels can be compared.

Examples:
  $ parley threat assess --channel channel--… --level 3 --rationale "Coordinated ransomware against two grid operators"
  $ parley threat assess --channel channel--… --scope sector --scope-id energy --level 4 --score 72 --rationale "…" --json
  $ parley threat assess --channel channel--… --scope party --scope-id identity--… --level 1 --rationale "…"`,
    )
    .action(async (o: Opts, cmd: Command) => {
      if (o.scope !== 'channel' && !o.scopeId)
        cmd.error(`error: --scope ${o.scope} needs --scope-id`, { exitCode: 2, code: 'parley.usage' });
      const scope = { kind: o.scope, id: o.scopeId ?? o.channel };
      const e = await withDialogue(o, (rt) =>
        rt.threat.publishAssessment(o.channel, {
          scope,
          level: o.level,
          rationale: o.rationale,
          ...(o.score === undefined ? {} : { score: o.score }),
        }),
      );
      emit(
        !!o.json,
        {
          hash: e.hashHex,
          kind: e.envelope.kind,
          seq: e.envelope.seq,
          channel: e.envelope.channel,
          scope,
          level: o.level,
          ...(o.score === undefined ? {} : { score: o.score }),
        },
        () =>
          `published assessment ${e.hashHex} (seq ${e.envelope.seq}): ${scope.kind} ${scope.id} level ${o.level}\n`,
      );
    });
}
