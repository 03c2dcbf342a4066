/**
 * TLP levels and the STIX 2.1 marking-definition objects that carry them: the TLP 2.0 markings
 * published by OASIS as a property extension, and the TLP 1.0 markings that STIX 2.1 predefines
 * (§7.2.1.4), mapped to TLP 2.0 as FIRST's TLP 2.0 text says: WHITE became CLEAR, the others kept
 * their names. AMBER 1.0 maps to AMBER, not AMBER+STRICT (AMBER+STRICT is new in 2.0).
 */

/** FIRST TLP 2.0 levels, least to most restrictive. Spelled as the markings' `name` (and as core/dialogue's TlpName). */
export const TLP_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** What objects without any TLP marking are treated as: restricted to the channel, not public. */
export const DEFAULT_TLP_LEVEL: TlpLevel = 'TLP:AMBER';

/**
 * The OASIS TLP 2.0 extension-definition (oasis-open/cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0/). Note: not `…-aa80-9d0ff6d7e4a3`, an id that
 * circulates but that OASIS never published.
 */
export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 2.0 marking-definition ids, from the same OASIS extension's JSON schema. */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = Object.freeze({
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
});

/** STIX 2.1 predefined TLP 1.0 markings (STIX 2.1 §7.2.1.4; shared/stix2.1-schemas common/marking-definition.json). */
export const TLP1_MARKING_IDS: Readonly<Record<'white' | 'green' | 'amber' | 'red', string>> = Object.freeze({
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
});

const TLP2_VALUES: Readonly<Record<string, TlpLevel>> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};
const TLP1_VALUES: Readonly<Record<string, TlpLevel>> = {
  white: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  red: 'TLP:RED',
};

const WELL_KNOWN = new Map<string, TlpLevel>([
  ...Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
  ...Object.entries(TLP1_MARKING_IDS).map(([v, id]) => [id, TLP1_VALUES[v]!] as const),
]);

/** The TLP 2.0 marking-definition object for a level, exactly as OASIS publishes it. */
export function tlp2MarkingDefinition(level: TlpLevel): Readonly<Record<string, unknown>> {
  const value = level.slice('TLP:'.length).toLowerCase();
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: level,
    extensions: { [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: value } },
  };
}

/** The TLP level a well-known marking-definition id stands for, or undefined. */
export function tlpLevelOfMarkingId(id: string): TlpLevel | undefined {
  return WELL_KNOWN.get(id);
}

/**
 * The TLP level a marking-definition object declares, through the TLP 2.0 extension or the STIX 2.1
 * `definition_type: "tlp"` form; undefined when it is not a TLP marking (a statement, ACS, IEP…);
 * TLP:RED for a TLP marking whose value is unknown.
 */
export function tlpLevelOfMarkingObject(def: Readonly<Record<string, unknown>>): TlpLevel | undefined {
  const ext = (def.extensions as Record<string, unknown> | undefined)?.[TLP2_EXTENSION_DEFINITION_ID] as
    Record<string, unknown> | undefined;
  // A marking that says it is TLP but names no level we know is read as RED: failing closed is the
  // only safe reading of a marking we do not understand.
  if (ext) return (typeof ext.tlp_2_0 === 'string' && TLP2_VALUES[ext.tlp_2_0]) || 'TLP:RED';
  if (def.definition_type === 'tlp') {
    const tlp = (def.definition as Record<string, unknown> | undefined)?.tlp;
    return (typeof tlp === 'string' && (TLP1_VALUES[tlp] ?? TLP2_VALUES[tlp])) || 'TLP:RED';
  }
  return undefined;
}

/** Rank of a level in TLP_LEVELS: higher is more restrictive. */
export function tlpRank(level: TlpLevel): number {
  return TLP_LEVELS.indexOf(level);
}

/** The more restrictive of two levels. */
export function stricterTlp(a: TlpLevel, b: TlpLevel): TlpLevel {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

/** True for one of the five TLP 2.0 level names. */
export function isTlpLevel(s: unknown): s is TlpLevel {
  return typeof s === 'string' && (TLP_LEVELS as readonly string[]).includes(s);
}
