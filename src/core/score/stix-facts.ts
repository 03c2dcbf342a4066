/**
 * Facts for derivation from the STIX 2.1 objects of one notification (STIX 2.1 §4: incident,
 * attack-pattern, threat-actor, identity, relationship). Unknown or malformed objects are skipped:
 * the facts feed derived defaults, never validation.
 */
import type { IncidentFacts } from './score-model.types.js';

type StixLike = Readonly<Record<string, unknown>>;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

function phases(o: StixLike): string[] {
  if (!Array.isArray(o.kill_chain_phases)) return [];
  return o.kill_chain_phases.flatMap((k: unknown) => {
    const p = (k as { phase_name?: unknown } | null)?.phase_name;
    return typeof p === 'string' ? [p] : [];
  });
}

function techniques(o: StixLike): string[] {
  if (!Array.isArray(o.external_references)) return [];
  return o.external_references.flatMap((r: unknown) => {
    const ref = r as { source_name?: unknown; external_id?: unknown } | null;
    const id = ref?.external_id;
    return ref?.source_name === 'mitre-attack' && typeof id === 'string' && /^T\d{4}(\.\d{3})?$/.test(id)
      ? [id]
      : [];
  });
}

/**
 * Victim sectors: identities that a `targets` relationship points at; when the bundle has no such
 * relationship, every identity with `sectors` except the incident's author (created_by_ref), since a
 * notification's author is a CERT, not the victim.
 */
function victimSectors(objects: readonly StixLike[], author: unknown): string[] {
  const identities = objects.filter((o) => o.type === 'identity');
  const targeted = new Set(
    objects
      .filter((o) => o.type === 'relationship' && o.relationship_type === 'targets')
      .map((o) => o.target_ref),
  );
  const victims = identities.filter((o) => targeted.has(o.id));
  const chosen = victims.length > 0 ? victims : identities.filter((o) => o.id !== author);
  return chosen.flatMap((o) => strings(o.sectors));
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** Extracts derivation facts from a notification's STIX objects. Pure; never throws. */
export function factsFromStix(objects: readonly unknown[], incidentId?: string): IncidentFacts {
  const objs = objects.filter((o): o is StixLike => typeof o === 'object' && o !== null && !Array.isArray(o));
  const incident = objs.find(
    (o) => o.type === 'incident' && (incidentId === undefined || o.id === incidentId),
  );
  const patterns = objs.filter((o) => o.type === 'attack-pattern');
  return {
    sectors: uniq(victimSectors(objs, incident?.created_by_ref)),
    kill_chain_phases: uniq([...(incident ? phases(incident) : []), ...patterns.flatMap(phases)]),
    threat_actor_types: uniq(
      objs.filter((o) => o.type === 'threat-actor').flatMap((o) => strings(o.threat_actor_types)),
    ),
    attack_techniques: uniq(patterns.flatMap(techniques)),
  };
}
