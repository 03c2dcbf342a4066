import type { Command } from 'commander';
import { initDataDir } from '../data-dir.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { readPassphrase } from '../open-node.js';
import { emit } from '../output.js';
import { createFirstAdmin } from './user.js';

/** `parley init`: create the data folder, the party's key and identity. */
export function registerInit(program: Command): void {
  withNodeOptions(program.command('init'))
    .description("create the data folder, the party's Ed25519 key and its STIX identity")
    .option('--name <name>', "the party's name, e.g. 'CERT of Ruritania'")
    .option(
      '--encrypt',
      'seal the private key under a passphrase (from --passphrase-file or PARLEY_KEY_PASSPHRASE)',
    )
    .option(
      '--admin-password-file <file>',
      "also create the first admin of the web UI, with the password on this file's first line",
    )
    .option('--admin-username <name>', 'username of that first admin', 'admin')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The key file (keys/party.key) is written with mode 0600 and is never overwritten: running init
again only prints the existing party. The party id is identity--<UUIDv5 of the public key>, so
anyone holding the key can check the id.

Examples:
  $ parley init --data ./node-a --name "CERT of Ruritania"
  $ PARLEY_KEY_PASSPHRASE=… parley init --encrypt --name "CERT of Ruritania"`,
    )
    .action(
      async (
        o: CommonOptions & {
          name?: string;
          encrypt?: boolean;
          adminPasswordFile?: string;
          adminUsername?: string;
        },
      ) => {
        const config = configFromOptions(o);
        const passphrase = o.encrypt ? readPassphrase(o.passphraseFile, process.env) : undefined;
        if (o.encrypt && !passphrase)
          throw new Error('--encrypt needs a passphrase: --passphrase-file FILE or PARLEY_KEY_PASSPHRASE');
        const r = initDataDir({
          dataDir: config.dataDir,
          name: o.name ?? config.party.name,
          ...(passphrase ? { passphrase } : {}),
          now: new Date(),
        });
        const admin = o.adminPasswordFile
          ? await createFirstAdmin(config, o.adminUsername ?? 'admin', o.adminPasswordFile)
          : undefined;
        emit(
          !!o.json,
          admin ? { ...r, admin } : r,
          () =>
            (r.created
              ? `created party ${r.partyId}\n  data folder: ${r.dataDir}\n  key: keys/party.key (mode 0600${r.encrypted ? ', sealed with a passphrase' : ''})\n`
              : `a key already exists in ${r.dataDir}; kept it.\n  party: ${r.partyId}\n`) +
            (admin
              ? admin.created
                ? `  web UI admin: ${admin.username}\n`
                : `  web UI accounts exist already; no admin created\n`
              : ''),
        );
      },
    );
}
