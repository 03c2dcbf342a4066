/**
 * Changing an account over the UI's API (Fastify inject): PATCH /api/v1/users/{id} changes a
 * role, disables and enables; admin only, CSRF-checked, audited; the last enabled administrator
 * can be neither demoted nor disabled (409 LAST_ADMIN). Users live in a real SQLite sub-store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/http/app.js';
import { requireRole } from '../../src/http/plugins/session.js';
import type { NodeService } from '../../src/service/node-service.js';
import { UsersService, type PublicUser } from '../../src/service/users/index.js';
import { sqliteUsers, type UsersFixture } from '../unit/service/users/users-fixtures.js';
import { InjectSession } from '../helpers/inject-session.js';

const PW = 'a long enough password';
const logger = pino({ level: 'silent' });

/** Signs in with the test password. */
class Client extends InjectSession {
  override login(username: string): Promise<LightMyRequestResponse> {
    return super.login(username, PW);
  }
}

describe('changing accounts over the users API', () => {
  let fx: UsersFixture;
  let users: UsersService;
  let app: FastifyInstance;
  const ids = new Map<string, string>();
  const patch = (c: Client, who: string, body: unknown, o?: { csrf?: string | null }) =>
    c.req('PATCH', `/api/v1/users/${ids.get(who) ?? who}`, body, o);
  const userNamed = async (name: string): Promise<PublicUser> =>
    (await users.listUsers()).find((u) => u.username === name)!;
  const signedIn = async (who: string): Promise<Client> => {
    const c = new Client(app);
    const r = await c.login(who);
    assert.equal(r.statusCode, 200, `${who} signs in: ${r.body}`);
    return c;
  };

  before(async () => {
    fx = await sqliteUsers();
    users = new UsersService({ store: fx.store, clock: { now: () => new Date() }, logger });
    for (const [username, role] of [
      ['root', 'admin'],
      ['ana', 'analyst'],
      ['vic', 'viewer'],
      ['olga', 'analyst'],
    ] as const)
      ids.set(username, (await users.addUser({ username, role, password: PW }, 'test')).id);
    app = await buildApp({ node: {} as NodeService, logger, bodyLimit: 1 << 20, users });
    app.post('/api/v1/test/act', { preHandler: requireRole('analyst') }, async () => ({ ok: true }));
  });
  after(async () => {
    await app.close();
    await fx.close();
  });

  it("changes a role, which applies to the account's open session at once, and audits it", async () => {
    const root = await signedIn('root');
    const ana = await signedIn('ana');
    assert.equal((await ana.req('POST', '/api/v1/test/act', {})).statusCode, 200);

    const res = await patch(root, 'ana', { role: 'viewer' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().username, res.json().role, res.json().disabled], ['ana', 'viewer', false]);
    assert.equal((await ana.req('GET', '/api/v1/auth/me')).json().user.role, 'viewer');
    const refused = await ana.req('POST', '/api/v1/test/act', {});
    assert.deepEqual([refused.statusCode, refused.json().code], [403, 'ROLE_FORBIDDEN']);

    const [rec] = (await root.req('GET', '/api/v1/audit?limit=1')).json().records;
    assert.deepEqual(
      [rec.actor, rec.action, rec.subject, JSON.parse(rec.detail)],
      ['root', 'user.role', 'ana', { from: 'analyst', to: 'viewer' }],
    );
    // Asking for the role it already has changes nothing and records nothing.
    assert.equal((await patch(root, 'ana', { role: 'viewer' })).statusCode, 200);
    assert.equal((await root.req('GET', '/api/v1/audit?limit=1')).json().records[0].id, rec.id);
    assert.equal((await patch(root, 'ana', { role: 'analyst' })).json().role, 'analyst');
  });

  it('disables an account, ending its sessions and refusing its logins, then enables it again', async () => {
    const root = await signedIn('root');
    const vic = await signedIn('vic');
    const off = await patch(root, 'vic', { disabled: true });
    assert.deepEqual([off.statusCode, off.json().disabled], [200, true]);
    assert.equal((await vic.req('GET', '/api/v1/auth/me')).statusCode, 401);
    const login = await new Client(app).login('vic');
    assert.deepEqual([login.statusCode, login.json().code], [401, 'LOGIN_FAILED']);
    const listed = (await root.req('GET', '/api/v1/users'))
      .json()
      .users.find((u: { username: string }) => u.username === 'vic');
    assert.equal(listed.disabled, true);

    const on = await patch(root, 'vic', { disabled: false });
    assert.deepEqual([on.statusCode, on.json().disabled], [200, false]);
    await signedIn('vic');
    const trail = (await root.req('GET', '/api/v1/audit?limit=10')).json().records as {
      actor: string;
      action: string;
      subject: string;
    }[];
    const mine = trail.filter((a) => a.subject === 'vic' && a.actor === 'root').map((a) => a.action);
    assert.deepEqual(mine.slice(0, 2), ['user.enable', 'user.disable']);
  });

  it('refuses to demote or disable the last enabled administrator, with LAST_ADMIN', async () => {
    const root = await signedIn('root');
    for (const body of [{ role: 'analyst' }, { role: 'viewer' }, { disabled: true }]) {
      const res = await patch(root, 'root', body);
      assert.deepEqual([res.statusCode, res.json().code], [409, 'LAST_ADMIN'], JSON.stringify(body));
      assert.match(res.json().detail, /only enabled administrator/);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    assert.equal((await userNamed('root')).role, 'admin');
    assert.equal((await userNamed('root')).disabled, false);
    assert.equal((await root.req('GET', '/api/v1/users')).statusCode, 200, 'root is still signed in');

    // A disabled administrator does not count: promote olga, disable her, and root is still the last.
    assert.equal((await patch(root, 'olga', { role: 'admin', disabled: true })).json().role, 'admin');
    assert.equal((await patch(root, 'root', { role: 'viewer' })).statusCode, 409);
    // Once another administrator is enabled, root may step down.
    assert.equal((await patch(root, 'olga', { disabled: false })).statusCode, 200);
    const olga = await signedIn('olga');
    const down = await patch(olga, 'root', { role: 'analyst' });
    assert.deepEqual([down.statusCode, down.json().role], [200, 'analyst']);
    const rootNow = await root.req('GET', '/api/v1/users');
    assert.deepEqual([rootNow.statusCode, rootNow.json().code], [403, 'ROLE_FORBIDDEN']);
    assert.equal((await patch(olga, 'olga', { disabled: true })).json().code, 'LAST_ADMIN');
    // Put root back for the tests that follow.
    assert.equal((await patch(olga, 'root', { role: 'admin' })).statusCode, 200);
  });

  it('keeps analysts, viewers and anonymous clients out, and checks CSRF', async () => {
    for (const who of ['ana', 'vic']) {
      const c = await signedIn(who);
      const res = await patch(c, who, { role: 'admin' });
      assert.deepEqual([res.statusCode, res.json().code], [403, 'ROLE_FORBIDDEN'], who);
      const other = await patch(c, 'root', { disabled: true });
      assert.equal(other.statusCode, 403, who);
    }
    assert.equal((await userNamed('ana')).role, 'analyst');
    assert.equal((await userNamed('root')).disabled, false);
    const anon = new Client(app);
    await anon.req('GET', '/api/v1/auth/me');
    const res = await patch(anon, 'vic', { disabled: true });
    assert.deepEqual([res.statusCode, res.json().code], [401, 'AUTH_REQUIRED']);
    const root = await signedIn('root');
    const noCsrf = await patch(root, 'vic', { disabled: true }, { csrf: null });
    assert.deepEqual([noCsrf.statusCode, noCsrf.json().code], [403, 'CSRF_INVALID']);
    assert.equal((await userNamed('vic')).disabled, false);
  });

  it('answers 404 USER_NOT_FOUND for an unknown id and 400 for a malformed change', async () => {
    const root = await signedIn('root');
    const missing = await patch(root, '00000000-0000-4000-8000-000000000000', { role: 'viewer' });
    assert.deepEqual([missing.statusCode, missing.json().code], [404, 'USER_NOT_FOUND']);
    for (const c of [
      { desc: 'nothing to change', id: 'vic', body: {} },
      { desc: 'an unknown role', id: 'vic', body: { role: 'owner' } },
      { desc: 'an unknown field', id: 'vic', body: { password: PW } },
      { desc: 'disabled as text', id: 'vic', body: { disabled: 'yes' } },
      { desc: 'an id that is not a UUID', id: 'vic--1', body: { role: 'viewer' } },
    ]) {
      const res = await patch(root, c.id, c.body);
      assert.equal(res.statusCode, 400, c.desc);
      assert.equal(res.json().status, 400, c.desc);
    }
  });

  it('describes PATCH /api/v1/users/{id} in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/users/{id}']?.patch;
    assert.ok(op, 'patch /api/v1/users/{id}');
    for (const s of ['200', '400', '401', '403', '404', '409']) assert.ok(op.responses[s], s);
  });
});

