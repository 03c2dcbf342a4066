import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { JsonObject } from '../../core/jcs/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { EXIT, emit } from '../output.js';
import { collect, confirm, parseDuration, parseFields, withDialogue } from './dialogue-common.js';

type Opts = CommonOptions & { json?: boolean; channel: string };

function readBundle(file: string): JsonObject {
  const b = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  if (b.type !== 'bundle') throw new Error(`${file} is not a STIX bundle (type is ${String(b.type)})`);
  return b;
}

const sent = (
  json: boolean | undefined,
  e: { hashHex: string; envelope: { kind: string; seq: number; channel: string } },
): void =>
  emit(
    !!json,
    { hash: e.hashHex, kind: e.envelope.kind, seq: e.envelope.seq, channel: e.envelope.channel },
    () => `sent ${e.envelope.kind} ${e.hashHex} (seq ${e.envelope.seq})\n`,
  );

/** `parley ping|notify|request|respond|statement|inbox|alarms`. */
export function registerDialogue(program: Command): void {
  withNodeOptions(program.command('ping'))
    .description(
      'send a communication check; each member answers with a receipt, and response times are kept',
    )
    .option('--channel <id>', 'one channel (default: every active channel)')
    .option('--stats', 'print the response-time statistics instead of pinging')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions & { channel?: string; stats?: boolean; json?: boolean }) => {
      if (o.stats) {
        const stats = await withDialogue(o, (rt) => rt.dialogue.pingStats(o.channel), false);
        emit(
          !!o.json,
          stats,
          () =>
            stats
              .map(
                (s) =>
                  `${s.channel} ${s.party}: ${s.answered}/${s.pings} answered, median ${s.medianMs ?? '-'} ms, last ${s.lastMs ?? '-'} ms\n`,
              )
              .join('') || 'no pings yet\n',
        );
        return;
      }
      const n = await withDialogue(o, async (rt) =>
        o.channel ? (await rt.dialogue.ping(o.channel), 1) : rt.dialogue.pingAll(),
      );
      emit(!!o.json, { pinged: n }, () => `pinged ${n} channel(s)\n`);
    });

  withNodeOptions(program.command('notify'))
    .description('notify an incident: a STIX 2.1 bundle plus the fields of the POC communication template')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .option('--bundle <file>', 'STIX 2.1 bundle (JSON) with the incident and related objects')
    .option('--template-field <key=value>', 'a POC template field, e.g. urgency=urgent (repeat)', collect, [])
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nRequired template fields (docs/poc-template.md): sender_state, sender_poc_role, recipient_state, recipient_poc_role,\nurgency, incident_description, handling; communication_type (notification) and acknowledgement_requested (true)\nhave defaults here, and the node adds message_id and sent_at.\n\nExample:\n  $ parley notify --channel channel--… --bundle incident.json --template-field sender_state=FRA --template-field sender_poc_role=technical \\\n      --template-field recipient_state=DEU --template-field recipient_poc_role=technical --template-field urgency=urgent \\\n      --template-field handling=TLP:AMBER --template-field incident_description="Ransomware at a meat plant"`,
    )
    .action(async (o: Opts & { bundle?: string; templateField: string[] }) => {
      const template = {
        communication_type: 'notification',
        acknowledgement_requested: true,
        ...parseFields(o.templateField),
      };
      const e = await withDialogue(o, (rt) =>
        rt.dialogue.send(o.channel, {
          kind: 'notify',
          body: { template: template as JsonObject, ...(o.bundle ? { bundle: readBundle(o.bundle) } : {}) },
        }),
      );
      sent(o.json, e);
    });

  withNodeOptions(program.command('request'))
    .description('ask for information, assistance or mitigation, with a deadline for the answer')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--type <type>', 'information | assistance | mitigation')
    .requiredOption('--subject <text>', 'one line')
    .requiredOption('--text <text>', 'the request')
    .option('--respond-in <duration>', 'answer due within (e.g. 24h); default: the channel policy')
    .option('--bundle <file>', 'STIX 2.1 bundle to attach')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nThe deadline is signed into the envelope (respond_by); every member's \`parley inbox\` shows the time left,\nand \`parley alarms\` lists the request once it is overdue.\n\nExamples:\n  $ parley request --channel channel--… --type assistance --subject "Takedown of 203.0.113.7" --text "C2 server hosted in your space" --respond-in 24h\n  $ parley request --channel channel--… --type information --subject "Ransomware sample" --text "Please share the hashes" --bundle iocs.json --json`,
    )
    .action(
      async (
        o: Opts & { type: string; subject: string; text: string; respondIn?: string; bundle?: string },
      ) => {
        if (!['information', 'assistance', 'mitigation'].includes(o.type))
          throw new Error('--type must be information, assistance or mitigation');
        const seconds = o.respondIn ? parseDuration(o.respondIn) : undefined;
        const e = await withDialogue(o, (rt) => {
          // Counted from the signing, not from when the command started (opening the store takes a while).
          const respondBy =
            seconds === undefined ? undefined : new Date(Date.now() + seconds * 1000).toISOString();
          return rt.dialogue.send(o.channel, {
            kind: 'request',
            body: {
              request_type: o.type,
              subject: o.subject,
              text: o.text,
              ...(o.bundle ? { bundle: readBundle(o.bundle) } : {}),
            },
            ...(respondBy ? { respondBy } : {}),
          });
        });
        sent(o.json, e);
      },
    );

  withNodeOptions(program.command('respond'))
    .description('answer a request')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--request <hash>', 'the request envelope hash (see `parley inbox`)')
    .option('--status <status>', 'answered | partial | declined | acknowledged', 'answered')
    .requiredOption('--text <text>', 'the answer')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nThe request's hash is in \`parley inbox\`.\n\nExamples:\n  $ parley respond --channel channel--… --request 3f2a… --text "Server taken down at 14:05 UTC"\n  $ parley respond --channel channel--… --request 3f2a… --status declined --text "Outside our jurisdiction" --json`,
    )
    .action(async (o: Opts & { request: string; status: string; text: string }) => {
      if (!['answered', 'partial', 'declined', 'acknowledged'].includes(o.status))
        throw new Error('--status must be answered, partial, declined or acknowledged');
      const e = await withDialogue(o, (rt) =>
        rt.dialogue.respond(o.channel, o.request, o.status as 'answered', o.text),
      );
      sent(o.json, e);
    });

  const statement = program.command('statement').description('joint statements: propose, co-sign, verify');
  withNodeOptions(statement.command('propose'))
    .description('propose a text for every member to co-sign')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--title <text>', 'title')
    .requiredOption('--text <text>', 'the statement')
    .option('--lang <bcp47>', 'language', 'en')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nEvery other member co-signs it with \`parley statement sign\`; \`parley statement verify\` says when all have.\n\nExample:\n  $ parley statement propose --channel channel--… --title "Joint statement" --text "The parties will not target each other's hospitals." --json`,
    )
    .action(async (o: Opts & { title: string; text: string; lang: string }) => {
      sent(
        o.json,
        await withDialogue(o, (rt) =>
          rt.dialogue.proposeStatement(o.channel, { title: o.title, text: o.text, lang: o.lang }),
        ),
      );
    });
  withNodeOptions(statement.command('sign'))
    .description('co-sign a proposed statement (irreversible)')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--statement <hash>', 'the statement envelope hash')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nExample:\n  $ parley statement sign --channel channel--… --statement 9c1e… --yes`,
    )
    .action(async (o: Opts & { statement: string; yes?: boolean }) => {
      await confirm(`co-sign statement ${o.statement}`, o.yes);
      sent(o.json, await withDialogue(o, (rt) => rt.dialogue.signStatement(o.channel, o.statement)));
    });
  withNodeOptions(statement.command('verify'))
    .description(
      "check a statement's co-signatures with the members' pinned keys; exit 3 unless complete and valid",
    )
    .requiredOption('--statement <hash>', 'the statement envelope hash')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nExits 0 when every member other than the author co-signed with a valid signature, 3 otherwise.\n\nExamples:\n  $ parley statement verify --statement 9c1e…\n  $ parley statement verify --statement 9c1e… --json`,
    )
    .action(async (o: CommonOptions & { statement: string; json?: boolean }) => {
      const s = await withDialogue(o, (rt) => rt.dialogue.verifyStatement(o.statement), false);
      emit(
        !!o.json,
        s,
        () =>
          `${s.title}\n${s.signatures.map((x) => `  ${x.valid ? 'valid  ' : 'INVALID'} ${x.party} at ${x.at}`).join('\n')}\n${s.complete ? 'complete: every member co-signed' : 'incomplete'}\n`,
      );
      if (!s.complete || s.signatures.some((x) => !x.valid)) process.exitCode = EXIT.VERIFICATION;
    });

  withNodeOptions(program.command('inbox'))
    .description(
      "what awaits an answer: requests to this party, and this party's own open requests, with deadlines",
    )
    .option('--channel <id>', 'one channel')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  $ parley inbox\n  $ parley inbox --channel channel--… --json')
    .action(async (o: CommonOptions & { channel?: string; json?: boolean }) => {
      const box = await withDialogue(o, (rt) => rt.dialogue.inbox(o.channel), false);
      const line = (i: {
        hash: string;
        kind: string;
        respondBy: string | undefined;
        summary: string;
        overdueAt: string | undefined;
      }): string => {
        const due = i.respondBy ? Date.parse(i.respondBy) - Date.now() : undefined;
        const left =
          due === undefined
            ? ''
            : due < 0
              ? `OVERDUE by ${Math.round(-due / 60000)} min`
              : `due in ${Math.round(due / 60000)} min`;
        return `  ${i.kind.padEnd(8)} ${i.hash.slice(0, 16)}  ${left.padEnd(24)} ${i.summary}`;
      };
      emit(!!o.json, box, () =>
        [
          'awaiting our answer:',
          ...(box.awaitingUs.map(line).length ? box.awaitingUs.map(line) : ['  nothing']),
          'awaiting their answer:',
          ...(box.awaitingThem.map(line).length ? box.awaitingThem.map(line) : ['  nothing']),
          '',
        ].join('\n'),
      );
    });

  withNodeOptions(program.command('alarms'))
    .description('open alarms: overdue receipts and responses, forgeries, equivocation, divergent views')
    .option('--all', 'include resolved alarms')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  $ parley alarms\n  $ parley alarms --all --json')
    .action(async (o: CommonOptions & { all?: boolean; json?: boolean }) => {
      const alarms = await withDialogue(o, (rt) => rt.dialogue.alarms(!o.all), false);
      emit(
        !!o.json,
        alarms,
        () =>
          alarms
            .map((a) => `${a.raisedAt} ${a.severity.padEnd(8)} ${a.kind.padEnd(24)} ${a.message}\n`)
            .join('') || 'no alarms\n',
      );
    });
}
