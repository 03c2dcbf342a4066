import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { JsonObject } from '../../core/jcs/index.js';
import type { DesignationVersion } from '../../service/threat/index.js';
import { withNodeOptions, type CommonOptions } from '../common.js';
import { emit } from '../output.js';
import { collect, withDialogue } from './dialogue-common.js';

type Opts = CommonOptions & { json?: boolean; channel: string };

const sent = (
  json: boolean | undefined,
  e: { hashHex: string; envelope: { kind: string; seq: number; channel: string; body: JsonObject } },
): void =>
  emit(
    !!json,
    {
      hash: e.hashHex,
      kind: e.envelope.kind,
      seq: e.envelope.seq,
      channel: e.envelope.channel,
      version: e.envelope.body.version,
    },
    () =>
      `sent ${e.envelope.kind} version ${String(e.envelope.body.version)}: ${e.hashHex} (seq ${e.envelope.seq})\n`,
  );

const positive = (s: string, flag: string): number => {
  if (!/^[1-9]\d*$/.test(s)) throw new Error(`${flag} must be a whole number >= 1, got ${s}`);
  return Number(s);
};

function versionLine(v: DesignationVersion, taxonomyKnown: boolean): string {
  const d = v.designation;
  const acks = v.acks.map((a) => `\n    acknowledged by ${a.responder} at ${a.at}`).join('');
  const objections = v.objections
    .map((o) => `\n    objected to by ${o.responder} at ${o.at}: ${o.reasons.join('; ')}`)
    .join('');
  return `${v.party} version ${v.version} (${d.taxonomy}${taxonomyKnown ? '' : ', unknown taxonomy here'}; ${d.sectors.length} sector(s), ${d.assets.length} asset(s)) sent ${v.created}${acks}${objections}\n`;
}

/** A designation in a taxonomy not loaded here: its ids as given, never a guessed translation. */
function unknownTaxonomyText(
  taxonomy: string,
  sectors: readonly string[],
  assets: readonly { id: string; sector: string }[],
): string {
  const rows = [
    ...sectors.map((s) => `  sector ${s} (${taxonomy})\n`),
    ...assets.map((a) => `  asset ${a.id} (${a.sector}, ${taxonomy})\n`),
  ];
  return `taxonomy ${taxonomy} is unknown on this node: its sector ids are shown as designated, untranslated\n${rows.join('')}hint: load the designating party's taxonomy file with ci.taxonomyFiles (PARLEY_CI_TAXONOMY_FILES) to translate them\n`;
}

