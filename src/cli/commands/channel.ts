import type { Command } from 'commander';
import { TLP_NAMES } from '../../core/dialogue/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { emit } from '../output.js';
import { collect, confirm, parseDuration, withDialogue } from './dialogue-common.js';

/** `parley channel invite|accept|leave|list|show`. */
export function registerChannel(program: Command): void {
  const channel = program
    .command('channel')
    .description('open, join, leave and inspect channels (standing dialogues between parties)');

  withNodeOptions(channel.command('invite'))
    .description('invite one or more parties to a new channel')
    .requiredOption('--peer <url>', "a party's node URL (repeat for several)", collect, [])
    .requiredOption('--name <name>', 'the channel name, e.g. "A–B expert dialogue"')
    .option('--purpose <text>', 'what the channel is for')
    .option('--receipt-deadline <duration>', 'receipts are due within this (e.g. 1h)', '1h')
    .option('--response-time <duration>', 'default time to answer a request (e.g. 72h)', '72h')
    .option(
      '--tlp-ceiling <level>',
      `highest TLP allowed in the channel (${TLP_NAMES.join(', ')})`,
      'TLP:AMBER',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Fetches each peer's identity from its node, checks that its id certifies its key, and sends a
signed invitation listing every member's key and address. The channel opens for each party
when it accepts. Your own address is http.publicUrl (or host:port) from the configuration.

Example:
  $ parley channel invite --peer https://cert.example.org --name "A–B expert dialogue" --receipt-deadline 30m`,
    )
    .action(
      async (
        o: CommonOptions & {
          peer: string[];
          name: string;
          purpose?: string;
          receiptDeadline: string;
          responseTime: string;
          tlpCeiling: string;
          json?: boolean;
        },
      ) => {
        if (!(TLP_NAMES as readonly string[]).includes(o.tlpCeiling))
          throw new Error(`--tlp-ceiling must be one of ${TLP_NAMES.join(', ')}`);
        const r = await withDialogue(o, (rt) =>
          rt.dialogue.invite({
            name: o.name,
            ...(o.purpose ? { purpose: o.purpose } : {}),
            peers: o.peer,
            policy: {
              receipt_deadline_s: parseDuration(o.receiptDeadline),
              response_time_s: parseDuration(o.responseTime),
              tlp_ceiling: o.tlpCeiling as (typeof TLP_NAMES)[number],
            },
          }),
        );
        emit(!!o.json, r, () => `invited: ${r.channel}\n`);
      },
    );

  withNodeOptions(channel.command('accept'))
    .description("accept an invitation: pins the members' keys and joins the channel")
    .argument('<channel>', 'channel--<uuid>')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, o: CommonOptions & { json?: boolean }) => {
      const r = await withDialogue(o, (rt) => rt.dialogue.accept(id));
      emit(!!o.json, r, () => `joined ${id}\n`);
    });

  withNodeOptions(channel.command('leave'))
    .description('leave a channel with a signed notice (irreversible)')
    .argument('<channel>', 'channel--<uuid>')
    .option('--reason <text>', 'why')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `\nThe other members keep the channel and see this party as left; what was said stays in every log.\n\nExample:\n  $ parley channel leave channel--… --reason "Dialogue concluded" --yes`,
    )
    .action(async (id: string, o: CommonOptions & { reason?: string; yes?: boolean; json?: boolean }) => {
      await confirm(`leave ${id}`, o.yes);
      const r = await withDialogue(o, (rt) => rt.dialogue.leave(id, o.reason));
      emit(!!o.json, { channel: id, ...r }, () => `left ${id}\n`);
    });

  withNodeOptions(channel.command('list'))
    .description('the channels this party belongs to or is invited to')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions & { json?: boolean }) => {
      const rows = await withDialogue(
        o,
        async (rt) => {
          const out = [];
          for (const c of await rt.dialogue.channels())
            out.push({
              ...c,
              policy: JSON.parse(c.policy) as unknown,
              members: (await rt.dialogue.members(c.id)).map((m) => ({
                party: m.party,
                name: m.name,
                state: m.state,
                endpoint: m.endpoint,
              })),
            });
          return out;
        },
        false,
      );
      emit(
        !!o.json,
        rows,
        () =>
          rows
            .map(
              (c) =>
                `${c.id}  ${c.state.padEnd(7)}  ${c.name}\n${c.members.map((m) => `    ${m.state.padEnd(8)} ${m.name} (${m.party})`).join('\n')}\n`,
            )
            .join('') || 'no channels\n',
      );
    });
}
