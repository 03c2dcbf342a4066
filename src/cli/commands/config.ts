import type { Command } from 'commander';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { ENV_KEYS, redactConfig } from '../config.js';
import { emit } from '../output.js';

/** `parley config show`. */
export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  withNodeOptions(config.command('show'))
    .description(
      'print the configuration in force (defaults < parley.json < PARLEY_* < flags), secrets masked',
    )
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nEnvironment variables:\n${Object.entries(ENV_KEYS)
        .map(([k, v]) => `  ${k.padEnd(28)} ${v.key}`)
        .join('\n')}`,
    )
    .action((o: CommonOptions) => {
      const c = redactConfig(configFromOptions(o));
      emit(!!o.json, c, () => JSON.stringify(c, null, 2) + '\n');
    });
}
