import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

/** `parley user set` through the binary: roles, disabling, the last administrator, the audit trail. */
describe('parley user set', () => {
  const tmp = tempDir('parley-user-cli-');
  const data = join(tmp.dir, 'node');
  const pw = join(tmp.dir, 'pw');
  const list = () =>
    (
      JSON.parse(runCli(['user', 'list', '--data', data, '--json']).stdout) as {
        users: { username: string; role: string; disabled: boolean }[];
      }
    ).users;
  const userNamed = (name: string) => list().find((u) => u.username === name)!;

  before(() => {
    writeFileSync(pw, 'a long enough password\n');
    assert.equal(runCli(['init', '--data', data, '--name', 'Users']).code, 0);
    for (const [name, role] of [
      ['chief', 'admin'],
      ['duty1', 'analyst'],
    ] as const) {
      const r = runCli([
        'user',
        'add',
        '--data',
        data,
        '--username',
        name,
        '--role',
        role,
        '--password-file',
        pw,
      ]);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(tmp.cleanup);

  it('changes a role (the name is matched without regard to case) and says what it is now', () => {
    const r = runCli(['user', 'set', '--data', data, 'DUTY1', '--role', 'admin', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      { ...(JSON.parse(r.stdout) as Record<string, unknown>), id: undefined },
      { id: undefined, username: 'duty1', role: 'admin', disabled: false },
    );
    assert.equal(userNamed('duty1').role, 'admin');
  });

  it('disables and enables an account', () => {
    assert.equal(runCli(['user', 'set', '--data', data, 'chief', '--disable']).code, 0);
    assert.equal(userNamed('chief').disabled, true);
    const r = runCli(['user', 'set', '--data', data, 'chief', '--enable']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^chief: admin\n$/);
    assert.equal(userNamed('chief').disabled, false);
  });

  it('keeps the last enabled administrator, with a clear error', () => {
    assert.equal(runCli(['user', 'set', '--data', data, 'chief', '--disable']).code, 0);
    const r = runCli(['user', 'set', '--data', data, 'duty1', '--role', 'viewer']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /only enabled administrator/);
    assert.equal(userNamed('duty1').role, 'admin', 'nothing changed');
  });

  it('refuses unknown names, unknown roles and contradictory or empty asks', () => {
    const cases: [string[], RegExp][] = [
      [['nobody', '--role', 'viewer'], /no user named "nobody"/],
      [['duty1', '--role', 'root'], /--role must be one of viewer, analyst, admin/],
      [['duty1', '--disable', '--enable'], /not both/],
      [['duty1'], /nothing to change/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['user', 'set', '--data', data, ...args]);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });
});
