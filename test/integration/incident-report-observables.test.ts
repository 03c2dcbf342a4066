/**
 * Observables in a report sent through the UI's route (POST /api/v1/channels/{id}/incidents), over
 * real HTTP between two real nodes: a value the designation matcher cannot read, or a bundle that is
 * not valid STIX 2.1, is refused with 400 and the JSON pointer of the value before anything is
 * signed; an address inside a designated range, sent as an ipv4-addr under an observed-data tied to
 * the incident, lands in the bundle as sent and escalates the incident on both sides, naming the
 * designation entry by asset.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { ApiSession } from '../helpers/api-session.js';
import { eventually, nodesWithChannel, type TestNode } from '../helpers/nodes.js';
import { designateFoodAcknowledged } from '../helpers/threat-nodes.js';

const PW = 'correct horse battery staple';
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
type Obj = Record<string, unknown>;

/** A report as the form sends it, with the given cyber-observable objects under one observed-data. */
function report(scos: Obj[], extra: Obj[] = []): { body: Obj; incident: string } {
  const t = '2026-11-27T08:00:00.000Z';
  const common = { spec_version: '2.1', created: t, modified: t, object_marking_refs: [AMBER] };
  const incident = `incident--${randomUUID()}`;
  const observed = `observed-data--${randomUUID()}`;
  const objects: Obj[] = [
    { type: 'incident', id: incident, ...common, name: 'Intrusion at Meat Co', description: 'C2 traffic' },
    ...scos.map((o) => ({ spec_version: '2.1', ...o, object_marking_refs: [AMBER] })),
    {
      type: 'observed-data',
      id: observed,
      ...common,
      first_observed: t,
      last_observed: t,
      number_observed: 1,
      object_refs: scos.map((o) => o.id),
    },
    {
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      ...common,
      relationship_type: 'related-to',
      source_ref: incident,
      target_ref: observed,
    },
    ...extra,
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: AMBER,
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
          extension_type: 'property-extension',
          tlp_2_0: 'amber',
        },
      },
    },
  ];
  return {
    incident,
    body: {
      sender_state: 'XRU',
      sender_poc_role: 'technical',
      recipient_state: 'XFR',
      recipient_poc_role: 'technical',
      communication_type: 'incident_notification',
      urgency: 'urgent',
      incident_description: 'C2 traffic from a Meat Co address',
      handling: 'TLP:AMBER',
      acknowledgement_requested: true,
      bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects },
    },
  };
}

const sco = (type: string, props: Obj): Obj => ({ type, id: `${type}--${randomUUID()}`, ...props });

