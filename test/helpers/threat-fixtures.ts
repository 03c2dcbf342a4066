/**
 * Shared material of the threat and designation tests: party A's designation of its food sector and
 * a meat-processing company, and a ransomware notification against that company.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../src/core/jcs/index.js';

export const MEAT_CO_ASSET = {
  id: 'meat-co',
  name: 'Meat Co processing plant',
  sector: 'us-food-and-agriculture',
  domains: ['meatco.example'],
  ip_ranges: ['198.51.100.0/24', '2001:db8:100::/48'],
  as_numbers: [64500],
};

export const FOOD_DESIGNATION = {
  taxonomy: 'us-ppd21',
  sectors: ['us-food-and-agriculture'],
  assets: [MEAT_CO_ASSET],
};

/** A STIX 2.1 bundle: criminal ransomware (T1486) against Meat Co, with an observed address in its range. */
export function ransomwareBundle(opts: { name?: string; victimSectors?: string[]; ip?: string } = {}): {
  bundle: JsonObject;
  incidentId: string;
} {
  const t = '2026-11-27T08:00:00.000Z';
  const common = { spec_version: '2.1', created: t, modified: t };
  const incidentId = `incident--${randomUUID()}`;
  const victim = `identity--${randomUUID()}`;
  const actor = `threat-actor--${randomUUID()}`;
  const pattern = `attack-pattern--${randomUUID()}`;
  const ip = `${opts.ip?.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}--${randomUUID()}`;
  const objects = [
    {
      type: 'incident',
      id: incidentId,
      ...common,
      name: opts.name ?? 'Ransomware at Meat Co',
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'impact' }],
    },
    {
      type: 'identity',
      id: victim,
      ...common,
      name: 'Meat Co',
      identity_class: 'organization',
      sectors: opts.victimSectors ?? ['agriculture'],
    },
    { type: 'threat-actor', id: actor, ...common, name: 'Crew', threat_actor_types: ['criminal'] },
    {
      type: 'attack-pattern',
      id: pattern,
      ...common,
      name: 'Data Encrypted for Impact',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1486' }],
    },
    {
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      ...common,
      relationship_type: 'targets',
      source_ref: incidentId,
      target_ref: victim,
    },
    {
      type: 'relationship',
      id: `relationship--${randomUUID()}`,
      ...common,
      relationship_type: 'attributed-to',
      source_ref: incidentId,
      target_ref: actor,
    },
    {
      type: opts.ip?.includes(':') ? 'ipv6-addr' : 'ipv4-addr',
      id: ip,
      spec_version: '2.1',
      value: opts.ip ?? '198.51.100.23',
    },
  ];
  return {
    bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects } as unknown as JsonObject,
    incidentId,
  };
}

/** A valid POC template (docs/poc-template.md); the sending node adds message_id and sent_at. */
export const NOTIFY_TEMPLATE = {
  sender_state: 'XAR',
  sender_poc_role: 'technical',
  recipient_state: 'XBO',
  recipient_poc_role: 'technical',
  communication_type: 'notification',
  urgency: 'urgent',
  incident_description: 'Ransomware at a meat-processing company',
  handling: 'TLP:AMBER',
  acknowledgement_requested: true,
};
