/**
 * GET /api/v1/changes over real HTTP between two nodes: the change tokens the UI polls for live
 * updates. Unchanged state answers 304 to If-None-Match; a peer's note moves the version and that
 * channel's token (and no other channel's); viewers may read it, anonymous clients may not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usersOf } from '../../src/cli/open-node.js';
import { eventually, openChannel, startNodes, type TestNode } from '../helpers/nodes.js';

const PW = 'a long enough password';

interface Tokens {
  version: string;
  channels: Record<string, string>;
  alarms: string;
}

/** A signed-in client that can send its own headers (If-None-Match). */
async function signIn(
  base: string,
  username: string,
): Promise<(h?: Record<string, string>) => Promise<Response>> {
  const jar = new Map<string, string>();
  const keep = (res: Response): void => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  keep(await fetch(`${base}/api/v1/auth/me`));
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      cookie: cookie(),
      'content-type': 'application/json',
      'x-csrf-token': decodeURIComponent(jar.get('parley_csrf') ?? ''),
    },
    body: JSON.stringify({ username, password: PW }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  keep(login);
  return (h = {}) =>
    fetch(`${base}/api/v1/changes`, { headers: { cookie: cookie(), 'x-parley-background': '1', ...h } });
}

describe('change tokens for live pages over HTTP', () => {
  let stop: () => Promise<void>;
  let a: TestNode, b: TestNode;
  let channel: string;
  let other: string;
  let changes: (h?: Record<string, string>) => Promise<Response>;
  const tokens = async (): Promise<Tokens> => (await (await changes()).json()) as Tokens;

  before(async () => {
    const started = await startNodes(['Party A', 'Party B']);
    stop = started.stop;
    [a, b] = started.nodes as [TestNode, TestNode];
    await usersOf(a.node)!.addUser({ username: 'vic', role: 'viewer', password: PW }, 'test');
    channel = await openChannel([a, b], { name: 'A–B' });
    other = await openChannel([a, b], { name: 'A–B second' });
    changes = await signIn(a.url, 'vic');
  });
  after(async () => stop?.());

  it('answers a token per channel and 304 without a body while nothing changes', async () => {
    const first = await changes();
    assert.equal(first.status, 200);
    assert.match(String(first.headers.get('cache-control')), /no-cache/);
    const etag = first.headers.get('etag')!;
    const t = (await first.json()) as Tokens;
    assert.equal(etag, `"${t.version}"`);
    assert.deepEqual(Object.keys(t.channels).sort(), [channel, other].sort());
    // Quiet (two equal reads): A's receipts for B's acceptances may still be landing.
    const quiet = await eventually('quiet', async () => {
      const x = await tokens();
      const y = await tokens();
      return x.version === y.version && y;
    });
    const again = await changes({ 'if-none-match': `"${quiet.version}"` });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal((await changes({ 'if-none-match': `W/"${quiet.version}", "x"` })).status, 304);
    assert.equal((await changes({ 'if-none-match': '"something-else"' })).status, 200);
  });

  it("moves the version and the channel's token when a peer's note arrives, not the other channel's", async () => {
    const before = await eventually('quiet', async () => {
      const x = await tokens();
      const y = await tokens();
      return x.version === y.version && y;
    });
    const note = await b.dialogue.send(channel, { kind: 'note', body: { text: 'live?' } });
    const after = await eventually('A shows the note', async () => {
      const rows = await a.node.store.dialogue.listTimeline(channel, 5);
      if (!rows.some((r) => r.hash === note.hashHex)) return false;
      return tokens();
    });
    assert.notEqual(after.version, before.version);
    assert.notEqual(after.channels[channel], before.channels[channel]);
    assert.equal(after.channels[other], before.channels[other]);
    const stale = await changes({ 'if-none-match': `"${before.version}"` });
    assert.equal(stale.status, 200);
  });

  it('refuses an anonymous client with 401', async () => {
    const res = await fetch(`${a.url}/api/v1/changes`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { code: string }).code, 'AUTH_REQUIRED');
  });
});
