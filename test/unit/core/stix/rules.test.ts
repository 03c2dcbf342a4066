// Table-driven cases for each STIX 2.1 rule the validator enforces beyond the OASIS schemas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateStixObject } from '../../../../src/core/stix/index.js';
import {
  CREATED,
  EXT_DEF_ID,
  IDENTITY_ID,
  INDICATOR_ID,
  IPV4_ID,
  MALWARE_ID,
  MARKING_ID,
  customObject,
  file,
  indicator,
  ipv4,
  malware,
  marking,
  relationship,
  sighting,
  withProps,
  type Json,
} from './stix-samples.js';

interface Case {
  readonly desc: string;
  readonly input: unknown;
  /** Error codes, sorted, deduplicated. */
  readonly wantErrors?: readonly string[];
  readonly wantWarnings?: readonly string[];
  readonly wantPointer?: string;
}

function run(cases: readonly Case[]): void {
  for (const c of cases) {
    it(c.desc, () => {
      const issues = validateStixObject(c.input);
      const codes = (sev: string): string[] =>
        [...new Set(issues.filter((i) => i.severity === sev).map((i) => i.code))].sort();
      assert.deepEqual(codes('error'), [...(c.wantErrors ?? [])].sort(), JSON.stringify(issues, null, 1));
      assert.deepEqual(codes('warning'), [...(c.wantWarnings ?? [])].sort(), JSON.stringify(issues, null, 1));
      if (c.wantPointer !== undefined)
        assert.ok(
          issues.some((i) => i.pointer === c.wantPointer),
          JSON.stringify(issues),
        );
    });
  }
}

const v4 = '6b0d1a5b-1f6a-4c0f-9a55-7e1d2c3b4a59';

