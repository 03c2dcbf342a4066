import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NonceCache, RateLimiter } from '../../../../src/http/plugins/federation-limits.js';

describe('RateLimiter', () => {
  it('allows the burst, then refuses with the seconds until a token is back', () => {
    const l = new RateLimiter(0.5, 3);
    for (let i = 0; i < 3; i++) assert.deepEqual(l.take('k', 0), { ok: true });
    assert.deepEqual(l.take('k', 0), { ok: false, retryAfterSeconds: 2 });
    assert.deepEqual(l.take('k', 2000), { ok: true }, 'refilled at the stated rate');
  });

  it('keeps buckets per key', () => {
    const l = new RateLimiter(1, 1);
    assert.equal(l.take('a', 0).ok, true);
    assert.equal(l.take('a', 0).ok, false);
    assert.equal(l.take('b', 0).ok, true);
  });

  it('holds at most maxKeys buckets, forgetting the least recently used', () => {
    const l = new RateLimiter(1, 1, 3);
    for (const k of ['a', 'b', 'c']) l.take(k, 0);
    l.take('a', 0); // a is now the most recently used (and empty)
    for (let i = 0; i < 1000; i++) l.take(`flood-${i}`, 0);
    assert.equal(l.size, 3);
    const fresh = new RateLimiter(1, 1, 3);
    fresh.take('a', 0);
    fresh.take('b', 0);
    fresh.take('a', 0);
    fresh.take('c', 0);
    fresh.take('d', 0); // evicts b, the least recently used
    assert.equal(fresh.take('a', 0).ok, false, 'a was kept (still empty)');
    assert.equal(fresh.take('b', 0).ok, true, 'b was forgotten (a full bucket again)');
  });

  it('refuses a rate or burst that cannot describe a limit', () => {
    assert.throws(() => new RateLimiter(0, 1), RangeError);
    assert.throws(() => new RateLimiter(1, 0), RangeError);
  });
});

describe('NonceCache', () => {
  it('knows a nonce until it expires', () => {
    const c = new NonceCache(1000);
    assert.equal(c.has('n', 0), false);
    assert.equal(c.add('n', 0), true);
    assert.equal(c.has('n', 1000), true);
    assert.equal(c.has('n', 1001), false);
  });

  it('when full of live nonces refuses new ones rather than forget one (which would allow a replay)', () => {
    const c = new NonceCache(10_000, 2);
    assert.equal(c.add('a', 0), true);
    assert.equal(c.add('b', 1000), true);
    assert.equal(c.add('c', 2000), false);
    assert.equal(c.has('a', 2000), true);
    assert.equal(c.retryAfterSeconds(2000), 8, 'until the oldest expires');
    assert.equal(c.add('c', 10_001), true, 'an expired slot is reused');
    assert.equal(c.has('a', 10_001), false);
  });
});
