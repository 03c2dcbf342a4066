/**
 * A round trip between two Parley nodes: node A serves a collection over TAXII; the real
 * `parley taxii pull` CLI copies it into node B in pages, resumes from the saved date_added, and
 * `parley export stix` on B gives back every version; `parley taxii push` sends B's objects to A's
 * outbox. Also `parley import stix` of the fixtures and `parley taxii user add`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initDataDir } from '../../src/cli/data-dir.js';
import { execFile } from 'node:child_process';
import { PARLEY_BIN, tempDir } from '../helpers/cli.js';
import {
  bearer,
  fixtureFiles,
  FIXTURES,
  startTaxiiNode,
  taxiiFetch,
  type TaxiiNode,
} from '../unit/service/taxii/taxii-harness.js';

/** The real CLI, asynchronously: node A serves from this process, so the event loop must keep running. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PARLEY_BIN, ...args],
      { env: { ...process.env, NO_PROGRESS: '1' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface Report {
  objects: number;
  pages: number;
  added: number;
  duplicates: number;
  rejected: number;
  resumedFrom?: string;
}

describe('pull and push between two Parley nodes', () => {
  let a: TaxiiNode;
  const t = tempDir();
  const dataB = join(t.dir, 'node-b');
  const tokenFile = join(t.dir, 'token');
  let feed: string;
  let total = 0;

  before(async () => {
    a = await startTaxiiNode('sqlite');
    feed = (await a.taxii.createCollection({ title: 'Feed' })).id;
    initDataDir({ dataDir: dataB, name: 'CERT of Freedonia', now: new Date() });
    writeFileSync(tokenFile, `${a.readerToken}\n`, { mode: 0o600 });
    const files = [
      ...fixtureFiles('python-stix2-stix2_data'),
      join(FIXTURES, 'oasis-json-schemas-examples/poisonivy.json'),
    ];
    const imp = await runCli([
      'import',
      'stix',
      ...files,
      '--data',
      a.dataDir,
      '--collection',
      feed,
      '--json',
    ]);
    // python-stix2's malware--b42378e0 file is a STIX 2.0 bundle: rejected whole, hence exit code 1.
    assert.equal(imp.code, 1, imp.stderr);
    const summary = JSON.parse(imp.stdout) as {
      accepted: number;
      rejected: number;
      rejections: { file: string }[];
      rejectedByCode: Record<string, number>;
    };
    assert.equal(summary.rejected, 1);
    assert.match(summary.rejections[0]!.file, /malware--b42378e0/);
    assert.deepEqual(summary.rejectedByCode, { STIX_SPEC_VERSION: 1 });
    total = summary.accepted;
    assert.ok(total > 150);
  });
  after(async () => {
    await a?.close();
    t.cleanup();
  });

  it('pulls every version in pages, then resumes with nothing new, then picks up a new object', async () => {
    const pull = async (...extra: string[]) =>
      runCli([
        'taxii',
        'pull',
        a.api,
        '--collection',
        feed,
        '--data',
        dataB,
        '--token-file',
        tokenFile,
        '--limit',
        '50',
        '--json',
        ...extra,
      ]);
    const first = await pull();
    assert.equal(first.code, 0, first.stderr);
    const r1 = JSON.parse(first.stdout) as Report;
    assert.deepEqual([r1.objects, r1.added, r1.rejected], [total, total, 0]);
    assert.equal(r1.pages, Math.ceil(total / 50));
    const again = JSON.parse((await pull()).stdout) as Report;
    assert.deepEqual([again.objects, again.added], [0, 0]);
    assert.ok(again.resumedFrom);
    const ts = new Date().toISOString();
    const fresh = {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: ts,
      modified: ts,
      pattern: "[domain-name:value = 'evil.example']",
      pattern_type: 'stix',
      valid_from: ts,
    };
    assert.equal(
      (
        await taxiiFetch(`${a.api}collections/${feed}/objects/`, {
          auth: a.adminAuth,
          body: JSON.stringify({ objects: [fresh] }),
        })
      ).status,
      202,
    );
    const third = JSON.parse((await pull()).stdout) as Report;
    assert.deepEqual([third.objects, third.added], [1, 1]);
    const exported = await runCli(['export', 'stix', '--data', dataB]);
    assert.equal(exported.code, 0, exported.stderr);
    const bundle = JSON.parse(exported.stdout) as {
      type: string;
      objects: { id: string; modified?: string }[];
    };
    assert.equal(bundle.type, 'bundle');
    assert.equal(bundle.objects.length, total + 1);
    const malware = bundle.objects
      .filter((o) => o.id === 'malware--6b616fc1-1505-48e3-8b2c-0d19337bff38')
      .map((o) => o.modified);
    assert.equal(malware.length, 4);
  });

  it('reports an unreachable remote after retries with exit code 1 and a TAXII code', async () => {
    const r = await runCli([
      'taxii',
      'pull',
      'http://127.0.0.1:9/taxii2/api/',
      '--collection',
      feed,
      '--data',
      dataB,
      '--token-file',
      tokenFile,
      '--retries',
      '2',
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /TAXII_REMOTE_UNREACHABLE|TAXII_REMOTE_ERROR/);
  });

  it('reports a bad token as a remote error without retrying', async () => {
    const bad = join(t.dir, 'bad-token');
    writeFileSync(bad, 'parley_taxii_wrong');
    const r = await runCli([
      'taxii',
      'pull',
      a.api,
      '--collection',
      feed,
      '--data',
      dataB,
      '--token-file',
      bad,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /401.*TAXII_UNAUTHORIZED.*\[TAXII_REMOTE_ERROR\]/);
  });

  it("pushes B's collection into A's outbox with a user created by `parley taxii user add`", async () => {
    const add = await runCli([
      'taxii',
      'user',
      'add',
      'freedonia',
      '--data',
      a.dataDir,
      '--write',
      'outbox',
      '--token',
      'push',
      '--json',
    ]);
    assert.equal(add.code, 0, add.stderr);
    const token = (JSON.parse(add.stdout) as { token: string }).token;
    assert.match(token, /^parley_taxii_/);
    const pushToken = join(t.dir, 'push-token');
    writeFileSync(pushToken, token);
    const r = await runCli([
      'taxii',
      'push',
      a.api,
      '--collection',
      'outbox',
      '--data',
      dataB,
      '--token-file',
      pushToken,
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout) as Report;
    assert.deepEqual([rep.objects, rep.added, rep.rejected], [total + 1, total + 1, 0]);
    const outbox = await taxiiFetch(`${a.api}collections/outbox/manifest/?match[version]=all&limit=10000`, {
      auth: bearer(token),
    });
    assert.equal((outbox.json['objects'] as unknown[]).length, total + 1);
    const again = JSON.parse(
      (
        await runCli([
          'taxii',
          'push',
          a.api,
          '--collection',
          'outbox',
          '--data',
          dataB,
          '--token-file',
          pushToken,
          '--json',
        ])
      ).stdout,
    ) as Report;
    assert.equal(again.objects, 0);
  });
});
