import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import {
  UserError,
  UsersService,
  hashPassword,
  verifyPassword,
  roleAtLeast,
} from '../../../../src/service/users/index.js';
import type { UsersFixture } from './users-fixtures.js';

/** A clock the tests move by hand. */
export function manualClock(start = '2026-03-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (seconds: number) => void (t += seconds * 1000) };
}

const logger = pino({ level: 'silent' });
const PW = 'correct horse battery';

async function rejectsWith(p: Promise<unknown>, code: string): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    assert.equal(e.code, code);
    return e;
  }
  assert.fail(`expected ${code}, but it resolved`);
}

/** The users service over one engine's sub-store. */
export function runUsersSuite(label: string, open: () => Promise<UsersFixture>): void {
  describe(`UsersService on ${label}`, () => {
    let fx: UsersFixture;
    let clock: ReturnType<typeof manualClock>;
    let users: UsersService;
    before(async () => {
      fx = await open();
      clock = manualClock();
      users = new UsersService({
        store: fx.store,
        clock,
        logger,
        options: { maxFailuresPerUser: 3, maxFailuresPerIp: 6 },
      });
      await users.addUser({ username: 'Alice', role: 'admin', password: PW }, 'test');
      await users.addUser({ username: 'bob', role: 'viewer', password: PW }, 'test');
    });
    after(() => fx.close());

    describe('accounts', () => {
      it('normalises usernames and lists them in order, without hashes', async () => {
        const list = await users.listUsers();
        assert.deepEqual(
          list.map((u) => [u.username, u.role]),
          [
            ['alice', 'admin'],
            ['bob', 'viewer'],
          ],
        );
        assert.ok(list.every((u) => !('passwordHash' in u)));
      });
      it('refuses a taken username, whatever its case', async () => {
        await rejectsWith(
          users.addUser({ username: 'ALICE', role: 'viewer', password: PW }, 'test'),
          'USER_EXISTS',
        );
      });
      const bad = [
        { desc: 'short password', input: { username: 'carol', role: 'viewer', password: 'short' } },
        { desc: 'unknown role', input: { username: 'carol', role: 'root', password: PW } },
        { desc: 'username with a space', input: { username: 'ca rol', role: 'viewer', password: PW } },
        { desc: 'one-letter username', input: { username: 'c', role: 'viewer', password: PW } },
      ];
      for (const c of bad) {
        it(`refuses ${c.desc}`, async () => {
          await rejectsWith(users.addUser(c.input, 'test'), 'USER_INVALID');
        });
      }
      it('records account creation in the audit trail', async () => {
        const trail = await users.listAudit(50);
        const created = trail.filter((a) => a.action === 'user.create').map((a) => a.subject);
        assert.deepEqual(created.sort(), ['alice', 'bob']);
        assert.ok(trail.every((a) => !a.detail?.includes(PW)));
      });
    });

    describe('login and sessions', () => {
      it('opens a session whose token authenticates and whose CSRF token is bound to it', async () => {
        const r = await users.login({ username: 'alice', password: PW, ip: '10.0.0.1' });
        assert.equal(r.user.role, 'admin');
        const s = await users.authenticate(r.token);
        assert.equal(s?.user.username, 'alice');
        assert.equal(s?.csrf, r.csrf);
        assert.equal(await users.authenticate(r.token + 'x'), undefined);
      });
      it('ends a session on logout', async () => {
        const r = await users.login({ username: 'bob', password: PW, ip: '10.0.0.1' });
        await users.logout(r.token, 'bob');
        assert.equal(await users.authenticate(r.token), undefined);
      });
      it('expires an idle session and a session past its maximum age', async () => {
        const r = await users.login({ username: 'bob', password: PW, ip: '10.0.0.1' });
        clock.advance(3 * 3600);
        assert.ok(await users.authenticate(r.token), 'still fresh after 3 h');
        clock.advance(5 * 3600);
        assert.equal(await users.authenticate(r.token), undefined, 'idle for 5 h');
        const r2 = await users.login({ username: 'bob', password: PW, ip: '10.0.0.1' });
        for (let i = 0; i < 5; i++) {
          clock.advance(3 * 3600);
          if (i < 3) assert.ok(await users.authenticate(r2.token));
        }
        assert.equal(await users.authenticate(r2.token), undefined, '15 h after login');
      });
      it('lets background requests (activity: false) read a session without keeping it alive', async () => {
        const r = await users.login({ username: 'bob', password: PW, ip: '10.0.0.1' });
        for (let i = 0; i < 3; i++) {
          clock.advance(3600);
          assert.ok(await users.authenticate(r.token, { activity: false }), `${i + 1} h after login`);
        }
        clock.advance(5400);
        assert.equal(await users.authenticate(r.token, { activity: false }), undefined, 'idle for 4.5 h');
        const r2 = await users.login({ username: 'bob', password: PW, ip: '10.0.0.1' });
        clock.advance(3 * 3600);
        assert.ok(await users.authenticate(r2.token), 'a person acts after 3 h');
        clock.advance(3 * 3600);
        assert.ok(await users.authenticate(r2.token, { activity: false }), 'idle counts from that act');
        clock.advance(5400);
        assert.equal(await users.authenticate(r2.token, { activity: false }), undefined, '4.5 h after it');
      });
      it('answers LOGIN_FAILED alike for a wrong password and an unknown user', async () => {
        await rejectsWith(
          users.login({ username: 'alice', password: 'wrong password!', ip: '10.0.0.2' }),
          'LOGIN_FAILED',
        );
        await rejectsWith(users.login({ username: 'nobody', password: PW, ip: '10.0.0.2' }), 'LOGIN_FAILED');
        const trail = await users.listAudit(5);
        assert.equal(trail[0]?.action, 'auth.login-failed');
      });
    });

    describe('login throttling', () => {
      it('locks a username after 3 failures in the window, even with the right password, then lets it in again', async () => {
        clock.advance(3600);
        for (let i = 0; i < 3; i++)
          await rejectsWith(
            users.login({ username: 'bob', password: 'nope nope nope', ip: `10.1.0.${i}` }),
            'LOGIN_FAILED',
          );
        const e = await rejectsWith(
          users.login({ username: 'bob', password: PW, ip: '10.1.0.9' }),
          'LOGIN_RATE_LIMITED',
        );
        assert.ok(e.retryAfterSeconds! > 0 && e.retryAfterSeconds! <= 900);
        clock.advance(901);
        assert.equal(
          (await users.login({ username: 'bob', password: PW, ip: '10.1.0.9' })).user.username,
          'bob',
        );
      });
      it('locks an address after 6 failures across usernames', async () => {
        clock.advance(3600);
        for (let i = 0; i < 6; i++)
          await rejectsWith(
            users.login({ username: `ghost${i}`, password: 'nope nope nope', ip: '10.2.0.1' }),
            'LOGIN_FAILED',
          );
        await rejectsWith(
          users.login({ username: 'alice', password: PW, ip: '10.2.0.1' }),
          'LOGIN_RATE_LIMITED',
        );
        assert.ok(await users.login({ username: 'alice', password: PW, ip: '10.2.0.2' }));
      });
      it('counts concurrent failures without losing any', async () => {
        clock.advance(3600);
        const n = 12;
        const now = clock.now().toISOString();
        const start = new Date(clock.now().getTime() - 900_000).toISOString();
        const counts = await Promise.all(
          Array.from({ length: n }, () => fx.store.users.recordLoginFailure('ip:race', now, start)),
        );
        assert.deepEqual(
          [...counts].sort((a, b) => a - b),
          Array.from({ length: n }, (_, i) => i + 1),
        );
      });
    });

    describe('audit', () => {
      it('pages newest first', async () => {
        for (let i = 0; i < 5; i++) await users.audit('alice', 'test.act', `s${i}`, { i });
        const page1 = await users.listAudit(3);
        assert.deepEqual(
          page1.map((a) => a.subject),
          ['s4', 's3', 's2'],
        );
        const page2 = await users.listAudit(2, page1[2]!.id);
        assert.deepEqual(
          page2.map((a) => a.subject),
          ['s1', 's0'],
        );
        assert.deepEqual(JSON.parse(page2[1]!.detail!), { i: 0 });
      });
    });

    describe('changing accounts', () => {
      const idOf = async (name: string): Promise<string> =>
        (await users.listUsers()).find((u) => u.username === name)!.id;
      const enabledAdmins = async (): Promise<string[]> =>
        (await users.listUsers()).filter((u) => u.role === 'admin' && !u.disabled).map((u) => u.username);

      it('changes a role and audits from and to', async () => {
        const u = await users.updateUser(await idOf('bob'), { role: 'analyst' }, 'alice');
        assert.equal(u.role, 'analyst');
        const [rec] = await users.listAudit(1);
        assert.deepEqual(
          [rec!.actor, rec!.action, rec!.subject, JSON.parse(rec!.detail!)],
          ['alice', 'user.role', 'bob', { from: 'viewer', to: 'analyst' }],
        );
      });

      it('disables an account and ends its sessions; disabling again keeps the first time', async () => {
        const s = await users.login({ username: 'bob', password: PW, ip: '10.9.0.1' });
        const id = await idOf('bob');
        assert.equal((await users.updateUser(id, { disabled: true }, 'alice')).disabled, true);
        assert.equal(await users.authenticate(s.token), undefined);
        const first = (await fx.store.users.getUserById(id))!.disabledAt;
        clock.advance(60);
        await users.updateUser(id, { disabled: true }, 'alice');
        assert.equal((await fx.store.users.getUserById(id))!.disabledAt, first);
        assert.deepEqual(
          (await users.listAudit(2)).map((a) => a.action),
          ['user.disable', 'auth.login'],
          'the second disable records nothing',
        );
        await rejectsWith(users.login({ username: 'bob', password: PW, ip: '10.9.0.1' }), 'LOGIN_FAILED');
        assert.equal((await users.updateUser(id, { disabled: false }, 'alice')).disabled, false);
        assert.equal((await users.listAudit(1))[0]!.action, 'user.enable');
        await users.login({ username: 'bob', password: PW, ip: '10.9.0.1' });
      });

      const refusals = [
        { desc: 'an unknown role', change: { role: 'owner' }, wantCode: 'USER_INVALID' },
        { desc: 'an empty change', change: {}, wantCode: 'USER_INVALID' },
      ];
      for (const c of refusals)
        it(`refuses ${c.desc}`, async () => {
          await rejectsWith(users.updateUser(await idOf('bob'), c.change, 'alice'), c.wantCode);
        });

      it('refuses an unknown id with USER_NOT_FOUND', async () => {
        await rejectsWith(
          users.updateUser('00000000-0000-4000-8000-000000000000', { role: 'viewer' }, 'alice'),
          'USER_NOT_FOUND',
        );
      });

      it('keeps the last enabled administrator: neither demoted nor disabled', async () => {
        assert.deepEqual(await enabledAdmins(), ['alice']);
        const id = await idOf('alice');
        await rejectsWith(users.updateUser(id, { role: 'analyst' }, 'alice'), 'LAST_ADMIN');
        await rejectsWith(users.updateUser(id, { disabled: true }, 'alice'), 'LAST_ADMIN');
        await rejectsWith(users.updateUser(id, { role: 'admin', disabled: true }, 'alice'), 'LAST_ADMIN');
        assert.deepEqual(await enabledAdmins(), ['alice']);
      });

      it('lets concurrent demotions of every administrator leave exactly one', async () => {
        for (const username of ['carol', 'dave'])
          await users.addUser({ username, role: 'admin', password: PW }, 'test');
        const admins = await enabledAdmins();
        assert.deepEqual(admins, ['alice', 'carol', 'dave']);
        const ids = await Promise.all(admins.map(idOf));
        // Several rounds: on PostgreSQL the first warms the pool, so that later rounds overlap.
        for (let round = 0; round < 5; round++) {
          const results = await Promise.allSettled(
            ids.map((id) => users.updateUser(id, { role: 'viewer' }, 'test')),
          );
          const refused = results.filter((r) => r.status === 'rejected');
          assert.equal(refused.length, 1, `round ${round}: ${JSON.stringify(results)}`);
          const reason = (refused[0] as PromiseRejectedResult).reason as UserError;
          assert.equal(reason.code, 'LAST_ADMIN');
          assert.equal((await enabledAdmins()).length, 1);
          for (const id of ids) await users.updateUser(id, { role: 'admin' }, 'test');
        }
      });
    });
  });
}

describe('passwords', () => {
  it('verifies what it hashed and nothing else', async () => {
    const h = await hashPassword('пароль-с-кириллицей', { N: 1024, r: 8, p: 1 });
    assert.match(h, /^scrypt\$1024\$8\$1\$/);
    assert.equal(await verifyPassword('пароль-с-кириллицей', h), true);
    assert.equal(await verifyPassword('пароль-с-кириллицеи', h), false);
    for (const bad of ['', 'scrypt$3$8$1$AA==$AA==', 'bcrypt$x', h.slice(0, -4)])
      assert.equal(await verifyPassword('x', bad), false, bad);
  });
  it('orders roles viewer < analyst < admin', () => {
    assert.equal(roleAtLeast('admin', 'analyst'), true);
    assert.equal(roleAtLeast('analyst', 'analyst'), true);
    assert.equal(roleAtLeast('viewer', 'analyst'), false);
  });
});
