import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { initDataDir } from '../data-dir.js';
import { createLogger } from '../logger.js';
import { usersOf } from '../open-node.js';
import { createRuntime, type NodeRuntime } from '../runtime.js';
import { DEMO_PARTIES, DEMO_PASSWORDS } from '../../service/demo/demo-content.js';
import { seedWeek, ShiftedClock } from '../../service/demo/seed-week.js';

const SEEDED_KEY = 'demo.channel';

interface DemoOptions {
  data: string;
  reset?: boolean;
  host: string;
  portA: string;
  portB: string;
  logLevel: string;
}

/** `parley demo`: two fictional parties on this machine, a channel between them, a week of dialogue. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the two-party demo: two nodes on SQLite, a channel between them and a seeded week of dialogue (what `npm start` runs)',
    )
    .option('--data <dir>', 'where the two nodes keep their data', './demo-data')
    .option('--reset', 'delete the demo data and start over')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port-a <port>', "Ardenia's node", '7701')
    .option('--port-b <port>', "Borealia's node", '7702')
    .option('--log-level <level>', 'log level of both nodes', 'warn')
    .addHelpText(
      'after',
      `
On first run it creates both parties (keys, identities, users), opens a channel and writes a week
of dialogue with past timestamps: communication checks, incident notifications with STIX, a
request answered and one overdue, a designation acknowledged, assessments, a co-signed statement.
Running it again resumes where it was. Logins are printed at start.

Examples:
  $ npm start
  $ parley demo --reset`,
    )
    .action(async (o: DemoOptions) => {
      const root = resolve(o.data);
      if (o.reset) {
        rmSync(root, { recursive: true, force: true });
        process.stderr.write(`demo data removed: ${root}\n`);
      }
      const logger = createLogger(o.logLevel);
      const clock = new ShiftedClock();
      const start = async (side: 'a' | 'b', port: string): Promise<NodeRuntime & { url: string }> => {
        const dataDir = join(root, DEMO_PARTIES[side].slug);
        initDataDir({ dataDir, name: DEMO_PARTIES[side].name, now: new Date() });
        const config = loadConfig({
          env: process.env,
          cwd: process.cwd(),
          flags: { dataDir, http: { host: o.host, port: Number(port) } },
        });
        const rt = await createRuntime(config, {
          logger: logger.child({ party: DEMO_PARTIES[side].slug }),
          clock,
          schedule: { deadlineEveryMs: 30_000, checkpointEveryMs: 60_000, pingEveryMs: 0 },
        });
        const users = usersOf(rt.node)!;
        for (const [role, password] of Object.entries(DEMO_PASSWORDS)) {
          try {
            await users.addUser({ username: role, role, password }, 'demo');
          } catch (e) {
            if ((e as { code?: string }).code !== 'USER_EXISTS') throw e;
          }
        }
        const url = await rt.listen();
        return Object.assign(rt, { url });
      };
      const a = await start('a', o.portA);
      const b = await start('b', o.portB);
      let channel = await a.node.store.getMeta(SEEDED_KEY);
      if (!channel) {
        process.stderr.write('seeding a week of dialogue…\n');
        await a.dialogue.deliverer.stop();
        await b.dialogue.deliverer.stop();
        channel = await seedWeek(a, b, clock, logger);
        await a.node.store.setMeta(SEEDED_KEY, channel);
        a.dialogue.deliverer.start();
        b.dialogue.deliverer.start();
      }
      process.stdout.write(
        [
          '',
          'Parley demo is running.',
          `  ${DEMO_PARTIES.a.name}: ${a.url}/`,
          `  ${DEMO_PARTIES.b.name}: ${b.url}/`,
          `  channel: ${channel}`,
          '',
          'Logins (the same on both nodes):',
          ...Object.entries(DEMO_PASSWORDS).map(([u, p]) => `  ${u.padEnd(8)} ${p}`),
          '',
          'Stop with Ctrl-C; `npm start` again resumes, `npx parley demo --reset` starts over.',
          '',
        ].join('\n'),
      );
      const stop = async (): Promise<void> => {
        await a.close();
        await b.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
