import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { systemClock } from '../../service/ports.js';
import { PASSWORD_MIN_LENGTH, USER_ROLES, UsersService } from '../../service/users/index.js';
import { configFromOptions, withNodeOptions, type CommonOptions } from '../common.js';
import { createLogger } from '../logger.js';
import { storeConfigOf } from '../open-node.js';
import { emit } from '../output.js';
import type { NodeConfig } from '../../service/node-config.js';

/** Reads a password from a file (first line) — never from a flag, which would sit in shell history and `ps`. */
export function readPasswordFile(file: string): string {
  return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks for a password on the terminal without echoing it. Refuses when stdin is not a TTY. */
export async function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY)
    throw new UsageError(
      'no password given: use --password-file FILE (stdin is not a terminal, so parley will not prompt)',
    );
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((res, rej) => {
    let buf = '';
    const done = (err?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) rej(err);
      else res(buf);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') buf = [...buf].slice(0, -1).join('');
        else buf += ch;
      }
    };
    stdin.on('data', onData);
  });
}

class UsageError extends Error {}

/** Opens the node's store and runs `fn` with a UsersService over it; closes the store after. */
export async function withUsers<T>(config: NodeConfig, fn: (users: UsersService) => Promise<T>): Promise<T> {
  const logger = createLogger(config.log.level === 'info' ? 'warn' : config.log.level);
  const store = await openStore(storeConfigOf(config));
  try {
    return await fn(new UsersService({ store, clock: systemClock, logger }));
  } finally {
    await store.close();
    logger.flush();
  }
}

/** Creates the first admin during `parley init`, when no account exists yet; returns whether it did. */
export async function createFirstAdmin(
  config: NodeConfig,
  username: string,
  passwordFile: string,
): Promise<{ created: boolean; username: string }> {
  const password = readPasswordFile(passwordFile);
  return withUsers(config, async (users) => {
    if ((await users.countUsers()) > 0) return { created: false, username };
    const u = await users.addUser({ username, role: 'admin', password }, 'init');
    return { created: true, username: u.username };
  });
}

interface AddOptions extends CommonOptions {
  username: string;
  role: string;
  passwordFile?: string;
}

interface SetOptions extends CommonOptions {
  role?: string;
  disable?: boolean;
  enable?: boolean;
}

/** `parley user add`, `set` and `list`. */
export function registerUser(program: Command): void {
  const user = program
    .command('user')
    .description('local accounts of the web UI (roles: viewer, analyst, admin)');

  withNodeOptions(user.command('add'))
    .description('create a local account')
    .requiredOption('--username <name>', 'login name (2–64 letters, digits, . _ -; case-insensitive)')
    .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`)
    .option('--password-file <file>', 'file whose first line is the password (else a prompt on the terminal)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The password is never taken as a flag value. It needs at least ${PASSWORD_MIN_LENGTH} characters and is
stored as an scrypt hash. The creation is recorded in the audit trail.

Examples:
  $ parley user add --data ./node-a --username duty1 --role analyst
  $ parley user add --data ./node-a --username auditor --role viewer --password-file ./auditor.pw`,
    )
    .action(async (o: AddOptions) => {
      const config = configFromOptions(o);
      if (!(USER_ROLES as readonly string[]).includes(o.role))
        throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
      const password = o.passwordFile ? readPasswordFile(o.passwordFile) : await promptTwice();
      const u = await withUsers(config, (users) =>
        users.addUser({ username: o.username, role: o.role, password }, 'cli'),
      );
      emit(
        !!o.json,
        { id: u.id, username: u.username, role: u.role, created_at: u.createdAt },
        () => `created user ${u.username} (${u.role})\n`,
      );
    });

  withNodeOptions(user.command('set'))
    .description("change an account's role, or disable or enable it")
    .argument('<username>', 'the login name (case-insensitive)')
    .option('--role <role>', `new role: one of ${USER_ROLES.join(', ')}`)
    .option('--disable', 'refuse its sign-ins and end its sessions now')
    .option('--enable', 'allow its sign-ins again')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
A new role applies from the account's next request. The last enabled administrator can be neither
demoted nor disabled: make another account administrator first. Each change is recorded in the
audit trail (user.role with from and to, user.disable, user.enable), as when done in Settings.

Examples:
  $ parley user set --data ./node-a duty1 --role admin
  $ parley user set --data ./node-a auditor --disable`,
    )
    .action(async (username: string, o: SetOptions) => {
      const config = configFromOptions(o);
      if (o.disable && o.enable) throw new UsageError('give --disable or --enable, not both');
      if (o.role === undefined && !o.disable && !o.enable)
        throw new UsageError('nothing to change: give --role, --disable or --enable');
      if (o.role !== undefined && !(USER_ROLES as readonly string[]).includes(o.role))
        throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
      const u = await withUsers(config, async (users) => {
        const found = (await users.listUsers()).find(
          (x) => x.username.toLowerCase() === username.toLowerCase(),
        );
        if (!found) throw new UsageError(`no user named ${JSON.stringify(username)} (see parley user list)`);
        return users.updateUser(
          found.id,
          {
            ...(o.role !== undefined ? { role: o.role } : {}),
            ...(o.disable || o.enable ? { disabled: !!o.disable } : {}),
          },
          'cli',
        );
      });
      emit(
        !!o.json,
        { id: u.id, username: u.username, role: u.role, disabled: u.disabled },
        () => `${u.username}: ${u.role}${u.disabled ? ', disabled' : ''}\n`,
      );
    });

  withNodeOptions(user.command('list'))
    .description('list local accounts')
    .option('--json', 'print the result as JSON')
    .action(async (o: CommonOptions) => {
      const config = configFromOptions(o);
      const list = await withUsers(config, (users) => users.listUsers());
      emit(
        !!o.json,
        {
          users: list.map((u) => ({
            id: u.id,
            username: u.username,
            role: u.role,
            created_at: u.createdAt,
            disabled: u.disabled,
          })),
        },
        () =>
          list.length
            ? list
                .map(
                  (u) =>
                    `${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.createdAt}${u.disabled ? ' (disabled)' : ''}\n`,
                )
                .join('')
            : 'no users\n',
      );
    });
}

async function promptTwice(): Promise<string> {
  const a = await promptPassword('password: ');
  const b = await promptPassword('again: ');
  if (a !== b) throw new UsageError('the two passwords differ');
  return a;
}
