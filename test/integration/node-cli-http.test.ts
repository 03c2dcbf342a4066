import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64 } from '../../src/core/bytes/index.js';
import { partyIdFromPublicKey } from '../../src/core/party/index.js';
import {
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/core/merkle/index.js';
import { runCli, startServer, tempDir } from '../helpers/cli.js';

const CHANNEL = 'channel--5b0e7c1a-3f5e-4c1b-9a7e-2d8f6c4b1a00';

describe('a node through its real CLI and HTTP API', () => {
  const t = tempDir();
  const data = join(t.dir, 'node-a');
  let server: Awaited<ReturnType<typeof startServer>>;
  let partyId: string;

  before(async () => {
    const init = runCli(['init', '--data', data, '--name', 'CERT of Ruritania', '--json']);
    assert.equal(init.code, 0, init.stderr);
    partyId = (JSON.parse(init.stdout) as { partyId: string }).partyId;
    const app = runCli([
      'log',
      'append',
      '--data',
      data,
      '--channel',
      CHANNEL,
      '--body',
      '{"text":"hello"}',
      '--count',
      '13',
      '--json',
    ]);
    assert.equal(app.code, 0, app.stderr);
    assert.equal(app.stdout.trim().split('\n').length, 13);
    server = await startServer(['--data', data]);
  });
  after(async () => {
    await server?.stop();
    t.cleanup();
  });

  it('init wrote a 0600 key whose public half certifies the party id', () => {
    const keyFile = join(data, 'keys', 'party.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { publicKey: string };
    assert.equal(partyIdFromPublicKey(fromBase64(key.publicKey)!), partyId);
  });

  it('re-running init keeps the key', () => {
    const before = readFileSync(join(data, 'keys', 'party.key'), 'utf8');
    const again = runCli(['init', '--data', data, '--json']);
    assert.equal(again.code, 0);
    assert.equal((JSON.parse(again.stdout) as { created: boolean }).created, false);
    assert.equal(readFileSync(join(data, 'keys', 'party.key'), 'utf8'), before);
  });

  it('serves health and identity; the STIX identity id is the UUIDv5 of the key', async () => {
    const h = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; engine: string };
    assert.deepEqual([h.status, h.engine], ['ok', 'sqlite']);
    const id = (await (await fetch(`${server.url}/v1/identity`)).json()) as {
      party_id: string;
      public_key: string;
      identity: { id: string; type: string };
    };
    assert.equal(id.party_id, partyId);
    assert.equal(id.identity.type, 'identity');
    assert.equal(partyIdFromPublicKey(fromBase64(id.public_key)!), id.identity.id);
  });

  it('serves a checkpoint that verifies with the published note key, and proofs that verify against it', async () => {
    const id = (await (await fetch(`${server.url}/v1/identity`)).json()) as { note_verifier_key: string };
    const verifier = parseVerifierKey(id.note_verifier_key);
    const base = `${server.url}/v1/logs/${CHANNEL}/${partyId}`;
    const note = await (await fetch(`${base}/checkpoint`, { headers: { accept: 'text/plain' } })).text();
    const cp = verifyCheckpoint(note, [verifier], `parley/${CHANNEL}/${partyId}`).checkpoint;
    assert.equal(cp.size, 13);
    for (const index of [0, 5, 12]) {
      const p = (await (await fetch(`${base}/proof/inclusion?index=${index}&size=13`)).json()) as {
        leaf_hash: string;
        proof: string[];
      };
      verifyInclusion(
        fromBase64(p.leaf_hash)!,
        index,
        13,
        p.proof.map((x) => fromBase64(x)!),
        cp.rootHash,
      );
    }
    for (const from of [1, 7, 8, 13]) {
      const c = (await (await fetch(`${base}/proof/consistency?from=${from}&to=13`)).json()) as {
        root1: string;
        proof: string[];
      };
      verifyConsistency(
        from,
        13,
        c.proof.map((x) => fromBase64(x)!),
        fromBase64(c.root1)!,
        cp.rootHash,
      );
    }
  });

  it("never serves envelope contents without a member's signature", async () => {
    assert.equal((await fetch(`${server.url}/v1/logs/${CHANNEL}/${partyId}/entries?from=0`)).status, 404);
    const fed = await fetch(`${server.url}/federation/v1/logs/${CHANNEL}/${partyId}/entries?from=0`);
    assert.equal(fed.status, 401);
    assert.equal(((await fed.json()) as { code: string }).code, 'FEDERATION_UNAUTHENTICATED');
  });

  it('answers bad requests with problem details, never 5xx', async () => {
    const cases = [
      [`/v1/logs/${CHANNEL}/${partyId}/proof/inclusion?index=13&size=13`, 400],
      [`/v1/logs/${CHANNEL}/${partyId}/proof/inclusion?index=0&size=14`, 400],
      [`/v1/logs/${CHANNEL}/${partyId}/proof/consistency?from=5&to=3`, 400],
      [`/v1/logs/${CHANNEL}/${partyId}/proof/inclusion?index=x&size=1`, 400],
      [`/v1/logs/${CHANNEL}/not-a-party/checkpoint`, 400],
      [`/v1/logs/${CHANNEL}/identity--00000000-0000-5000-8000-000000000000`, 404],
      ['/nope', 404],
    ] as const;
    for (const [path, status] of cases) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const body = (await res.json()) as { code: string; status: number };
      assert.equal(body.status, status);
      assert.ok(body.code.length > 0);
    }
  });

  it('publishes an OpenAPI document naming its routes', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/v1/logs/{channel}/{author}/proof/inclusion']);
  });

  it('log verify passes, prints a summary, and --json has the report', () => {
    const human = runCli(['log', 'verify', '--data', data]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /verified: 1 logs, 13 envelopes/);
    const json = runCli(['log', 'verify', '--data', data, '--json']);
    const report = JSON.parse(json.stdout) as { ok: boolean; entries: number; checkpoints: number };
    assert.equal(report.ok, true);
    assert.equal(report.entries, 13);
    assert.ok(report.checkpoints >= 1);
  });

  it('explains bad usage and bad config with readable errors and exit codes', () => {
    const usage = runCli(['log', 'append', '--data', data]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--channel/);
    const cfg = runCli(['config', 'show', '--data', data], { PARLEY_PORT: 'x' });
    assert.equal(cfg.code, 1);
    assert.match(cfg.stderr, /error: invalid configuration[\s\S]*PARLEY_PORT[\s\S]*\[CONFIG_INVALID\]/);
    const nokey = runCli(['log', 'verify', '--data', join(t.dir, 'empty')]);
    assert.equal(nokey.code, 1);
    assert.match(nokey.stderr, /\[KEY_INVALID\]/);
  });
});

describe('a sealed key', () => {
  const t = tempDir();
  after(t.cleanup);
  it('needs its passphrase, and refuses a wrong one', () => {
    const data = join(t.dir, 'sealed');
    const init = runCli(['init', '--data', data, '--encrypt', '--json'], {
      PARLEY_KEY_PASSPHRASE: 'correct horse',
    });
    assert.equal(init.code, 0, init.stderr);
    assert.ok(!readFileSync(join(data, 'keys', 'party.key'), 'utf8').includes('"seed"'));
    assert.equal(
      runCli(['log', 'verify', '--data', data], { PARLEY_KEY_PASSPHRASE: 'correct horse' }).code,
      0,
    );
    const wrong = runCli(['log', 'verify', '--data', data], { PARLEY_KEY_PASSPHRASE: 'wrong' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong passphrase/);
    assert.match(runCli(['log', 'verify', '--data', data]).stderr, /sealed/);
  });
});
