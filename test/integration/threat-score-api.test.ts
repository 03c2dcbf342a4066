/**
 * The report form's and the incident page's API over real HTTP between two nodes: the scoring model
 * with its provenance, the live score of NCISS answers (viewer may call it; nothing stored), and one
 * notification's scored incidents beside the STIX objects it carried; OpenAPI entries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, ManualClock, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { NOTIFY_TEMPLATE, ransomwareBundle } from '../helpers/threat-fixtures.js';

const PW = 'a long enough password';
// Responses are read field by field; each assertion names the field it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The worked example of docs/threat-level.md: criminal ransomware at a food company, 47.3 Medium. */
const WORKED = {
  functional_impact: 'significant-impact-to-critical-services',
  observed_activity: 'effect',
  location_of_observed_activity: 'level-2-business-network',
  actor_characterization: 'criminal',
  information_impact: 'suspected-but-not-identified',
  recoverability: 'supplemented',
  cross_sector_dependency: 'agriculture-and-food',
  potential_impact: 'moderate',
};

describe('threat model, score preview and notification view over HTTP', () => {
  const clock = new ManualClock();
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let vicA: ApiSession, vicB: ApiSession;
  const req = async (
    s: ApiSession,
    m: 'GET' | 'POST',
    p: string,
    body?: unknown,
  ): Promise<{ status: number; json: Any }> => s.req(m, p, body);

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Party A', 'Party B'], {
      clock,
      channel: { name: 'Score dialogue' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    for (const n of [a, b])
      await usersOf(n.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    vicA = new ApiSession(a.url);
    vicB = new ApiSession(b.url);
    await vicA.login('vic', PW);
    await vicB.login('vic', PW);
  });
  after(async () => stop?.());

  it('serves the model: categories, options, derivation sources, victim sectors, notional provenance', async () => {
    const r = await req(vicA, 'GET', '/api/v1/threat/model');
    assert.equal(r.status, 200);
    assert.equal(r.json.id, 'nciss-demo-notional');
    assert.equal(r.json.provenance.published, false);
    assert.equal(r.json.provenance.notional, true);
    assert.equal(r.json.categories.length, 8);
    const fi = r.json.categories.find((c: Any) => c.id === 'functional_impact');
    assert.equal(fi.weight, 6);
    assert.ok(
      fi.options.some(
        (o: Any) => o.id === 'denial-of-critical-services-or-loss-of-control' && o.value === 100,
      ),
    );
    assert.deepEqual(r.json.categories.find((c: Any) => c.id === 'cross_sector_dependency').derived_from, [
      'sectors',
    ]);
    assert.ok(r.json.victim_sectors.some((s: Any) => s.id === 'agriculture'));
    assert.deepEqual(r.json.bands.lowerBounds, [20, 40, 55, 70, 85]);
  });

  it('scores answers for a viewer: the worked example is 47.3 Medium, contributions add up', async () => {
    const r = await req(vicA, 'POST', '/api/v1/threat/score', { inputs: WORKED });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(Math.round(r.json.score * 10) / 10, 47.3);
    assert.equal(r.json.level, 2);
    assert.equal(r.json.levelName, 'medium');
    assert.equal(r.json.model.provenance.notional, true);
    const sum = r.json.categories.reduce((s: number, c: Any) => s + c.contribution, 0);
    assert.ok(Math.abs(sum - r.json.score) < 1e-9);
    assert.ok(r.json.categories.every((c: Any) => c.basis === 'supplied' && c.derived === false));
  });

  it('derives what was left out from the facts given, and marks it derived', async () => {
    const r = await req(vicA, 'POST', '/api/v1/threat/score', {
      inputs: { functional_impact: 'denial-of-critical-services-or-loss-of-control' },
      facts: { sectors: ['energy'] },
    });
    assert.equal(r.status, 200);
    const dep = r.json.categories.find((c: Any) => c.category === 'cross_sector_dependency');
    assert.equal(dep.option, 'energy');
    assert.equal(dep.basis, 'derived');
    assert.equal(dep.derived, true);
    assert.equal(r.json.categories.find((c: Any) => c.category === 'functional_impact').basis, 'supplied');
    const none = await req(vicA, 'POST', '/api/v1/threat/score', { inputs: {} });
    assert.ok(
      none.json.categories.find((c: Any) => c.category === 'cross_sector_dependency').excluded,
      'no sector known: left out, not guessed',
    );
    const higher = await req(vicA, 'POST', '/api/v1/threat/score', {
      inputs: { ...WORKED, observed_activity: 'prepare' },
    });
    assert.ok(higher.json.score < 47.3, 'a lower answer lowers the score');
  });

  it('refuses unknown categories and options with 400 SCORE_INPUT_INVALID, and needs a session and CSRF', async () => {
    const r = await req(vicA, 'POST', '/api/v1/threat/score', {
      inputs: { functional_impact: 'catastrophe', nope: 'x' },
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'SCORE_INPUT_INVALID');
    assert.match(r.json.detail, /catastrophe/);
    assert.match(r.json.detail, /nope/);
    const anon = new ApiSession(a.url);
    await anon.req('GET', '/api/v1/auth/me'); // hands out the CSRF cookie, so that the session check answers
    assert.equal((await anon.req('POST', '/api/v1/threat/score', { inputs: {} })).status, 401);
    const noCsrf = await fetch(`${a.url}/api/v1/threat/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"inputs":{}}',
    });
    assert.ok(noCsrf.status === 401 || noCsrf.status === 403);
  });

  it('shows a notification on both sides: the incident scored with the sender’s answers, and its STIX objects', async () => {
    clock.advance(60_000);
    const { bundle, incidentId } = ransomwareBundle();
    const objects = (bundle as { objects: Record<string, unknown>[] }).objects;
    objects[0] = {
      ...objects[0],
      extensions: {
        'extension-definition--39355ea9-6ee9-475e-8e97-1fecade7de1c': {
          extension_type: 'property-extension',
          model_id: 'nciss-demo-notional',
          model_version: '1',
          inputs: { functional_impact: 'significant-impact-to-critical-services' },
        },
      },
    };
    const sent = await a.dialogue.send(channel, {
      kind: 'notify',
      body: { template: NOTIFY_TEMPLATE, bundle },
    });
    for (const s of [vicA, vicB]) {
      const r = await eventually('the notification is scored', async () => {
        const x = await req(s, 'GET', `/api/v1/threat/notifications/${sent.hashHex}`);
        return x.status === 200 && x.json.incidents.length === 1 ? x : undefined;
      });
      assert.equal(r.json.channel, channel);
      assert.equal(r.json.kind, 'notify');
      assert.equal(r.json.objects.length, objects.length);
      assert.equal(r.json.template.urgency, 'urgent');
      const inc = r.json.incidents[0];
      assert.equal(inc.incidentId, incidentId);
      const cats = inc.detail.score.categories;
      assert.equal(cats.find((c: Any) => c.category === 'functional_impact').basis, 'supplied');
      assert.equal(cats.find((c: Any) => c.category === 'actor_characterization').option, 'criminal');
      assert.equal(cats.find((c: Any) => c.category === 'actor_characterization').derived, true);
    }
    const missing = await req(vicB, 'GET', `/api/v1/threat/notifications/${'0'.repeat(64)}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.code, 'NOT_FOUND');
  });

  it('describes the three routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${a.url}/openapi.json`)).json()) as Any;
    assert.ok(doc.paths['/api/v1/threat/model'].get);
    assert.ok(doc.paths['/api/v1/threat/score'].post.requestBody);
    assert.ok(doc.paths['/api/v1/threat/notifications/{hash}'].get);
  });
});
