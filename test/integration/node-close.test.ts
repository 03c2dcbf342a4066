import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startNodes } from '../helpers/nodes.js';

/**
 * A peer's process that stops between opening a connection and sending its request leaves a
 * connection Node counts as neither idle nor in flight; closing the node must not wait for the
 * server's headersTimeout (60 s) on it.
 */
describe('closing a node with a silent connection open', () => {
  it('cuts the connection after the grace period instead of waiting a minute', async () => {
    const { nodes, stop } = await startNodes(['Silent']);
    const n = nodes[0]!;
    const port = Number(new URL(n.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
    const cut = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    let closed = false;
    const closing = n.close().then(() => (closed = true));
    // A bound far below the 60 s it took, far above the grace: liveness, not speed.
    const limit = new Promise<'late'>((r) => setTimeout(() => r('late'), 20_000).unref());
    assert.equal(await Promise.race([closing.then(() => 'closed' as const), limit]), 'closed');
    assert.equal(closed, true);
    await cut;
    await stop();
  });
});
