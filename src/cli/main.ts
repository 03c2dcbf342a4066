import { Command, CommanderError } from 'commander';
import { registerChannel } from './commands/channel.js';
import { registerCi } from './commands/ci.js';
import { registerCompareLists } from './commands/compare-lists.js';
import { registerConfig } from './commands/config.js';
import { registerDemo } from './commands/demo.js';
import { registerDialogue } from './commands/dialogue.js';
import { registerInit } from './commands/init.js';
import { registerKey } from './commands/key.js';
import { registerLog } from './commands/log.js';
import { registerThreat } from './commands/threat.js';
import { registerServe } from './commands/serve.js';
import { registerStix } from './commands/stix.js';
import { registerTaxii } from './commands/taxii.js';
import { registerUser } from './commands/user.js';
import { EXIT, reportError } from './output.js';

const program = new Command('parley')
  .description(
    'Parley: a standing expert dialogue on cybersecurity between parties that do not trust each other.\n' +
      'Every message is a signed envelope in a tamper-evident Merkle log that the other side holds a verified copy of.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerInit(program);
registerServe(program);
registerLog(program);
registerConfig(program);
registerChannel(program);
registerDemo(program);
registerKey(program);
registerDialogue(program);
registerThreat(program);
registerCi(program);
registerCompareLists(program);
registerUser(program);
registerTaxii(program);
registerStix(program);

program.addHelpText(
  'after',
  `
Quick start:
  $ parley init --data ./node-a --name "CERT of Ruritania"
  $ parley serve --data ./node-a
  $ parley log verify --data ./node-a

Exit codes: 0 ok, 1 failure, 2 usage, 3 verification failed, 4 store or peer unreachable.`,
);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else {
    process.exitCode = reportError(e);
  }
}
