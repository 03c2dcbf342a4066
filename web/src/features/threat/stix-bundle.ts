/**
 * The STIX 2.1 bundle the report form sends beside the POC template: an `incident` carrying the
 * NCISS answers in Parley's scoring extension (so the receiver scores the same answers), the victim
 * as an `identity` with its sector and a `targets` relationship (so both sides derive the same
 * missing answers), the observables as cyber-observable objects gathered by an `observed-data`
 * that a `related-to` relationship ties to the incident (STIX 2.1 §4.13: observed data is how SCOs
 * are reported as seen; the incident has no relationship of its own to them), and the TLP 2.0
 * marking on every object. The identifiers below are fixed by
 * their publishers; the web UI imports nothing from src/, so they are repeated here
 * (src/core/score/stix-extension.ts, src/core/tlp/markings.ts) and the e2e test checks the node
 * scores what this builds.
 */
import type { StixObject } from './api/types';

export const PARLEY_SCORING_EXTENSION_ID = 'extension-definition--39355ea9-6ee9-475e-8e97-1fecade7de1c';
const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP2_MARKING_IDS: Record<string, string> = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export interface BundleInput {
  /** Fixed per form, so that the preview and what is sent carry the same ids. */
  readonly ids: {
    bundle: string;
    incident: string;
    victim: string;
    relationship: string;
    observed: string;
    observedRelationship: string;
  };
  readonly created: string;
  /** The reporting party (identity--…), when known: the incident's author is not its victim. */
  readonly author?: string;
  readonly description: string;
  readonly model: { id: string; version: string };
  readonly inputs: Record<string, string>;
  /** The sender's own result, stated as its claim (the receiver computes its own). */
  readonly claim?: { score: number; level: number };
  readonly victimName: string;
  readonly victimSector: string;
  readonly tlp: string;
  readonly firstSeen?: string;
  /** Checked cyber-observable objects (observables.ts), without markings. */
  readonly observables?: readonly Record<string, unknown>[];
}

export const newIds = (): BundleInput['ids'] => ({
  bundle: `bundle--${crypto.randomUUID()}`,
  incident: `incident--${crypto.randomUUID()}`,
  victim: `identity--${crypto.randomUUID()}`,
  relationship: `relationship--${crypto.randomUUID()}`,
  observed: `observed-data--${crypto.randomUUID()}`,
  observedRelationship: `relationship--${crypto.randomUUID()}`,
});

/**
 * The observed-data over the observables and its tie to the incident. The window runs from the
 * incident's first sighting (when given and earlier) to the report.
 */
function observedObjects(
  b: BundleInput,
  common: Record<string, unknown>,
  marking: string,
): Record<string, unknown>[] {
  const scos = b.observables ?? [];
  if (scos.length === 0) return [];
  const first = b.firstSeen && b.firstSeen < b.created ? b.firstSeen : b.created;
  const last = b.firstSeen && b.firstSeen > b.created ? b.firstSeen : b.created;
  return [
    ...scos.map((o) => ({ ...o, object_marking_refs: [marking] })),
    {
      type: 'observed-data',
      id: b.ids.observed,
      ...common,
      first_observed: first,
      last_observed: last,
      number_observed: 1,
      object_refs: scos.map((o) => o.id),
    },
    {
      type: 'relationship',
      id: b.ids.observedRelationship,
      ...common,
      relationship_type: 'related-to',
      source_ref: b.ids.incident,
      target_ref: b.ids.observed,
    },
  ];
}

/** An incident name from the description's first line (STIX wants a short name). */
export function incidentName(description: string): string {
  const first = description.trim().split('\n')[0] ?? '';
  return first.length > 120 ? `${first.slice(0, 117)}…` : first || 'Incident';
}

export function buildIncidentBundle(b: BundleInput): { type: 'bundle'; id: string; objects: StixObject[] } {
  const marking = TLP2_MARKING_IDS[b.tlp] ?? TLP2_MARKING_IDS['TLP:AMBER']!;
  const common = {
    spec_version: '2.1',
    created: b.created,
    modified: b.created,
    ...(b.author ? { created_by_ref: b.author } : {}),
    object_marking_refs: [marking],
  };
  const objects: StixObject[] = [
    {
      type: 'incident',
      id: b.ids.incident,
      ...common,
      name: incidentName(b.description),
      description: b.description,
      ...(b.firstSeen ? { first_seen: b.firstSeen } : {}),
      extensions: {
        [PARLEY_SCORING_EXTENSION_ID]: {
          extension_type: 'property-extension',
          model_id: b.model.id,
          model_version: b.model.version,
          inputs: b.inputs,
          ...(b.claim ? { score: Math.round(b.claim.score * 10) / 10, level: b.claim.level } : {}),
        },
      },
    },
  ];
  if (b.victimSector) {
    objects.push(
      {
        type: 'identity',
        id: b.ids.victim,
        ...common,
        name: b.victimName.trim() || b.victimSector,
        identity_class: 'organization',
        sectors: [b.victimSector],
      },
      {
        type: 'relationship',
        id: b.ids.relationship,
        ...common,
        relationship_type: 'targets',
        source_ref: b.ids.incident,
        target_ref: b.ids.victim,
      },
    );
  }
  objects.push(...(observedObjects(b, common, marking) as StixObject[]));
  // The marking-definition itself, as OASIS publishes it, so that tools outside Parley resolve it.
  objects.push({
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking,
    created: '2022-10-01T00:00:00.000Z',
    name: b.tlp,
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: b.tlp.slice(4).toLowerCase() },
    },
  });
  return { type: 'bundle', id: b.ids.bundle, objects };
}
