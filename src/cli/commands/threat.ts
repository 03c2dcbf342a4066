import type { Command } from 'commander';
import type { ThreatScope } from '../../core/score/index.js';
import type { LevelView } from '../../service/threat/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { emit } from '../output.js';
import { withDialogue } from './dialogue-common.js';
import { registerThreatAssess } from './threat-assess.js';

type Opts = CommonOptions & {
  channel?: string;
  sector?: string;
  party?: string;
  at?: string;
  json?: boolean;
  limit: string;
};

const DAY = 86_400_000;
const pct = (x: number): string => `${Math.round(x * 100)}%`;

function published(l: Pick<LevelView, 'published'>): string {
  return l.published
    .map(
      (p) =>
        `    published by ${p.party}: level ${p.level}${p.score === undefined ? '' : ` (score ${p.score})`} on ${p.created}: ${p.rationale}\n`,
    )
    .join('');
}

function line(l: LevelView): string {
  const name = l.name ? `${l.name} ` : '';
  return `${l.scope.kind} ${name}(${l.scope.id}): ${l.level} ${l.levelName}, score ${l.score.toFixed(1)} (peak ${l.peak.toFixed(1)} + correlation ${l.boost.toFixed(1)}${l.sector ? `, sector ${l.sector}` : ''})\n${published(l)}`;
}

/** `parley threat-level`: the computed level(s) with published assessments beside them and the explanation. */
export function registerThreat(program: Command): void {
  withNodeOptions(program.command('threat-level'))
    .description(
      'print the overall threat level (computed, with the parties’ published assessments beside it) and its explanation',
    )
    .option('--channel <id>', 'one channel: its level explained incident by incident')
    .option('--sector <id>', 'one sector (STIX industry-sector-ov, e.g. agriculture)')
    .option('--party <id>', 'one party (identity--…)')
    .option('--at <time>', 'read the level at this RFC 3339 time instead of now')
    .option('--limit <n>', 'incidents listed in an explanation', '20')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ parley threat-level\n  $ parley threat-level --channel channel--… --json\n  $ parley threat-level --sector agriculture',
    )
    .action(async (o: Opts) => {
      const at = o.at === undefined ? undefined : Date.parse(o.at);
      if (at !== undefined && !Number.isFinite(at)) throw new Error(`--at is not an RFC 3339 time: ${o.at}`);
      const scope: ThreatScope | undefined = o.channel
        ? { kind: 'channel', id: o.channel }
        : o.sector
          ? { kind: 'sector', id: o.sector }
          : o.party
            ? { kind: 'party', id: o.party }
            : undefined;
      await withDialogue(
        o,
        async (rt) => {
          const t = rt.threat;
          await t.ready();
          const model = `model ${t.model.id} v${t.model.version}: ${t.model.provenance.notional ? 'notional weights (CISA demo configuration), not CISA’s operational figures' : 'party model'}; half-life ${t.config.halfLifeMs / DAY} days\n`;
          if (!scope) {
            const levels = await t.levels(undefined, at);
            emit(
              !!o.json,
              { model: { id: t.model.id, version: t.model.version, provenance: t.model.provenance }, levels },
              () =>
                model + (levels.map(line).join('') || 'no scored incidents: every scope reads 0 Baseline\n'),
            );
            return;
          }
          const ex = await t.explain(scope, { ...(at === undefined ? {} : { at }), limit: Number(o.limit) });
          const view = await t.level(scope, at);
          emit(!!o.json, ex, () => {
            const rows = ex.incidents.map((c, i) => {
              const n = ex.names[i];
              const designated = c.designated.length
                ? `\n        affects designated infrastructure: ${c.designated.join('; ')}`
                : '';
              return `    ${c.role === 'peak' ? 'peak       ' : 'correlation'} ${n?.name ?? c.id} (${n?.incidentId ?? c.id}) score ${c.score.toFixed(1)}, ${(c.ageMs / DAY).toFixed(1)} days old, decay ${pct(c.decay)} -> ${c.decayedScore.toFixed(1)}, contributes ${c.contribution.toFixed(1)}${designated}\n`;
            });
            const sectors = ex.sectors.map(
              (s) =>
                `    sector ${s.sector || '(none)'}: ${s.score.toFixed(1)} = peak ${s.peak.toFixed(1)} + ${s.boost.toFixed(1)} from ${s.incidents} incident(s)\n`,
            );
            return (
              model +
              line(view) +
              (sectors.length ? `  sectors:\n${sectors.join('')}` : '') +
              (rows.length ? `  incidents of the driving sector:\n${rows.join('')}` : '') +
              (ex.omitted ? `    … and ${ex.omitted} more\n` : '')
            );
          });
        },
        false,
      );
    });
  registerThreatAssess(program);
}