/** `parley ci designate|ack|object|list|diff|crosswalk|match`: critical-infrastructure designations. */
export function registerCi(program: Command): void {
  const ci = program
    .command('ci')
    .description(
      'critical infrastructure: designate, acknowledge or object, compare versions, crosswalk taxonomies, match observables',
    );

  withNodeOptions(ci.command('designate'))
    .description(
      'send this party’s next designation version (sectors in a taxonomy, and assets with domains, IP ranges, AS numbers)',
    )
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .option(
      '--file <json>',
      'a JSON file {"taxonomy", "sectors": [...], "assets": [{"id","name","sector","domains","ip_ranges","as_numbers"}]}',
    )
    .option('--taxonomy <id>', 'taxonomy of --sector (us-ppd21, ru-187fz, eu-nis2, stix-industry-sector-ov)')
    .option('--sector <id>', 'a whole designated sector (repeat)', collect, [])
    .option('--ver <n>', 'the version number (default: the next one)')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ parley ci designate --channel channel--… --taxonomy us-ppd21 --sector us-food-and-agriculture\n  $ parley ci designate --channel channel--… --file designation.json',
    )
    .action(async (o: Opts & { file?: string; taxonomy?: string; sector: string[]; ver?: string }) => {
      const file = o.file
        ? (JSON.parse(readFileSync(o.file, 'utf8')) as {
            taxonomy?: string;
            sectors?: string[];
            assets?: JsonObject[];
          })
        : {};
      const taxonomy = o.taxonomy ?? file.taxonomy;
      if (!taxonomy) throw new Error('give --taxonomy or a --file with "taxonomy"');
      const input = {
        taxonomy,
        sectors: [...(file.sectors ?? []), ...o.sector],
        assets: file.assets ?? [],
        ...(o.ver ? { version: positive(o.ver, '--ver') } : {}),
      };
      sent(o.json, await withDialogue(o, (rt) => rt.threat.designate(o.channel, input)));
    });

  withNodeOptions(ci.command('ack'))
    .description('acknowledge a version of another party’s designation (signed)')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--party <id>', 'the designating party (identity--…)')
    .option('--ver <n>', 'the version (default: the latest)')
    .option('--json', 'print as JSON')
    .action(async (o: Opts & { party: string; ver?: string }) => {
      sent(
        o.json,
        await withDialogue(o, (rt) =>
          rt.threat.acknowledge(o.channel, o.party, o.ver ? positive(o.ver, '--ver') : undefined),
        ),
      );
    });

  withNodeOptions(ci.command('object'))
    .description('object to a version of another party’s designation, with reasons (signed)')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--party <id>', 'the designating party (identity--…)')
    .requiredOption('--ver <n>', 'the version objected to')
    .option('--reason <text>', 'a reason (repeat)', collect, [])
    .option('--json', 'print as JSON')
    .action(async (o: Opts & { party: string; ver: string; reason: string[] }) => {
      if (o.reason.length === 0) throw new Error('give at least one --reason');
      sent(
        o.json,
        await withDialogue(o, (rt) =>
          rt.threat.object(o.channel, o.party, positive(o.ver, '--ver'), o.reason),
        ),
      );
    });

  withNodeOptions(ci.command('list'))
    .description('designation versions in a channel: who acknowledged or objected to which version, and when')
    .option('--channel <id>', 'one channel (default: all)')
    .option('--json', 'print as JSON')
    .action(async (o: CommonOptions & { channel?: string; json?: boolean }) => {
      const [vs, known] = await withDialogue(
        o,
        async (rt) =>
          [
            await rt.threat.designations(o.channel),
            new Set(rt.threat.taxonomies().map((t) => t.id)),
          ] as const,
        false,
      );
      emit(
        !!o.json,
        vs,
        () =>
          vs.map((v) => versionLine(v, known.has(v.designation.taxonomy))).join('') || 'no designations\n',
      );
    });

  withNodeOptions(ci.command('diff'))
    .description('what changed between two versions of a party’s designation')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .requiredOption('--party <id>', 'the designating party (identity--…)')
    .requiredOption('--from <n>', 'older version')
    .requiredOption('--to <n>', 'newer version')
    .option('--json', 'print as JSON')
    .action(async (o: Opts & { party: string; from: string; to: string }) => {
      const d = await withDialogue(
        o,
        (rt) => rt.threat.diff(o.channel, o.party, positive(o.from, '--from'), positive(o.to, '--to')),
        false,
      );
      emit(!!o.json, d, () => {
        if (d.empty)
          return `versions ${d.fromVersion} and ${d.toVersion} designate the same infrastructure\n`;
        const out = [`${d.party}: version ${d.fromVersion} -> ${d.toVersion}`];
        if (d.taxonomy) out.push(`  taxonomy ${d.taxonomy.from} -> ${d.taxonomy.to}`);
        for (const s of d.sectors.added) out.push(`  + sector ${s}`);
        for (const s of d.sectors.removed) out.push(`  - sector ${s}`);
        for (const a of d.assets.added) out.push(`  + asset ${a.id} (${a.name}, ${a.sector})`);
        for (const a of d.assets.removed) out.push(`  - asset ${a.id} (${a.name}, ${a.sector})`);
        for (const c of d.assets.changed) {
          out.push(`  ~ asset ${c.id}`);
          if (c.name) out.push(`      name ${c.name.from} -> ${c.name.to}`);
          if (c.sector) out.push(`      sector ${c.sector.from} -> ${c.sector.to}`);
          for (const [k, ch] of [
            ['domain', c.domains],
            ['range', c.ip_ranges],
            ['AS', c.as_numbers],
          ] as const) {
            for (const x of ch?.added ?? []) out.push(`      + ${k} ${String(x)}`);
            for (const x of ch?.removed ?? []) out.push(`      - ${k} ${String(x)}`);
          }
        }
        return `${out.join('\n')}\n  ${d.assets.unchanged} asset(s) unchanged\n`;
      });
    });

  withNodeOptions(ci.command('crosswalk'))
    .description(
      'how sectors, or a party’s designation, read in another taxonomy (each mapping with its confidence)',
    )
    .requiredOption('--to <taxonomy>', 'target taxonomy')
    .option('--from <taxonomy>', 'taxonomy of --sector', 'stix-industry-sector-ov')
    .option('--sector <id>', 'a sector id (repeat)', collect, [])
    .option('--channel <id>', 'with --party: translate that party’s designation')
    .option('--party <id>', 'the designating party')
    .option('--ver <n>', 'designation version (default: latest)')
    .option('--json', 'print as JSON')
    .action(
      async (
        o: CommonOptions & {
          to: string;
          from: string;
          sector: string[];
          channel?: string;
          party?: string;
          ver?: string;
          json?: boolean;
        },
      ) => {
        const out = await withDialogue(
          o,
          async (rt) =>
            o.channel && o.party
              ? rt.threat
                  .crosswalkDesignation(
                    o.channel,
                    o.party,
                    o.to,
                    o.ver ? positive(o.ver, '--ver') : undefined,
                  )
                  .then((r) => ({
                    translation: r.sectors,
                    assets: r.assets,
                    ...(r.unknownTaxonomy ? { unknownTaxonomy: r.unknownTaxonomy } : {}),
                  }))
              : { translation: rt.threat.crosswalk(o.sector, o.from, o.to), assets: [] },
          false,
        );
        emit(!!o.json, out, () => {
          const t = out.translation;
          if ('unknownTaxonomy' in out && out.unknownTaxonomy)
            return unknownTaxonomyText(out.unknownTaxonomy, out.translation.unknown, out.assets);
          const rows = t.mappings.map(
            (m) =>
              `  ${m.from} -> ${m.to} (${m.toName}): ${m.confidence}${m.confidence === 'uncertain' ? ' — UNCERTAIN, verify before use' : ''} [${m.basis}${m.viaParent ? ` via parent ${m.viaParent}` : ''}]${m.note ? ` ${m.note}` : ''}\n`,
          );
          const assets = out.assets.map(
            (a) =>
              `  asset ${a.id} (${a.sector}) -> ${a.translation.mappings.map((m) => `${m.to} (${m.confidence})`).join(', ') || 'no counterpart'}\n`,
          );
          return `${t.from} -> ${t.to}\n${rows.join('')}${t.unmapped.map((u) => `  ${u}: no counterpart in ${t.to}\n`).join('')}${t.unknown.map((u) => `  ${u}: not a sector of ${t.from}\n`).join('')}${assets.join('')}`;
        });
      },
    );

  withNodeOptions(ci.command('match'))
    .description('which designated infrastructure observables or sectors fall inside, in a channel')
    .requiredOption('--channel <id>', 'channel--<uuid>')
    .option('--ip <address>', 'IPv4/IPv6 address or CIDR (repeat)', collect, [])
    .option('--domain <name>', 'domain name (repeat)', collect, [])
    .option('--url <url>', 'URL (repeat)', collect, [])
    .option('--asn <n>', 'AS number (repeat)', collect, [])
    .option('--sector <id>', 'sector id (repeat)', collect, [])
    .option('--taxonomy <id>', 'taxonomy of --sector', 'stix-industry-sector-ov')
    .option('--json', 'print as JSON')
    .action(
      async (
        o: Opts & {
          ip: string[];
          domain: string[];
          url: string[];
          asn: string[];
          sector: string[];
          taxonomy: string;
        },
      ) => {
        const observables = [
          ...o.ip.map((value) => ({ type: value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value })),
          ...o.domain.map((value) => ({ type: 'domain-name', value })),
          ...o.url.map((value) => ({ type: 'url', value })),
          ...o.asn.map((value) => ({ type: 'autonomous-system', value })),
        ];
        const r = await withDialogue(
          o,
          (rt) => rt.threat.match(o.channel, { observables, sectors: o.sector, taxonomy: o.taxonomy }),
          false,
        );
        emit(!!o.json, r, () => {
          const who = (m: {
            party: string;
            version: number;
            assetId?: string;
            assetName?: string;
            entry: string;
            kind: string;
            confidence: string;
          }) =>
            `${m.party} v${m.version}${m.assetId ? ` asset ${m.assetId}${m.assetName ? ` (${m.assetName})` : ''}` : ''} ${m.kind} ${m.entry} [${m.confidence}]`;
          const rows = r.observables.map(
            (x) =>
              `${x.observable.type} ${String(x.observable.value)}: ${x.matches.length ? x.matches.map(who).join('; ') : 'no match'}\n`,
          );
          const sectors = r.sectors.map((m) => `sector ${m.via ?? ''} -> ${who(m)}\n`);
          return rows.join('') + sectors.join('') || 'nothing to match\n';
        });
      },
    );
}
