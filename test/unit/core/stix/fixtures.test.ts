// Runs every STIX fixture (real third-party content, ../shared/fixtures/stix) through the validator and
// compares with that folder's README table (stix2-validator v3.1.4 and ajv per-object results), with
// the exact error codes we expect for each invalid file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateBundle, validateStixObject, type StixIssue } from '../../../../src/core/stix/index.js';
import { listStixFixtures, readStixFixture } from './fixture-files.js';

interface Expectation {
  readonly why: string;
  readonly codes: readonly string[];
  /** Pointers (bundle-relative) that must carry an error. */
  readonly pointers?: readonly string[];
}

const INVALID: Readonly<Record<string, Expectation>> = {
  'oasis-elevator-idioms/Mandiant_APT1_Report.json': {
    why: '5 relationships without target_ref; a report whose object_refs are STIX 1 ids (mandiant:ttp-…)',
    codes: ['STIX_REF_FORMAT', 'STIX_SCHEMA'],
    pointers: ['/objects/83/target_ref', '/objects/87/target_ref', '/objects/97/object_refs/15'],
  },
  'oasis-elevator-idioms/file-and-directory-pattern.json': {
    why: 'relationship without target_ref',
    codes: ['STIX_SCHEMA'],
    pointers: ['/objects/1/target_ref'],
  },
  'oasis-elevator-idioms/incident-malware.json': {
    why: 'incident without spec_version (so STIX 2.0) and with a non-RFC 4122 UUID, which a relationship then cites',
    codes: ['STIX_ID_UUID', 'STIX_REF_FORMAT', 'STIX_SPEC_VERSION'],
    pointers: ['/objects/2/spec_version', '/objects/2/id', '/objects/4/source_ref'],
  },
  'oasis-elevator-idioms/indicator-for-malicious-url.json': {
    why: 'id UUID d81f86b9-975b-bc0b-775e-… has version b and variant 7',
    codes: ['STIX_ID_UUID'],
    pointers: ['/objects/1/id'],
  },
  'oasis-elevator-idioms/issue-162.json': {
    why: 'vulnerability without name; attack-pattern external reference breaks the cve/capec oneOf',
    codes: ['STIX_SCHEMA'],
    pointers: ['/objects/0/name'],
  },
  'oasis-elevator-idioms/malicious-email-indicator-with-addresses.json': {
    why: 'relationship without target_ref',
    codes: ['STIX_SCHEMA'],
    pointers: ['/objects/1/target_ref'],
  },
  'oasis-elevator-idioms/malware-characterization-using-maec.json': {
    why: 'id UUID 7d9fe1f7-429d-077e-… has version 0',
    codes: ['STIX_ID_UUID'],
    pointers: ['/objects/0/id'],
  },
  'oasis-elevator-idioms/multiple-reports-in-package.json': {
    why: "report object_refs[0] is 'example:ttp-…', not a STIX id",
    codes: ['STIX_REF_FORMAT'],
    pointers: ['/objects/3/object_refs/0'],
  },
  'python-stix2-stix2_data/malware/malware--b42378e0-f147-496f-992a-26a49705395b/20170531213215263882.json': {
    // stix2-validator accepts it (it assumes --version); STIX 2.1 §3.2 says a missing spec_version means 2.0.
    why: 'malware without spec_version, which makes it a STIX 2.0 object',
    codes: ['STIX_SPEC_VERSION'],
    pointers: ['/objects/0/spec_version'],
  },
  'stix20/campaign-v-actors.json': {
    why: 'STIX 2.0 bundle: spec_version "2.0" on the bundle, none on the objects',
    codes: ['STIX_SPEC_VERSION'],
    pointers: ['/spec_version', '/objects/0/spec_version', '/objects/7/spec_version'],
  },
};

function validateDocument(doc: unknown): StixIssue[] {
  return (doc as Record<string, unknown>)['type'] === 'bundle'
    ? validateBundle(doc).issues
    : validateStixObject(doc);
}

const errorsOf = (issues: readonly StixIssue[]): StixIssue[] => issues.filter((i) => i.severity === 'error');
const codesOf = (issues: readonly StixIssue[]): string[] => [...new Set(issues.map((i) => i.code))].sort();

describe('STIX fixtures', () => {
  const files = listStixFixtures();

  it('finds all 66 fixture files', () => {
    assert.equal(files.length, 66);
    for (const rel of Object.keys(INVALID)) assert.ok(files.includes(rel), `${rel} is listed but missing`);
  });

  for (const rel of files) {
    const expected = INVALID[rel];
    it(`${rel} is ${expected === undefined ? 'valid' : `invalid: ${expected.why}`}`, () => {
      const errors = errorsOf(validateDocument(readStixFixture(rel)));
      if (expected === undefined) {
        assert.deepEqual(errors, []);
        return;
      }
      assert.deepEqual(codesOf(errors), [...expected.codes].sort());
      const pointers = new Set(errors.map((e) => e.pointer));
      for (const p of expected.pointers ?? []) assert.ok(pointers.has(p), `expected an error at ${p}`);
    });
  }

  describe('the ICS ATT&CK bundle', () => {
    const result = validateBundle(readStixFixture('attack/ics-attack-18.1.json'));

    it('accepts all 1,826 objects', () => {
      assert.equal(result.objects.length, 1826);
    });

    it('only warns about the empty x_mitre_data_source_ref strings', () => {
      assert.deepEqual(codesOf(result.issues), ['STIX_CUSTOM_REF_FORMAT']);
      assert.ok(
        result.issues.every(
          (i) => i.severity === 'warning' && i.pointer.endsWith('/x_mitre_data_source_ref'),
        ),
      );
    });
  });

  it('keeps only the error-free objects of a partly invalid bundle', () => {
    const result = validateBundle(readStixFixture('oasis-elevator-idioms/Mandiant_APT1_Report.json'));
    assert.equal(result.objects.length, 98 - 6);
    assert.ok(result.issues.every((i) => i.objectId === null || i.objectId.includes('--')));
  });
});
