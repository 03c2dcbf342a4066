import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DialogueContext } from '../../../../src/service/dialogue/context.js';
import { withMemberMemo } from '../../../../src/service/dialogue/member-memo.js';
import type { MemberRecord } from '../../../../src/store/dialogue.types.js';

const member = (channel: string, party: string, key: number): MemberRecord => ({
  channel,
  party,
  name: party,
  endpoint: 'http://127.0.0.1:1',
  publicKey: new Uint8Array(32).fill(key),
  state: 'accepted',
  acceptedAt: undefined,
});

/** A store with only what the memo touches, counting member reads; `this` must be the store. */
class FakeDialogueStore {
  readonly rows = new Map<string, MemberRecord[]>();
  reads = 0;
  failNext = false;
  listMembers(channel: string): Promise<MemberRecord[]> {
    this.reads++;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('store down'));
    }
    return Promise.resolve([...(this.rows.get(channel) ?? [])]);
  }
  upsertMember(m: MemberRecord): Promise<void> {
    const rows = (this.rows.get(m.channel) ?? []).filter((x) => x.party !== m.party);
    this.rows.set(m.channel, [...rows, m]);
    return Promise.resolve();
  }
  getChannel(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

function setup() {
  const dialogue = new FakeDialogueStore();
  dialogue.rows.set('c1', [member('c1', 'p1', 1), member('c1', 'p2', 2)]);
  dialogue.rows.set('c2', [member('c2', 'p1', 1)]);
  const store = { dialogue, engine: 'sqlite' };
  const ctx = { store, partyId: 'home', keyPair: { tag: 'before' } } as unknown as DialogueContext;
  const memo = withMemberMemo(ctx);
  return { dialogue, caller: ctx, ctx: memo.ctx, members: memo.members };
}

describe('withMemberMemo', () => {
  it('reads each channel once, whatever asks: the memo, the batch store', async () => {
    const { dialogue, ctx, members } = setup();
    await members.list('c1');
    await ctx.store.dialogue.listMembers('c1');
    await members.list('c1');
    await ctx.store.dialogue.listMembers('c2');
    assert.equal(dialogue.reads, 2);
  });

  it('reads a channel again after an upsertMember through the batch store, and only that channel', async () => {
    const { dialogue, ctx, members } = setup();
    await members.list('c1');
    await members.list('c2');
    await ctx.store.dialogue.upsertMember({ ...member('c1', 'p2', 9), state: 'left' });
    const after = await members.list('c1');
    assert.equal(dialogue.reads, 3);
    assert.deepEqual(
      after.map((m) => [m.party, m.state, m.publicKey[0]]),
      [
        ['p1', 'accepted', 1],
        ['p2', 'left', 9],
      ],
    );
    await members.list('c2');
    assert.equal(dialogue.reads, 3);
  });

  it('forget() makes the next read go to the store', async () => {
    const { dialogue, members } = setup();
    await members.list('c1');
    members.forget('c1');
    await members.list('c1');
    assert.equal(dialogue.reads, 2);
  });

  it('hands each caller its own array', async () => {
    const { ctx, members } = setup();
    const a = await ctx.store.dialogue.listMembers('c1');
    a.splice(0);
    assert.equal((await ctx.store.dialogue.listMembers('c1')).length, 2);
    assert.equal((await members.list('c1')).length, 2);
  });

  it('does not remember a failed read', async () => {
    const { dialogue, members } = setup();
    dialogue.failNext = true;
    await assert.rejects(members.list('c1'), /store down/);
    assert.equal((await members.list('c1')).length, 2);
    assert.equal(dialogue.reads, 2);
  });

  it('leaves other store methods and the rest of the context as they are, read live', async () => {
    const { caller: ctx, ctx: batch } = setup();
    assert.equal(await batch.store.dialogue.getChannel('c1'), undefined);
    assert.equal(batch.store.engine, 'sqlite');
    assert.equal(batch.partyId, 'home');
    (ctx as unknown as { keyPair: unknown }).keyPair = { tag: 'after' };
    assert.deepEqual(batch.keyPair, { tag: 'after' });
  });
});