describe('validateStixObject', () => {
  describe('valid samples', () => {
    run([
      { desc: 'indicator', input: indicator() },
      { desc: 'malware', input: malware() },
      { desc: 'relationship', input: relationship() },
      { desc: 'sighting', input: sighting() },
      { desc: 'ipv4-addr without spec_version (SCOs default to 2.1)', input: ipv4() },
      { desc: 'file with the archive-ext predefined extension', input: file() },
      { desc: 'custom object with x- prefix', input: customObject() },
      { desc: 'marking-definition (created needs no milliseconds)', input: marking() },
    ]);
  });

  describe('input shape', () => {
    run([
      { desc: 'null', input: null, wantErrors: ['STIX_NOT_OBJECT'] },
      { desc: 'an array', input: [indicator()], wantErrors: ['STIX_NOT_OBJECT'] },
      { desc: 'a string', input: 'indicator', wantErrors: ['STIX_NOT_OBJECT'] },
      { desc: 'no type', input: withProps(indicator, { type: undefined }), wantErrors: ['STIX_TYPE_NAME'] },
      {
        desc: 'a bundle given as an object',
        input: { type: 'bundle', id: `bundle--${v4}` },
        wantErrors: ['STIX_BUNDLE'],
      },
    ]);
  });

  describe('id (STIX 2.1 §2.9)', () => {
    run([
      {
        desc: 'missing',
        input: withProps(indicator, { id: undefined }),
        wantErrors: ['STIX_ID'],
        wantPointer: '/id',
      },
      {
        desc: 'not <type>--<uuid>',
        input: withProps(indicator, { id: 'indicator-8e2e2d2b' }),
        wantErrors: ['STIX_ID'],
      },
      { desc: 'number', input: withProps(indicator, { id: 42 }), wantErrors: ['STIX_ID'] },
      {
        desc: 'prefix of another type',
        input: withProps(indicator, { id: MALWARE_ID }),
        wantErrors: ['STIX_ID_PREFIX'],
      },
      {
        desc: 'UUID version 0',
        input: withProps(malware, { id: 'malware--7d9fe1f7-429d-077e-db51-92c70b8da45a' }),
        wantErrors: ['STIX_ID_UUID'],
      },
      {
        desc: 'UUID variant 0xxx',
        input: withProps(malware, { id: 'malware--7d9fe1f7-429d-477e-7b51-92c70b8da45a' }),
        wantErrors: ['STIX_ID_UUID'],
      },
      {
        desc: 'upper-case hex is allowed',
        input: withProps(malware, { id: MALWARE_ID.toUpperCase().replace('MALWARE', 'malware') }),
      },
    ]);
  });

  describe('spec_version (STIX 2.1 §3.2)', () => {
    run([
      {
        desc: 'SDO without it is STIX 2.0',
        input: withProps(malware, { spec_version: undefined }),
        wantErrors: ['STIX_SPEC_VERSION'],
        wantPointer: '/spec_version',
      },
      {
        desc: '"2.0"',
        input: withProps(malware, { spec_version: '2.0' }),
        wantErrors: ['STIX_SPEC_VERSION'],
      },
      {
        desc: '"2.2"',
        input: withProps(malware, { spec_version: '2.2' }),
        wantErrors: ['STIX_SPEC_VERSION'],
      },
      {
        desc: 'number 2.1',
        input: withProps(malware, { spec_version: 2.1 }),
        wantErrors: ['STIX_SPEC_VERSION'],
      },
      { desc: 'SCO with "2.1"', input: withProps(ipv4, { spec_version: '2.1' }) },
      {
        desc: 'SCO with "2.0"',
        input: withProps(ipv4, { spec_version: '2.0' }),
        wantErrors: ['STIX_SPEC_VERSION'],
      },
      {
        desc: 'custom observable without it',
        input: { type: 'x-acme-thing', id: `x-acme-thing--${v4}`, thing: 'a' },
      },
      {
        desc: 'custom SDO without it',
        input: withProps(customObject, { spec_version: undefined }),
        wantErrors: ['STIX_SPEC_VERSION'],
      },
    ]);
  });

  describe('timestamps (STIX 2.1 §3.2)', () => {
    run([
      {
        desc: 'created without milliseconds',
        input: withProps(malware, { created: '2016-04-06T20:03:48Z', modified: '2016-04-06T20:03:48Z' }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'created with microseconds',
        input: withProps(malware, {
          created: '2016-04-06T20:03:48.123456Z',
          modified: '2016-04-06T20:03:48.123457Z',
        }),
      },
      {
        desc: 'offset instead of Z',
        input: withProps(malware, { modified: '2016-04-06T22:03:48.000+02:00' }),
        wantErrors: ['STIX_TIMESTAMP'],
        wantPointer: '/modified',
      },
      {
        desc: 'lower-case z',
        input: withProps(malware, { modified: '2016-04-06T20:03:48.000z' }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'space instead of T',
        input: withProps(malware, { modified: '2016-04-06 20:03:48.000Z' }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'February 30',
        input: withProps(malware, {
          created: '2016-02-30T20:03:48.000Z',
          modified: '2016-03-01T00:00:00.000Z',
        }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'February 29 in a leap year',
        input: withProps(malware, {
          created: '2016-02-29T20:03:48.000Z',
          modified: '2016-03-01T00:00:00.000Z',
        }),
      },
      {
        desc: 'February 29 in 1900',
        input: withProps(malware, {
          created: '1900-02-29T20:03:48.000Z',
          modified: '2016-03-01T00:00:00.000Z',
        }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'leap second at 23:59:60',
        input: withProps(malware, {
          created: '2016-12-31T23:59:60.000Z',
          modified: '2017-01-01T00:00:00.000Z',
        }),
      },
      {
        desc: 'second 60 at noon',
        input: withProps(malware, {
          created: '2016-12-31T12:00:60.000Z',
          modified: '2017-01-01T00:00:00.000Z',
        }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'dot without digits',
        input: withProps(indicator, { valid_from: '2016-01-01T00:00:00.Z' }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'valid_from needs no milliseconds',
        input: withProps(indicator, { valid_from: '2016-01-01T00:00:00Z' }),
      },
      {
        desc: 'custom object: created checked',
        input: withProps(customObject, { created: 'yesterday' }),
        wantErrors: ['STIX_TIMESTAMP'],
      },
      {
        desc: 'custom object: its own "date" is not a timestamp',
        input: withProps(customObject, { date: 'Tuesday' }),
      },
    ]);
  });

  describe('time order', () => {
    run([
      {
        desc: 'modified before created',
        input: withProps(malware, { modified: '2016-04-06T20:03:47.999Z' }),
        wantErrors: ['STIX_MODIFIED_BEFORE_CREATED'],
        wantPointer: '/modified',
      },
      {
        desc: 'modified 1 µs before created',
        input: withProps(malware, {
          created: '2016-04-06T20:03:48.0001Z',
          modified: '2016-04-06T20:03:48.000Z',
        }),
        wantErrors: ['STIX_MODIFIED_BEFORE_CREATED'],
      },
      {
        desc: 'modified equal to created',
        input: withProps(malware, {
          created: '2016-04-06T20:03:48.000Z',
          modified: '2016-04-06T20:03:48.000000Z',
        }),
      },
      {
        desc: 'last_seen before first_seen',
        input: withProps(malware, { first_seen: '2016-02-01T00:00:00Z', last_seen: '2016-01-01T00:00:00Z' }),
        wantErrors: ['STIX_TIME_ORDER'],
      },
      {
        desc: 'valid_until equal to valid_from',
        input: withProps(indicator, { valid_until: '2016-01-01T00:00:00.000Z' }),
        wantErrors: ['STIX_TIME_ORDER'],
      },
      {
        desc: 'valid_until after valid_from',
        input: withProps(indicator, { valid_until: '2016-01-01T00:00:00.001Z' }),
      },
      {
        desc: 'custom object with swapped first/last_seen is not judged',
        input: withProps(customObject, { first_seen: 2, last_seen: 1 }),
      },
    ]);
  });

  describe('references (STIX 2.1 §3.5, §4–§6)', () => {
    run([
      {
        desc: 'created_by_ref to a malware',
        input: withProps(indicator, { created_by_ref: MALWARE_ID }),
        wantErrors: ['STIX_REF_TYPE'],
        wantPointer: '/created_by_ref',
      },
      {
        desc: 'object_marking_refs to an identity',
        input: withProps(indicator, { object_marking_refs: [IDENTITY_ID] }),
        wantErrors: ['STIX_REF_TYPE'],
        wantPointer: '/object_marking_refs/0',
      },
      {
        desc: 'granular marking_ref to an identity',
        input: withProps(indicator, {
          granular_markings: [{ marking_ref: IDENTITY_ID, selectors: ['name'] }],
        }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      {
        desc: 'relationship target is a relationship',
        input: withProps(relationship, { target_ref: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad' }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      {
        desc: 'relationship target is a marking-definition',
        input: withProps(relationship, { target_ref: MARKING_ID }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      { desc: 'relationship to an SCO', input: withProps(relationship, { target_ref: IPV4_ID }) },
      {
        desc: 'relationship to a custom object',
        input: withProps(relationship, { target_ref: `x-mitre-tactic--${v4}` }),
      },
      {
        desc: 'sighting_of_ref to an SCO',
        input: withProps(sighting, { sighting_of_ref: IPV4_ID }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      {
        desc: 'where_sighted_refs to a malware',
        input: withProps(sighting, { where_sighted_refs: [MALWARE_ID] }),
        wantErrors: ['STIX_REF_TYPE'],
        wantPointer: '/where_sighted_refs/0',
      },
      {
        desc: 'observed_data_refs to an indicator',
        input: withProps(sighting, { observed_data_refs: [INDICATOR_ID] }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      {
        desc: 'ipv4 resolves_to_refs to a domain',
        input: withProps(ipv4, { resolves_to_refs: [`domain-name--${v4}`] }),
        wantErrors: ['STIX_REF_TYPE'],
      },
      {
        desc: 'a ref that is not an id',
        input: withProps(relationship, { source_ref: 'example:ttp-1' }),
        wantErrors: ['STIX_REF_FORMAT'],
      },
      {
        desc: 'custom _ref holding junk only warns',
        input: withProps(malware, { x_acme_owner_ref: '' }),
        wantWarnings: ['STIX_CUSTOM_REF_FORMAT'],
      },
      {
        desc: 'custom _refs holding a string only warns',
        input: withProps(malware, { x_acme_owner_refs: IDENTITY_ID }),
        wantWarnings: ['STIX_CUSTOM_REF_FORMAT'],
      },
      { desc: 'custom _refs holding ids', input: withProps(malware, { x_acme_owner_refs: [IDENTITY_ID] }) },
    ]);
  });

  describe('custom properties (STIX 2.1 §11.1)', () => {
    run([
      { desc: 'x_ prefix', input: withProps(malware, { x_acme_score: 5 }) },
      {
        desc: 'no x_ prefix is a SHOULD',
        input: withProps(malware, { acme_score: 5 }),
        wantWarnings: ['STIX_CUSTOM_PROPERTY_PREFIX'],
      },
      {
        desc: 'upper case',
        input: withProps(malware, { x_Acme: 5 }),
        wantErrors: ['STIX_CUSTOM_PROPERTY'],
        wantPointer: '/x_Acme',
      },
      { desc: 'hyphen', input: withProps(malware, { 'x-acme': 5 }), wantErrors: ['STIX_CUSTOM_PROPERTY'] },
      { desc: 'two characters', input: withProps(malware, { xa: 5 }), wantErrors: ['STIX_CUSTOM_PROPERTY'] },
      {
        desc: '251 characters',
        input: withProps(malware, { [`x_${'a'.repeat(249)}`]: 5 }),
        wantErrors: ['STIX_CUSTOM_PROPERTY'],
      },
      { desc: '250 characters', input: withProps(malware, { [`x_${'a'.repeat(248)}`]: 5 }) },
      {
        desc: 'a slash is escaped in the pointer',
        input: withProps(malware, { 'x/y': 1 }),
        wantErrors: ['STIX_CUSTOM_PROPERTY'],
        wantPointer: '/x~1y',
      },
      {
        desc: 'declared by a toplevel-property-extension',
        input: withProps(malware, {
          acme_score: 5,
          extensions: { [EXT_DEF_ID]: { extension_type: 'toplevel-property-extension' } },
        }),
      },
      {
        desc: 'properties of a custom object need no prefix',
        input: withProps(customObject, { colour: 'red' }),
      },
    ]);
  });

  describe('custom object types (STIX 2.1 §11.2)', () => {
    run([
      {
        desc: 'no x- prefix is a SHOULD',
        input: withProps(customObject, { type: 'acme-widget', id: `acme-widget--${v4}` }),
        wantWarnings: ['STIX_TYPE_NAME_PREFIX'],
      },
      {
        desc: 'no x- prefix but declared by a new-sdo extension',
        input: withProps(customObject, {
          type: 'acme-widget',
          id: `acme-widget--${v4}`,
          extensions: { [EXT_DEF_ID]: { extension_type: 'new-sdo' } },
        }),
      },
      {
        desc: 'upper case',
        input: withProps(customObject, { type: 'X-Acme', id: `X-Acme--${v4}` }),
        wantErrors: ['STIX_TYPE_NAME'],
      },
      {
        desc: 'two characters',
        input: withProps(customObject, { type: 'xa', id: `xa--${v4}` }),
        wantErrors: ['STIX_TYPE_NAME'],
      },
      {
        desc: 'underscore',
        input: withProps(customObject, { type: 'x_acme', id: `x_acme--${v4}` }),
        wantErrors: ['STIX_TYPE_NAME'],
      },
      {
        desc: 'double hyphen',
        input: withProps(customObject, { type: 'x--acme', id: `x--acme--${v4}` }),
        wantErrors: ['STIX_TYPE_NAME'],
      },
      {
        desc: 'a type named like an Object.prototype member',
        input: withProps(customObject, {
          type: 'constructor',
          id: `constructor--${v4}`,
          x_owner_ref: IDENTITY_ID,
        }),
        wantWarnings: ['STIX_TYPE_NAME_PREFIX'],
      },
    ]);
  });

  describe('extensions (STIX 2.1 §7.3)', () => {
    run([
      {
        desc: 'extension-definition key',
        input: withProps(malware, {
          extensions: { [EXT_DEF_ID]: { extension_type: 'property-extension', rank: 5 } },
        }),
      },
      {
        desc: 'extension-definition key with a bad UUID',
        input: withProps(malware, {
          extensions: { 'extension-definition--1234': { extension_type: 'property-extension' } },
        }),
        wantErrors: ['STIX_EXTENSION'],
      },
      {
        desc: 'predefined extension on the wrong type',
        input: withProps(ipv4, { extensions: { 'archive-ext': { contains_refs: [IPV4_ID] } } }),
        wantErrors: ['STIX_EXTENSION'],
      },
      {
        desc: 'STIX 2.0-style custom extension',
        input: withProps(file, { extensions: { 'x-acme-ext': { colour: 'red' } } }),
        wantWarnings: ['STIX_EXTENSION_LEGACY'],
      },
      {
        desc: 'arbitrary key',
        input: withProps(file, { extensions: { Foo: { colour: 'red' } } }),
        wantErrors: ['STIX_EXTENSION'],
        wantPointer: '/extensions/Foo',
      },
    ]);
  });

  describe('indicator patterns (STIX 2.1 §9)', () => {
    run([
      {
        desc: 'unparseable',
        input: withProps(indicator, { pattern: "ipv4-addr:value = '1.2.3.4'" }),
        wantErrors: ['STIX_PATTERN'],
        wantPointer: '/pattern',
      },
      {
        desc: 'bad MD5',
        input: withProps(indicator, { pattern: "[file:hashes.MD5 = 'f00']" }),
        wantErrors: ['STIX_PATTERN'],
      },
      {
        desc: 'bad SHA-256 (quoted key)',
        input: withProps(indicator, { pattern: "[file:hashes.'SHA-256' = 'f00']" }),
        wantErrors: ['STIX_PATTERN'],
      },
      {
        desc: 'another pattern language is not parsed',
        input: withProps(indicator, { pattern: 'alert tcp any any', pattern_type: 'snort' }),
      },
    ]);
  });

  describe('schema', () => {
    run([
      {
        desc: 'relationship without target_ref',
        input: withProps(relationship, { target_ref: undefined }),
        wantErrors: ['STIX_SCHEMA'],
        wantPointer: '/target_ref',
      },
      {
        desc: 'confidence 101',
        input: withProps(malware, { confidence: 101 }),
        wantErrors: ['STIX_SCHEMA'],
        wantPointer: '/confidence',
      },
      { desc: 'labels empty', input: withProps(malware, { labels: [] }), wantErrors: ['STIX_SCHEMA'] },
      {
        desc: 'reserved property severity',
        input: withProps(malware, { severity: 'high' }),
        wantErrors: ['STIX_SCHEMA'],
        wantWarnings: ['STIX_CUSTOM_PROPERTY_PREFIX'],
      },
      {
        desc: 'each problem reported once (bad id is not also a schema error)',
        input: withProps(indicator, { id: 'indicator--x' }),
        wantErrors: ['STIX_ID'],
      },
    ]);
  });

  it('reports the object id and a JSON pointer on each issue', () => {
    const issues = validateStixObject(
      withProps(indicator, { created_by_ref: MALWARE_ID, modified: CREATED.replace('.000', '') }),
    );
    assert.ok(issues.length >= 2);
    for (const i of issues) {
      assert.equal(i.objectId, INDICATOR_ID);
      assert.match(i.pointer, /^(\/[^/]*)*$/);
      assert.match(i.code, /^STIX_[A-Z_]+$/);
      assert.ok(i.message.length > 0);
    }
  });

  it('validates the same object the same way twice (compiled schemas are cached)', () => {
    const obj: Json = withProps(relationship, { target_ref: undefined });
    assert.deepEqual(validateStixObject(obj), validateStixObject(obj));
  });
});