describe('observables in an incident report, over HTTP between two nodes', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let analystA: ApiSession, viewerB: ApiSession;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Ruritania CERT', 'Freedonia CERT'], {
      channel: { name: 'R–F' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // A designates Meat Co (198.51.100.0/24 among its assets); B acknowledges.
    await designateFoodAcknowledged(a, b, channel);
    await usersOf(a.node)!.addUser({ username: 'ana', role: 'analyst', password: PW }, 'test');
    await usersOf(b.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    analystA = new ApiSession(a.url);
    await analystA.login('ana', PW);
    viewerB = new ApiSession(b.url);
    await viewerB.login('vic', PW);
  });
  after(async () => stop?.());

  const ownSize = async (): Promise<number> =>
    (await a.node.store.getLogHead({ channel, author: a.node.partyId }))?.size ?? 0;

  const refusals: { desc: string; scos: Obj[]; extra?: Obj[]; code: string; pointer: RegExp }[] = [
    {
      desc: 'an IPv4 address out of range',
      scos: [sco('ipv4-addr', { value: '198.51.100.300' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/value: .*not an IPv4 address/,
    },
    {
      desc: 'a CIDR range with host bits set',
      scos: [sco('domain-name', { value: 'meatco.example' }), sco('ipv4-addr', { value: '198.51.100.7/24' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/2\/value: .*host bits set \(network address is 198\.51\.100\.0\/24\)/,
    },
    {
      desc: 'an IPv6 address as ipv4-addr',
      scos: [sco('ipv4-addr', { value: '2001:db8::1' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/value: .*not IPv4/,
    },
    {
      desc: 'a domain with an invalid label',
      scos: [sco('domain-name', { value: 'bad_-.example..' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/value: /,
    },
    {
      desc: 'a URL without a scheme',
      scos: [sco('url', { value: 'meatco.example/login' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/value: .*not an absolute URL/,
    },
    {
      desc: 'an e-mail address without a domain',
      scos: [sco('email-addr', { value: 'ceo@' })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/value: /,
    },
    {
      desc: 'a SHA-256 hash of the wrong length',
      scos: [sco('file', { hashes: { 'SHA-256': 'abc123' } })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/hashes\/SHA-256: a SHA-256 hash is 64 hexadecimal digits/,
    },
    {
      desc: 'an AS number beyond 32 bits',
      scos: [sco('autonomous-system', { number: 4294967296 })],
      code: 'OBSERVABLE_INVALID',
      pointer: /^\/bundle\/objects\/1\/number: /,
    },
    {
      desc: 'an observed-data referring to an SDO (STIX 2.1: SCOs and SROs only)',
      scos: [sco('ipv4-addr', { value: '198.51.100.7' })],
      extra: [
        {
          type: 'observed-data',
          id: `observed-data--${randomUUID()}`,
          spec_version: '2.1',
          created: '2026-11-27T08:00:00.000Z',
          modified: '2026-11-27T08:00:00.000Z',
          first_observed: '2026-11-27T08:00:00.000Z',
          last_observed: '2026-11-27T08:00:00.000Z',
          number_observed: 0,
          object_refs: [`incident--${randomUUID()}`],
          object_marking_refs: [AMBER],
        },
      ],
      code: 'STIX_INVALID',
      pointer: /^\/bundle\/objects\/4\/(object_refs\/0|number_observed): /,
    },
  ];

  for (const c of refusals) {
    it(`refuses ${c.desc} with 400 and the value's pointer, signing nothing`, async () => {
      const before = await ownSize();
      const r = await analystA.req(
        'POST',
        `/api/v1/channels/${channel}/incidents`,
        report(c.scos, c.extra).body,
      );
      assert.equal(r.status, 400, JSON.stringify(r.json));
      const p = r.json as { code: string; detail: string; type: string };
      assert.equal(p.code, c.code);
      assert.match(p.detail, c.pointer);
      assert.equal(p.type, `https://parley.invalid/problems/${c.code.toLowerCase().replace(/_/g, '-')}`);
      assert.equal(await ownSize(), before, 'nothing was appended');
    });
  }

  it('sends an address in a designated range: it is in the bundle as sent and escalates on both sides', async () => {
    const ip = sco('ipv4-addr', { value: '198.51.100.7' });
    const evidence = [
      sco('email-addr', { value: 'billing@meatco.example' }),
      sco('file', {
        hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      }),
    ];
    const { body, incident } = report([ip, ...evidence]);
    const r = await analystA.req('POST', `/api/v1/channels/${channel}/incidents`, body);
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const { hash, kind } = r.json as { hash: string; kind: string };
    assert.equal(kind, 'notify');
    for (const [n, s] of [
      [a, analystA],
      [b, viewerB],
    ] as const) {
      const v = await eventually(`${n.name} scores the notification`, async () => {
        const x = await s.req('GET', `/api/v1/threat/notifications/${hash}`);
        return x.status === 200 && (x.json as { incidents: unknown[] }).incidents.length === 1
          ? (x.json as {
              objects: Obj[];
              incidents: {
                incidentId: string;
                score: number;
                original: number;
                designated: string[];
                detail: {
                  observables: { observable: { type: string; value: string }; entries: string[] }[];
                  escalation: { escalated: boolean; applied: Obj[] };
                };
              }[];
            })
          : undefined;
      });
      const sent = v.objects.find((o) => o.id === ip.id);
      assert.equal(sent?.value, '198.51.100.7', 'the observable is in the bundle as signed');
      const od = v.objects.find((o) => o.type === 'observed-data')!;
      assert.deepEqual(od.object_refs, [ip.id, ...evidence.map((e) => e.id)]);
      const inc = v.incidents[0]!;
      assert.equal(inc.incidentId, incident);
      assert.ok(inc.score > inc.original, `${n.name}: escalated from ${inc.original} to ${inc.score}`);
      assert.equal(inc.detail.escalation.escalated, true);
      const byAsset = inc.detail.escalation.applied.find((m) => m.kind === 'ipv4');
      assert.deepEqual(
        byAsset && [byAsset.party, byAsset.assetId, byAsset.entry, byAsset.confidence],
        [a.node.partyId, 'meat-co', '198.51.100.0/24', 'exact'],
        JSON.stringify(inc.detail.escalation.applied),
      );
      assert.deepEqual(
        inc.detail.observables.map((o) => o.observable),
        [{ type: 'ipv4-addr', value: '198.51.100.7' }],
        'only the address matched: e-mail addresses and hashes travel as evidence',
      );
      assert.ok(inc.designated.some((d) => d.includes('asset meat-co') && d.includes('198.51.100.0/24')));
    }
  });
});
