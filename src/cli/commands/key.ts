import type { Command } from 'commander';
import { generateKeyPair } from '../../core/sig/index.js';
import { commitNextKey, writeNextKey } from '../data-dir.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { readPassphrase } from '../open-node.js';
import { emit } from '../output.js';
import { confirm, withDialogue } from './dialogue-common.js';

/** `parley key rotate`. */
export function registerKey(program: Command): void {
  const key = program.command('key').description("the party's signing key");
  withNodeOptions(key.command('rotate'))
    .description(
      'replace the signing key: every channel gets a key-rotation signed by the old key (irreversible)',
    )
    .option('--reason <text>', 'why (e.g. scheduled rotation, suspected compromise)')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Stop the node first (\`parley serve\` keeps the key in memory). The new key is written as
keys/party.key.next, a key-rotation naming it is signed by the old key and delivered in every
active channel, then the old key file is kept as keys/party.key.retired-<time>. The party id does
not change: the logs' key-rotation envelopes link the new key to the founding one. Refused while a
member has not yet confirmed everything sent to it.

Example:
  $ parley key rotate --data ./node-a --reason "annual rotation" --yes`,
    )
    .action(async (o: CommonOptions & { reason?: string; yes?: boolean; json?: boolean }) => {
      await confirm('rotate the signing key', o.yes);
      const config = configFromOptions(o);
      const next = generateKeyPair();
      const passphrase = readPassphrase(o.passphraseFile, process.env);
      writeNextKey(config.dataDir, next, passphrase);
      const sent = await withDialogue(o, (rt) => rt.dialogue.rotateKey(next, o.reason));
      commitNextKey(config.dataDir, new Date());
      const out = {
        channels: sent.map((e) => e.envelope.channel),
        public_key: Buffer.from(next.publicKey).toString('base64'),
      };
      emit(
        !!o.json,
        out,
        () => `key rotated in ${sent.length} channel(s); new public key ${out.public_key}\n`,
      );
    });
}
