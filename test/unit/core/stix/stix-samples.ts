// Minimal valid STIX 2.1 objects for rule tests; each case changes one thing.
export const IDENTITY_ID = 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e';
export const MARKING_ID = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const INDICATOR_ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
export const MALWARE_ID = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
export const LOCATION_ID = 'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64';
export const OBSERVED_ID = 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf';
export const IPV4_ID = 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd';
export const EXT_DEF_ID = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';

export const CREATED = '2016-04-06T20:03:48.000Z';

export type Json = Record<string, unknown>;

export const indicator = (): Json => ({
  type: 'indicator',
  spec_version: '2.1',
  id: INDICATOR_ID,
  created_by_ref: IDENTITY_ID,
  created: CREATED,
  modified: CREATED,
  name: 'Poison Ivy C2',
  pattern: "[ipv4-addr:value = '198.51.100.3']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
  object_marking_refs: [MARKING_ID],
});

export const malware = (): Json => ({
  type: 'malware',
  spec_version: '2.1',
  id: MALWARE_ID,
  created: CREATED,
  modified: CREATED,
  name: 'Poison Ivy',
  is_family: true,
});

export const relationship = (): Json => ({
  type: 'relationship',
  spec_version: '2.1',
  id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
  created: CREATED,
  modified: CREATED,
  relationship_type: 'indicates',
  source_ref: INDICATOR_ID,
  target_ref: MALWARE_ID,
});

export const sighting = (): Json => ({
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--ee20065d-2555-424f-ad9e-0f8fd2b2b3bb',
  created: CREATED,
  modified: CREATED,
  sighting_of_ref: INDICATOR_ID,
  observed_data_refs: [OBSERVED_ID],
  where_sighted_refs: [IDENTITY_ID, LOCATION_ID],
});

export const ipv4 = (): Json => ({ type: 'ipv4-addr', id: IPV4_ID, value: '198.51.100.3' });

export const file = (): Json => ({
  type: 'file',
  spec_version: '2.1',
  id: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68',
  name: 'foo.zip',
  extensions: { 'archive-ext': { contains_refs: ['file--019fde1c-94ab-5b2a-8a2c-c5a3a4f6c9b2'] } },
});

export const customObject = (): Json => ({
  type: 'x-acme-widget',
  spec_version: '2.1',
  id: 'x-acme-widget--4527e5de-8572-446a-a57a-706f15467461',
  created: CREATED,
  modified: CREATED,
  widget_size: 3,
});

export const marking = (): Json => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: MARKING_ID,
  created: '2017-06-01T00:00:00Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2017, Example Corp' },
});

/** A copy of `base()` with `patch` applied; an undefined value deletes the property. */
export function withProps(base: () => Json, patch: Json): Json {
  const out = base();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
