import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  computeContentDigest,
  FEDERATION_BODY_COMPONENTS,
  FEDERATION_COMPONENTS,
  FEDERATION_TAG,
  requestFromUrl,
  signRequest,
} from '../../src/core/httpsig/index.js';
import { generateKeyPair, type PrivateKey } from '../../src/core/sig/index.js';
import { loadKeyPair } from '../../src/cli/data-dir.js';
import { nodesWithChannel, type TestNode } from '../helpers/nodes.js';

const PARTY_BURST = 40;
const IP_BURST = 700;
/** More than the old per-keyid burst (400), so that counting unverified keyids would show. */
const UNSIGNED_FLOOD = 450;

interface Signer {
  readonly partyId: string;
  readonly privateKey: PrivateKey;
}

/** Builds one signed federation request as FederationClient does, so that a test can send it twice or read headers. */
function signed(url: string, as: Signer, method: 'GET' | 'POST' = 'GET', body?: unknown): RequestInit {
  const bytes = body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body));
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(bytes ? { 'content-type': 'application/json', 'content-digest': computeContentDigest(bytes) } : {}),
  };
  const sig = signRequest(requestFromUrl(method, url, headers), {
    keyId: as.partyId,
    privateKey: as.privateKey,
    created: new Date(),
    nonce: randomUUID(),
    tag: FEDERATION_TAG,
    components: bytes ? [...FEDERATION_BODY_COMPONENTS] : [...FEDERATION_COMPONENTS],
  });
  return {
    method,
    headers: { ...headers, 'signature-input': sig['signature-input'], signature: sig.signature },
    ...(bytes ? { body: bytes } : {}),
  };
}

async function problemOf(
  res: Response,
): Promise<{ status: number; code: string; type: string; title: string }> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return (await res.json()) as { status: number; code: string; type: string; title: string };
}

describe('federation limits: per address before verifying, per party after; oversized batches; replays', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let asA: Signer;
  let checkpointUrl: string;

  before(async () => {
    let nodes: TestNode[];
    ({ nodes, channel, stop } = await nodesWithChannel(['Alpha', 'Bravo'], {
      federationLimits: {
        partyRatePerSecond: 0.001,
        partyBurst: PARTY_BURST,
        ipRatePerSecond: 0.001,
        ipBurst: IP_BURST,
      },
      channel: { name: 'limits' },
    }));
    [a, b] = nodes as [TestNode, TestNode];
    // The nodes' own traffic is done: no background delivery spends A's allowance at B from here on.
    await a.dialogue.deliverer.stop();
    await b.dialogue.deliverer.stop();
    asA = { partyId: a.node.partyId, privateKey: loadKeyPair(a.dataDir).privateKey };
    checkpointUrl = `${b.url}/federation/v1/logs/${channel}/${b.node.partyId}/checkpoint`;
  });
  after(async () => stop?.());

  it('answers a replayed signed request with 401 REPLAYED_REQUEST', async () => {
    const once = signed(checkpointUrl, asA);
    assert.equal((await fetch(checkpointUrl, once)).status, 200);
    const again = await fetch(checkpointUrl, once);
    assert.equal(again.status, 401);
    assert.equal((await problemOf(again)).code, 'REPLAYED_REQUEST');
  });

  it('answers a batch over the limit with 413 BATCH_TOO_LARGE', async () => {
    const url = `${b.url}/federation/v1/inbox`;
    const res = await fetch(
      url,
      signed(url, asA, 'POST', { envelopes: Array.from({ length: 1001 }, () => '{}') }),
    );
    assert.equal(res.status, 413);
    assert.equal((await problemOf(res)).code, 'BATCH_TOO_LARGE');
  });

  it('does not count unsigned or forged requests naming a member against that member', async () => {
    const forged = signed(checkpointUrl, {
      partyId: a.node.partyId,
      privateKey: generateKeyPair().privateKey,
    });
    const statuses = new Set<number>();
    for (let i = 0; i < UNSIGNED_FLOOD; i += 50) {
      const wave = Array.from({ length: Math.min(50, UNSIGNED_FLOOD - i) }, (_, j) =>
        (i + j) % 2
          ? fetch(checkpointUrl, {
              headers: {
                'signature-input': `sig1=("@method");keyid="${a.node.partyId}"`,
                signature: 'sig1=:AAAA:',
              },
            })
          : fetch(checkpointUrl, { ...forged, headers: { ...(forged.headers as Record<string, string>) } }),
      );
      for (const r of await Promise.all(wave)) {
        statuses.add(r.status);
        await r.body?.cancel();
      }
    }
    assert.deepEqual([...statuses], [401], 'refused as unauthenticated, not rate limited');
    const res = await fetch(checkpointUrl, signed(checkpointUrl, asA));
    assert.equal(res.status, 200, 'A’s own signed request still goes through');
  });

  it('answers 429 with Retry-After and problem details once a party spent its allowance', async () => {
    let limited: Response | undefined;
    let ok = 0;
    for (let i = 0; i < PARTY_BURST + 5 && !limited; i++) {
      const res = await fetch(checkpointUrl, signed(checkpointUrl, asA));
      if (res.status === 429) limited = res;
      else {
        assert.equal(res.status, 200);
        ok++;
        await res.body?.cancel();
      }
    }
    assert.ok(limited, 'rate limited');
    assert.ok(ok < PARTY_BURST, `at most the burst went through (${ok})`);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    const p = await problemOf(limited);
    assert.equal(p.status, 429);
    assert.equal(p.code, 'RATE_LIMITED');
    assert.match(p.type, /rate-limited$/);
  });

  it('answers 429 per client address, before any signature is looked at', async () => {
    let res: Response | undefined;
    for (let i = 0; i < IP_BURST; i++) {
      res = await fetch(checkpointUrl);
      if (res.status === 429) break;
      assert.equal(res.status, 401);
      await res.body?.cancel();
    }
    assert.equal(res?.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    assert.equal((await problemOf(res)).code, 'RATE_LIMITED');
  });
});
