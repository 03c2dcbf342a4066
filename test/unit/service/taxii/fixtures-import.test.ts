/**
 * Every file under ../shared/fixtures/stix goes through `importStix` into its own collection: valid
 * content loads in full (every version kept), and what breaks STIX 2.1 is rejected with the right
 * codes. Expected rejections are those the fixtures' README measured per object with ajv and the
 * OASIS stix2-validator, checked by hand here (see the comment on each row).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importStix, listStixFiles } from '../../../../src/service/stix-import/stix-import-service.js';
import { TaxiiService } from '../../../../src/service/taxii/index.js';
import { openStore, type Store } from '../../../../src/store/index.js';
import { FIXTURES } from './taxii-harness.js';

/** file → rejections by code; files not listed must load without a single rejection. */
const EXPECTED_REJECTIONS: Record<string, Record<string, number>> = {
  // 5 relationships without target_ref (schema) and 1 relationship whose source_ref is not a STIX id.
  'oasis-elevator-idioms/Mandiant_APT1_Report.json': { STIX_SCHEMA: 5, STIX_REF_FORMAT: 1 },
  // a relationship without target_ref
  'oasis-elevator-idioms/file-and-directory-pattern.json': { STIX_SCHEMA: 1 },
  'oasis-elevator-idioms/malicious-email-indicator-with-addresses.json': { STIX_SCHEMA: 1 },
  // an incident whose id is not an RFC 4122 UUID, and a relationship pointing at it
  'oasis-elevator-idioms/incident-malware.json': { STIX_ID_UUID: 1, STIX_REF_FORMAT: 1 },
  // ids that are not RFC 4122 UUIDs
  'oasis-elevator-idioms/indicator-for-malicious-url.json': { STIX_ID_UUID: 1 },
  'oasis-elevator-idioms/malware-characterization-using-maec.json': { STIX_ID_UUID: 1 },
  // a vulnerability without name; an attack-pattern external reference without source_name
  'oasis-elevator-idioms/issue-162.json': { STIX_SCHEMA: 2 },
  // object_refs[0] is 'example:ttp-…', not a STIX id
  'oasis-elevator-idioms/multiple-reports-in-package.json': { STIX_REF_FORMAT: 1 },
  // STIX 2.0 bundles (spec_version "2.0" on the bundle): refused whole
  'python-stix2-stix2_data/malware/malware--b42378e0-f147-496f-992a-26a49705395b/20170531213215263882.json': {
    STIX_SPEC_VERSION: 1,
  },
  'stix20/campaign-v-actors.json': { STIX_SPEC_VERSION: 1 },
};

describe('every STIX fixture through import', () => {
  let dir: string;
  let store: Store;
  let taxii: TaxiiService;
  let files: string[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-fixtures-'));
    store = await openStore({ engine: 'sqlite', path: join(dir, 'db') });
    taxii = new TaxiiService({ store, clock: { now: () => new Date() } });
    files = await listStixFiles(FIXTURES);
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every fixture file', () => {
    assert.ok(files.length >= 66, `only ${files.length} files`);
  });

  it('loads valid files in full and rejects exactly the objects that break STIX 2.1, with their codes', async () => {
    const seen = new Set<string>();
    for (const file of files) {
      const name = relative(FIXTURES, file);
      const c = await taxii.createCollection({ title: name });
      const r = await importStix(taxii, [file], c.id);
      const want = EXPECTED_REJECTIONS[name] ?? {};
      assert.deepEqual(r.rejectedByCode, want, `${name}: ${r.rejections.map((x) => x.message).join('; ')}`);
      assert.ok(r.rejections.every((x) => x.message.length > 10 && x.file === file));
      const stored = await store.objects.countObjects(c.id);
      assert.equal(stored, r.accepted - r.duplicates, name);
      if (name in EXPECTED_REJECTIONS) seen.add(name);
    }
    assert.deepEqual([...seen].sort(), Object.keys(EXPECTED_REJECTIONS).sort());
  });

  it('keeps all 1,826 ATT&CK for ICS objects, with revocation marks', async () => {
    const c = await taxii.createCollection({ title: 'attack' });
    const r = await importStix(taxii, [join(FIXTURES, 'attack/ics-attack-18.1.json')], c.id);
    assert.deepEqual([r.objects, r.accepted, r.rejected], [1826, 1826, 0]);
    const page = await store.objects.queryObjects(c.id, { limit: 5000, bodies: false, excludeRevoked: true });
    assert.equal(page.objects.length, 1826 - 2);
  });

  it('keeps every version of python-stix2 objects, including two 1 ms apart', async () => {
    const c = await taxii.createCollection({ title: 'versions' });
    await importStix(taxii, [join(FIXTURES, 'python-stix2-stix2_data')], c.id);
    const id = 'malware--6b616fc1-1505-48e3-8b2c-0d19337bff38';
    const all = await store.objects.queryObjects(c.id, {
      limit: 10,
      bodies: false,
      ids: [id],
      versions: { all: true },
    });
    assert.deepEqual(all.objects.map((o) => o.version).sort(), [
      '2017-05-31T21:32:58.226000000Z',
      '2018-11-01T23:24:48.456000000Z',
      '2018-11-01T23:24:48.457000000Z',
      '2018-11-16T22:54:20.390000000Z',
    ]);
  });
});