describe('background requests and the idle timeout', () => {
  it('lets X-Parley-Background requests read a session without keeping it alive', async () => {
    const fx = await sqliteUsers();
    // The login route sets the cookies' Max-Age from the wall clock: start from it.
    let now = Date.now();
    const users = new UsersService({ store: fx.store, clock: { now: () => new Date(now) }, logger });
    await users.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    const app = await buildApp({ node: {} as NodeService, logger, bodyLimit: 1 << 20, users });
    try {
      const [poller, person] = [new Client(app), new Client(app)];
      await poller.login('vic');
      await person.login('vic');
      const me = (c: Client, background: boolean) =>
        c.app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: {
            cookie: c.cookieHeader(),
            ...(background ? { 'x-parley-background': '1' } : {}),
          },
        });
      for (let h = 0; h < 3; h++) {
        now += 3600_000;
        assert.equal((await me(poller, true)).statusCode, 200, `poller after ${h + 1} h`);
        assert.equal((await me(person, false)).statusCode, 200, `person after ${h + 1} h`);
      }
      now += 1.5 * 3600_000; // 4.5 h after login: the idle limit is 4 h
      assert.equal((await me(poller, true)).statusCode, 401, 'only background requests: idle');
      assert.equal((await me(person, true)).statusCode, 200, 'a person acted 1.5 h ago');
    } finally {
      await app.close();
      await fx.close();
    }
  });
});
