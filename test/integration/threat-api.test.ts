/**
 * The threat-level and designation JSON API over real HTTP between two nodes: sign in with accounts
 * made by the users service, designate / acknowledge / object through the API, read levels with their
 * explanation, history and published assessments side by side; roles, CSRF, problem details, OpenAPI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, ManualClock, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { FOOD_DESIGNATION, NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

const PW = 'a long enough password';

/** A browser-like client over fetch: keeps cookies and echoes the CSRF cookie. */
class Browser {
  private jar = new Map<string, string>();
  constructor(private readonly base: string) {}
  // The tests read arbitrary response shapes; each assertion names the field it needs.
  async req(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    opts: { csrf?: boolean } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; json: any; type: string }> {
    const headers: Record<string, string> = {};
    if (this.jar.size)
      headers.cookie = [...this.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    if (opts.csrf !== false && this.jar.has('parley_csrf'))
      headers['x-csrf-token'] = this.jar.get('parley_csrf')!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, i), decodeURIComponent(pair!.slice(i + 1)));
    }
    const text = await res.text();
    return {
      status: res.status,
      json: text ? JSON.parse(text) : undefined,
      type: res.headers.get('content-type') ?? '',
    };
  }
  async login(username: string): Promise<void> {
    await this.req('GET', '/api/v1/auth/me');
    const r = await this.req('POST', '/api/v1/auth/login', { username, password: PW });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
}

