/**
 * The UI's auth API over HTTP (Fastify inject): cookies, CSRF, roles, throttling, problem
 * details and the OpenAPI entries. Users live in a real SQLite users sub-store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/http/app.js';
import { requireRole } from '../../src/http/plugins/session.js';
import type { NodeService } from '../../src/service/node-service.js';
import { UsersService } from '../../src/service/users/index.js';
import { sqliteUsers, type UsersFixture } from '../unit/service/users/users-fixtures.js';
import { InjectSession } from '../helpers/inject-session.js';

const PW = 'a long enough password';
const logger = pino({ level: 'silent' });

function cookiesOf(res: LightMyRequestResponse): Map<string, string> {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}

/** Signs in with the test password unless told another. */
class Client extends InjectSession {
  override login(username: string, password = PW): Promise<LightMyRequestResponse> {
    return super.login(username, password);
  }
}

describe('UI auth API', () => {
  let fx: UsersFixture;
  let app: FastifyInstance;
  let secureApp: FastifyInstance;
  before(async () => {
    fx = await sqliteUsers();
    const users = new UsersService({
      store: fx.store,
      clock: { now: () => new Date() },
      logger,
      options: { maxFailuresPerUser: 4 },
    });
    await users.addUser({ username: 'admin', role: 'admin', password: PW }, 'test');
    await users.addUser({ username: 'ana', role: 'analyst', password: PW }, 'test');
    await users.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    await users.addUser({ username: 'locked', role: 'viewer', password: PW }, 'test');
    // Routes of the log API are registered but not called here.
    const node = {} as NodeService;
    app = await buildApp({ node, logger, bodyLimit: 1 << 20, users });
    // As another feature's route would use it.
    app.post('/api/v1/test/send', { preHandler: requireRole('analyst') }, async (req) => {
      await req.auditAs('test.send', 'channel--x');
      return { ok: true, by: req.sessionUser!.username };
    });
    secureApp = await buildApp({
      node,
      logger,
      bodyLimit: 1 << 20,
      users,
      publicUrl: 'https://parley.example',
    });
  });
  after(async () => {
    await app.close();
    await secureApp.close();
    await fx.close();
  });

  it('answers 401 AUTH_REQUIRED without a session and hands out a CSRF cookie', async () => {
    const c = new Client(app);
    const res = await c.req('GET', '/api/v1/auth/me');
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json().code, 'AUTH_REQUIRED');
    const csrf = cookiesOf(res).get('parley_csrf')!;
    assert.match(csrf, /SameSite=Strict/);
    assert.doesNotMatch(csrf, /HttpOnly/);
  });

  it('refuses a login without the CSRF header', async () => {
    const c = new Client(app);
    await c.req('GET', '/api/v1/auth/me');
    const res = await c.req(
      'POST',
      '/api/v1/auth/login',
      { username: 'admin', password: PW },
      { csrf: null },
    );
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'CSRF_INVALID');
  });

  it('signs in with HttpOnly, SameSite=Strict cookies (no Secure over plain HTTP)', async () => {
    const c = new Client(app);
    const res = await c.login('admin');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.username, 'admin');
    assert.equal(body.user.role, 'admin');
    assert.equal('password_hash' in body.user, false);
    const session = cookiesOf(res).get('parley_session')!;
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Strict/);
    assert.match(session, /Path=\/api/);
    assert.doesNotMatch(session, /Secure/);
    assert.equal(c.jar.get('parley_csrf'), body.csrf_token);
    const me = await c.req('GET', '/api/v1/auth/me');
    assert.equal(me.json().user.username, 'admin');
    assert.ok(Date.parse(me.json().expires_at) > Date.now());
  });

  it('marks cookies Secure when the public URL is https', async () => {
    const c = new Client(secureApp);
    const res = await c.login('admin');
    assert.match(cookiesOf(res).get('parley_session')!, /; Secure/);
    assert.match(cookiesOf(res).get('parley_csrf')!, /; Secure/);
  });

  it('answers a wrong password with 401 LOGIN_FAILED problem details', async () => {
    const c = new Client(app);
    const res = await c.login('admin', 'not the password');
    assert.equal(res.statusCode, 401);
    assert.deepEqual([res.json().code, res.json().status], ['LOGIN_FAILED', 401]);
    assert.equal(c.jar.has('parley_session'), false);
  });

  it('throttles a username with 429 and Retry-After', async () => {
    const c = new Client(app);
    for (let i = 0; i < 4; i++) assert.equal((await c.login('locked', 'wrong wrong wrong')).statusCode, 401);
    const res = await c.login('locked');
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().code, 'LOGIN_RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  it('lets an admin list and create users, with the session-bound CSRF token', async () => {
    const c = new Client(app);
    await c.login('admin');
    const list = await c.req('GET', '/api/v1/users');
    assert.deepEqual(
      list.json().users.map((u: { username: string }) => u.username),
      ['admin', 'ana', 'locked', 'vic'],
    );
    const created = await c.req('POST', '/api/v1/users', {
      username: 'Duty1',
      role: 'analyst',
      password: PW,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().username, 'duty1');
    const again = await c.req('POST', '/api/v1/users', { username: 'duty1', role: 'analyst', password: PW });
    assert.deepEqual([again.statusCode, again.json().code], [409, 'USER_EXISTS']);
    const noHeader = await c.req(
      'POST',
      '/api/v1/users',
      { username: 'duty2', role: 'viewer', password: PW },
      { csrf: null },
    );
    assert.deepEqual([noHeader.statusCode, noHeader.json().code], [403, 'CSRF_INVALID']);
    const forged = await c.req(
      'POST',
      '/api/v1/users',
      { username: 'duty2', role: 'viewer', password: PW },
      { csrf: 'x'.repeat(43) },
    );
    assert.equal(forged.statusCode, 403);
    const audit = await c.req('GET', '/api/v1/audit?limit=5');
    assert.ok(
      audit
        .json()
        .records.some(
          (a: { actor: string; action: string; subject: string }) =>
            a.actor === 'admin' && a.action === 'user.create' && a.subject === 'duty1',
        ),
    );
  });

  it('keeps viewers and analysts out of the admin routes (403 ROLE_FORBIDDEN)', async () => {
    for (const who of ['vic', 'ana']) {
      const c = new Client(app);
      await c.login(who);
      const res = await c.req('GET', '/api/v1/users');
      assert.deepEqual([res.statusCode, res.json().code], [403, 'ROLE_FORBIDDEN'], who);
      const post = await c.req('POST', '/api/v1/users', { username: 'sneaky', role: 'admin', password: PW });
      assert.equal(post.statusCode, 403, who);
    }
  });

  it("protects another feature's route with requireRole and records its actor", async () => {
    const viewer = new Client(app);
    await viewer.login('vic');
    assert.equal((await viewer.req('POST', '/api/v1/test/send', {})).statusCode, 403);
    const analyst = new Client(app);
    await analyst.login('ana');
    const ok = await analyst.req('POST', '/api/v1/test/send', {});
    assert.deepEqual(ok.json(), { ok: true, by: 'ana' });
    const anon = new Client(app);
    await anon.req('GET', '/api/v1/auth/me');
    assert.equal((await anon.req('POST', '/api/v1/test/send', {})).statusCode, 401);
    const trail = await fx.store.users.listAudit(20);
    assert.ok(trail.some((a) => a.actor === 'ana' && a.action === 'test.send' && a.subject === 'channel--x'));
  });

  it('gives a signed-in client whose CSRF cookie went missing its session token back', async () => {
    const c = new Client(app);
    const token = (await c.login('ana')).json().csrf_token as string;
    c.jar.delete('parley_csrf');
    const me = await c.req('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(c.jar.get('parley_csrf'), token);
    assert.equal((await c.req('POST', '/api/v1/test/send', {})).statusCode, 200);
  });

  it('signs out', async () => {
    const c = new Client(app);
    await c.login('vic');
    assert.equal((await c.req('POST', '/api/v1/auth/logout', {})).statusCode, 204);
    assert.equal((await c.req('GET', '/api/v1/auth/me')).statusCode, 401);
  });

  it('serves the UI with a CSP at its own paths, and API 404s as problem details', async () => {
    for (const path of ['/', '/overview', '/channels/channel--1', '/settings']) {
      const res = await app.inject({ method: 'GET', url: path });
      assert.equal(res.statusCode, 200, path);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    }
    const api404 = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.deepEqual([api404.statusCode, api404.json().code], [404, 'NOT_FOUND']);
    assert.equal((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode, 404);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json' })).statusCode,
      404,
    );
  });

  it('describes every auth and users route in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/users', 'get'],
      ['/api/v1/users', 'post'],
      ['/api/v1/audit', 'get'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path}`);
      assert.ok(op.responses['200'] ?? op.responses['201'] ?? op.responses['204']);
    }
  });
});
