import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEDERATION_LIMITS } from '../../src/http/plugins/federation-limits.js';
import { runCli, startServer, tempDir } from '../helpers/cli.js';

const CHANNEL = 'channel--5b0e7c1a-3f5e-4c1b-9a7e-2d8f6c4b1a00';
/** Unsigned requests the address limit admits (each then answered 401) before it answers 429. */
const IP_BURST = 3;

/**
 * The federation limits set in parley.json reach the server that `parley serve` starts: no
 * RuntimeOptions, only the data folder's config file, as an operator would set them.
 */
describe('federation limits from parley.json, through the real CLI', () => {
  const t = tempDir();
  const data = join(t.dir, 'node-a');
  let server: Awaited<ReturnType<typeof startServer>>;
  let partyId: string;

  before(async () => {
    const init = runCli(['init', '--data', data, '--name', 'CERT of Ruritania', '--json']);
    assert.equal(init.code, 0, init.stderr);
    partyId = (JSON.parse(init.stdout) as { partyId: string }).partyId;
    // A rate this slow refills nothing while the test runs: the limit is exactly the burst.
    writeFileSync(
      join(data, 'parley.json'),
      JSON.stringify({
        party: { name: 'CERT of Ruritania' },
        federation: { ipBurst: IP_BURST, ipRatePerSecond: 0.001 },
      }),
    );
    server = await startServer(['--data', data]);
  });
  after(async () => {
    await server?.stop();
    t.cleanup();
  });

  it('config show prints the limits in force, file over defaults', () => {
    const r = runCli(['config', 'show', '--data', data, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout) as { federation: Record<string, number> };
    assert.equal(c.federation.ipBurst, IP_BURST);
    assert.equal(c.federation.ipRatePerSecond, 0.001);
    assert.equal(
      c.federation.partyBurst,
      DEFAULT_FEDERATION_LIMITS.partyBurst,
      'an unset key keeps its default',
    );
  });

  it('answers 429 with Retry-After once the configured address burst is spent', async () => {
    const url = `${server.url}/federation/v1/logs/${CHANNEL}/${partyId}/checkpoint`;
    for (let i = 0; i < IP_BURST; i++) {
      const res = await fetch(url);
      assert.equal(res.status, 401, `request ${i + 1} is within the burst: refused as unsigned`);
      await res.body?.cancel();
    }
    const limited = await fetch(url);
    assert.equal(limited.status, 429, `request ${IP_BURST + 1} is over the burst`);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 1000, `Retry-After in seconds, got ${retryAfter}`);
    assert.match(limited.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await limited.json()) as { code: string }).code, 'RATE_LIMITED');
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200, 'only the federation routes are limited');
    await health.body?.cancel();
  });

  it('refuses to start with a meaningless limit from the environment, naming it', () => {
    const r = runCli(['serve', '--data', data, '--port', '0'], { PARLEY_FEDERATION_PARTY_BURST: '0' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /federation\.partyBurst=0 \(env\): must be >= 1/);
  });
});