describe('threat and designation API over HTTP', () => {
  const clock = new ManualClock();
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let anaA: Browser, anaB: Browser, vicB: Browser;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
      clock,
      channel: { name: 'API dialogue' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    for (const n of [a, b]) {
      await usersOf(n.node)!.addUser({ username: 'ana', role: 'analyst', password: PW }, 'test');
      await usersOf(n.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    }
    anaA = new Browser(a.url);
    anaB = new Browser(b.url);
    vicB = new Browser(b.url);
    await anaA.login('ana');
    await anaB.login('ana');
    await vicB.login('vic');
  });
  after(async () => stop?.());

  it('answers 401 without a session, 403 for a viewer posting, 403 without the CSRF header', async () => {
    const anon = new Browser(a.url);
    const r = await anon.req('GET', '/api/v1/threat/levels');
    assert.equal(r.status, 401);
    assert.match(r.type, /application\/problem\+json/);
    assert.equal(r.json.code, 'AUTH_REQUIRED');
    const v = await vicB.req('POST', '/api/v1/designations/ack', { channel, party: a.node.partyId });
    assert.equal(v.status, 403);
    assert.equal(v.json.code, 'ROLE_FORBIDDEN');
    const c = await anaA.req(
      'POST',
      '/api/v1/designations',
      { channel, ...FOOD_DESIGNATION },
      { csrf: false },
    );
    assert.equal(c.status, 403);
    assert.equal(c.json.code, 'CSRF_INVALID');
  });

  it('refuses an invalid designation with 400 DESIGNATION_INVALID listing the problems', async () => {
    const r = await anaA.req('POST', '/api/v1/designations', {
      channel,
      taxonomy: 'us-ppd21',
      sectors: ['nope'],
      assets: [],
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'DESIGNATION_INVALID');
  });

  it('designates on A, acknowledges on B, and both APIs show who acknowledged which version when', async () => {
    const d = await anaA.req('POST', '/api/v1/designations', { channel, ...FOOD_DESIGNATION });
    assert.equal(d.status, 201, JSON.stringify(d.json));
    assert.equal(d.json.kind, 'designation');
    await eventually(
      'B holds it',
      async () =>
        (await vicB.req('GET', `/api/v1/designations?channel=${channel}`)).json.designations.length === 1,
    );
    clock.advance(5000);
    const ack = await anaB.req('POST', '/api/v1/designations/ack', {
      channel,
      party: a.node.partyId,
      version: 1,
    });
    assert.equal(ack.status, 201);
    for (const br of [anaA, vicB]) {
      const list = await eventually('the ack is seen', async () => {
        const r = await br.req('GET', `/api/v1/designations?channel=${channel}`);
        return r.json.designations[0]?.acks.length === 1 ? r.json.designations : undefined;
      });
      assert.equal(list[0].version, 1);
      assert.equal(list[0].current, true);
      assert.equal(list[0].honoured, true);
      assert.equal(list[0].acks[0].responder, b.node.partyId);
      assert.equal(list[0].acks[0].at, clock.now().toISOString());
      assert.deepEqual(list[0].designation.sectors, ['us-food-and-agriculture']);
    }
    const one = await vicB.req('GET', `/api/v1/designations/${channel}/${a.node.partyId}/latest`);
    assert.equal(one.status, 200);
    assert.equal(one.json.designation.assets[0].id, 'meat-co');
    const missing = await vicB.req('GET', `/api/v1/designations/${channel}/${a.node.partyId}/7`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.code, 'NOT_FOUND');
  });

  it('objects to a second version with reasons and diffs the versions', async () => {
    const d2 = await anaA.req('POST', '/api/v1/designations', {
      channel,
      taxonomy: 'us-ppd21',
      sectors: ['us-food-and-agriculture'],
      assets: [],
    });
    assert.equal(d2.status, 201);
    await eventually(
      'B holds v2',
      async () =>
        (await vicB.req('GET', `/api/v1/designations?channel=${channel}`)).json.designations.length === 2,
    );
    const o = await anaB.req('POST', '/api/v1/designations/objection', {
      channel,
      party: a.node.partyId,
      version: 2,
      reasons: ['Meat Co was dropped without notice'],
    });
    assert.equal(o.status, 201);
    await eventually(
      'A sees the objection',
      async () =>
        (await anaA.req('GET', `/api/v1/designations?channel=${channel}&party=${a.node.partyId}`)).json
          .designations[1]?.objections.length === 1,
    );
    const diff = await vicB.req('GET', `/api/v1/designations/${channel}/${a.node.partyId}/diff?from=1&to=2`);
    assert.equal(diff.status, 200);
    assert.deepEqual(
      diff.json.assets.removed.map((x: { id: string }) => x.id),
      ['meat-co'],
    );
  });

  it('serves taxonomies, the crosswalk (with confidence) and matches', async () => {
    const t = await vicB.req('GET', '/api/v1/ci/taxonomies');
    assert.ok(t.json.taxonomies.some((x: { id: string }) => x.id === 'ru-187fz'));
    const x = await vicB.req(
      'GET',
      '/api/v1/ci/crosswalk?from=us-ppd21&to=ru-187fz&sectors=us-energy,us-water-wastewater',
    );
    assert.equal(x.status, 200);
    assert.ok(x.json.translation.mappings.every((m: { confidence: string }) => m.confidence !== 'exact'));
    assert.deepEqual(x.json.translation.unmapped, ['us-water-wastewater']);
    const xd = await vicB.req(
      'GET',
      `/api/v1/ci/crosswalk?to=eu-nis2&channel=${channel}&party=${a.node.partyId}&version=1`,
    );
    assert.equal(xd.json.designation.version, 1);
    assert.equal(xd.json.assets.length, 1);
    const m = await vicB.req(
      'GET',
      `/api/v1/ci/match?channel=${channel}&ip=198.51.100.7,192.0.2.1&domain=mail.meatco.example&asn=AS64500`,
    );
    assert.equal(m.status, 200);
    assert.equal(m.json.observables.length, 4);
    assert.equal(m.json.observables[0].matches[0].entry, '198.51.100.0/24');
    assert.equal(m.json.observables[0].matches[0].version, 1, 'v1 is honoured: B acknowledged it');
    assert.deepEqual(m.json.observables[1].matches, []);
  });

  it('shows the level rise with its explanation and history after a notification', async () => {
    const before = await vicB.req('GET', '/api/v1/threat/levels');
    assert.deepEqual(before.json.levels, []);
    assert.equal(before.json.model.provenance.notional, true);
    clock.advance(60_000);
    const { bundle } = ransomwareBundle();
    await a.dialogue.send(channel, { kind: 'notify', body: { template: NOTIFY_TEMPLATE, bundle } });
    const levels = await eventually('B computed levels', async () => {
      const r = await vicB.req('GET', '/api/v1/threat/levels?kind=channel');
      return r.json.levels.length === 1 ? r.json.levels : undefined;
    });
    assert.equal(levels[0].scope.id, channel);
    assert.equal(levels[0].name, 'API dialogue');
    assert.ok(levels[0].level >= 2);
    const ex = await vicB.req('GET', `/api/v1/threat/levels/channel/${channel}`);
    assert.equal(ex.status, 200);
    assert.equal(ex.json.names[0].name, 'Ransomware at Meat Co');
    assert.ok(ex.json.incidents[0].designated.some((e: string) => e.includes('meat-co')));
    assert.ok(ex.json.incidents[0].contribution > 0);
    const h = await vicB.req('GET', `/api/v1/threat/levels/channel/${channel}/history?bucket_s=3600`);
    assert.equal(h.json.points.length, 30);
    assert.equal(h.json.points.at(-1).added, 1);
    const inc = await vicB.req('GET', `/api/v1/threat/incidents?channel=${channel}&flagged=true`);
    assert.equal(inc.json.incidents.length, 1);
    assert.ok(inc.json.incidents[0].detail.escalation.escalated);
    assert.ok(
      inc.json.incidents[0].detail.score.categories.some((c: { derived: boolean }) => c.derived),
      'derived answers are marked',
    );
  });

  it('publishes an assessment on A; B shows it beside its computed level', async () => {
    const p = await anaA.req('POST', '/api/v1/threat/assessments', {
      channel,
      scope: { kind: 'channel', id: channel },
      level: 4,
      rationale: 'A second plant is under attack',
    });
    assert.equal(p.status, 201, JSON.stringify(p.json));
    const list = await eventually('B holds the assessment', async () => {
      const r = await vicB.req('GET', `/api/v1/threat/assessments?channel=${channel}`);
      return r.json.assessments.length === 1 ? r.json.assessments : undefined;
    });
    assert.equal(list[0].party, a.node.partyId);
    assert.equal(list[0].level, 4);
    assert.ok(list[0].computed.level >= 2);
    const l = await vicB.req('GET', '/api/v1/threat/levels?kind=channel');
    assert.deepEqual(
      l.json.levels[0].published.map((x: { party: string; level: number }) => [x.party, x.level]),
      [[a.node.partyId, 4]],
    );
    const bad = await anaA.req('POST', '/api/v1/threat/assessments', {
      channel,
      scope: { kind: 'channel', id: channel },
      level: 9,
      rationale: 'x',
    });
    assert.equal(bad.status, 400);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${a.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/threat/levels',
      '/api/v1/threat/levels/{kind}/{id}',
      '/api/v1/threat/levels/{kind}/{id}/history',
      '/api/v1/threat/assessments',
      '/api/v1/threat/incidents',
      '/api/v1/designations',
      '/api/v1/designations/ack',
      '/api/v1/designations/objection',
      '/api/v1/ci/crosswalk',
      '/api/v1/ci/match',
    ]) {
      assert.ok(doc.paths[p], `OpenAPI has ${p}`);
    }
  });
});
