import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { exportStix, importStix, listStixFiles } from '../../service/stix-import/stix-import-service.js';
import type { TaxiiService } from '../../service/taxii/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { emit } from '../output.js';
import { withTaxii } from './taxii.js';

async function ensureCollection(taxii: TaxiiService, c: string): Promise<void> {
  if (await taxii.findCollection(c)) return;
  if (c !== 'local') throw new Error(`no collection ${c}; create it with \`parley taxii collection add\``);
  await taxii.createCollection({ title: 'Local', alias: 'local', description: 'Imported and pulled STIX' });
}

/** The `import` and `export` nouns are shared with other formats: reuse them when present. */
function noun(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** `parley import stix` and `parley export stix`. */
export function registerStix(program: Command): void {
  withNodeOptions(noun(program, 'import', 'import content from files').command('stix <paths...>'))
    .description(
      'import STIX 2.1 bundles (files or folders of *.json) into a collection, validating every object',
    )
    .option('--collection <id>', 'collection id or alias', 'local')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Each file may hold a bundle, a TAXII envelope, a list of objects or a single object. Every object
is validated (OASIS schema, STIX 2.1 MUST rules, patterns); valid ones are stored with every
version kept, invalid ones are listed with the reason. Exit code 1 when anything was rejected.

Examples:
  $ parley import stix ./feeds/enterprise-attack.json
  $ parley import stix ./exports/ --collection outbox --json | jq '.rejectedByCode'`,
    )
    .action(async (paths: string[], o: CommonOptions & { collection: string }) => {
      await withTaxii(o, async (t) => {
        await ensureCollection(t, o.collection);
        let total = 0;
        for (const p of paths) total += (await listStixFiles(p)).length;
        const tty = !o.json && process.stderr.isTTY && !process.env.NO_PROGRESS;
        const bar = new SingleBar(
          { format: 'importing {bar} {value}/{total} files | {objects} objects', stream: process.stderr },
          Presets.shades_classic,
        );
        if (tty) bar.start(total, 0, { objects: 0 });
        const summary = await importStix(
          t,
          paths,
          o.collection,
          (p) => tty && bar.update(p.filesDone, { objects: p.objects }),
        ).finally(() => tty && bar.stop());
        emit(!!o.json, summary, () =>
          [
            `imported into ${summary.collection}: ${summary.files} files, ${summary.objects} objects — ${summary.accepted} accepted (${summary.duplicates} already stored), ${summary.rejected} rejected`,
            ...Object.entries(summary.rejectedByCode).map(([code, n]) => `  ${code}: ${n}`),
            ...summary.rejections
              .slice(0, 50)
              .map((r) => `  ${r.file}${r.index >= 0 ? `#${r.index}` : ''} ${r.id}: ${r.message}`),
            '',
          ].join('\n'),
        );
        if (summary.rejected > 0) process.exitCode = 1;
      });
    });

  withNodeOptions(noun(program, 'export', 'export content to files').command('stix'))
    .description('export a collection (every version) as one STIX 2.1 bundle')
    .option('--collection <id>', 'collection id or alias', 'local')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `\nExamples:\n  $ parley export stix --collection outbox > outbox.json\n  $ parley export stix --collection 2c4f… -o channel.json`,
    )
    .action(async (o: CommonOptions & { collection: string; out?: string }) => {
      await withTaxii(o, async (t) => {
        const out = o.out ? createWriteStream(o.out) : process.stdout;
        const write = async (text: string) => {
          if (!out.write(text)) await once(out, 'drain');
        };
        const n = await exportStix(t, o.collection, write);
        if (o.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
        }
        process.stderr.write(`exported ${n} objects from ${o.collection}\n`);
      });
    });
}
