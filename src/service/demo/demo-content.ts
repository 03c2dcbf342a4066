import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/jcs/index.js';

/**
 * The fictional content of the demo: two parties (Ardenia's national CERT and Borealia's cyber
 * point of contact), STIX 2.1 incidents, a designation of critical infrastructure. Every name,
 * address and domain is invented (RFC 5737 / RFC 3849 documentation ranges, .example domains).
 */
export const DEMO_PARTIES = {
  a: { name: 'Republic of Ardenia — National CERT', slug: 'ardenia' },
  b: { name: 'Federation of Borealia — Cyber Point of Contact', slug: 'borealia' },
} as const;

export const DEMO_PASSWORDS = {
  admin: 'demo-admin-password',
  analyst: 'demo-analyst-password',
  viewer: 'demo-viewer-password',
} as const;

function obj(type: string, extra: Record<string, unknown>, at: string): Record<string, unknown> {
  return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: at, modified: at, ...extra };
}

/** An incident bundle: the incident, its victim with sectors, the technique, an indicator and the observed address. */
export function incidentBundle(o: {
  at: string;
  name: string;
  victim: string;
  sectors: string[];
  technique: [string, string];
  ip: string;
  domain: string;
  actorType: string;
}): JsonObject {
  const incident = obj(
    'incident',
    { name: o.name, kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'impact' }] },
    o.at,
  );
  const victim = obj(
    'identity',
    { name: o.victim, identity_class: 'organization', sectors: o.sectors },
    o.at,
  );
  const actor = obj('threat-actor', { name: 'Unattributed crew', threat_actor_types: [o.actorType] }, o.at);
  const pattern = obj(
    'attack-pattern',
    {
      name: o.technique[1],
      external_references: [{ source_name: 'mitre-attack', external_id: o.technique[0] }],
    },
    o.at,
  );
  const indicator = obj(
    'indicator',
    {
      name: `C2 domain of ${o.name}`,
      pattern: `[domain-name:value = '${o.domain}']`,
      pattern_type: 'stix',
      valid_from: o.at,
      indicator_types: ['malicious-activity'],
    },
    o.at,
  );
  const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: o.ip };
  const rel = (type: string, s: string, t: string): Record<string, unknown> =>
    obj('relationship', { relationship_type: type, source_ref: s, target_ref: t }, o.at);
  return {
    type: 'bundle',
    id: `bundle--${randomUUID()}`,
    objects: [
      incident,
      victim,
      actor,
      pattern,
      indicator,
      ip,
      rel('targets', incident.id as string, victim.id as string),
      rel('attributed-to', incident.id as string, actor.id as string),
      rel('indicates', indicator.id as string, incident.id as string),
    ],
  } as unknown as JsonObject;
}

export const ARDENIA_DESIGNATION = {
  taxonomy: 'us-ppd21',
  sectors: ['us-food-and-agriculture', 'us-energy', 'us-water-wastewater'],
  assets: [
    {
      id: 'meat-co',
      name: 'Ardenian Meat Co processing plant',
      sector: 'us-food-and-agriculture',
      domains: ['meatco.example'],
      ip_ranges: ['198.51.100.0/24'],
      as_numbers: [64500],
    },
    {
      id: 'grid-op',
      name: 'Ardenia national grid operator',
      sector: 'us-energy',
      domains: ['grid.ardenia.example'],
      ip_ranges: ['203.0.113.0/25', '2001:db8:a0::/48'],
      as_numbers: [64501],
    },
  ],
};
