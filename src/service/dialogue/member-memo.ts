import type { MemberRecord } from '../../store/dialogue.types.js';
import type { DialogueContext } from './context.js';

/**
 * A channel's members, read from the store once per ingested batch instead of once per check
 * (the fast path's tip, each careful envelope's author and relayer, the pushed checkpoint's key,
 * the receipts' quoted checkpoints, the projection of accept/leave/key-rotation…).
 *
 * Members change only through `upsertMember` (the projection of an invite, accept, leave or
 * key-rotation), and the batch makes those writes through the context this memo hands out: each
 * one drops the channel's cached list, so an envelope after a key-rotation or a leave in the same
 * batch is checked against the members as they are after it. A write by another request at the
 * same time is not seen until `forget` (ingest forgets and reads again before it calls a signature
 * bad or a party unknown, so a stale list can delay an envelope, never condemn one).
 */
export interface MemberMemo {
  /** The channel's members, from the memo when it holds them. */
  list(channel: string): Promise<readonly MemberRecord[]>;
  /** Drops the channel's cached members: the next read goes to the store. */
  forget(channel: string): void;
}

/**
 * A context for one batch whose `store.dialogue.listMembers` is served by a memo that the same
 * context's `store.dialogue.upsertMember` invalidates. Every other store method is the store's
 * own, called on the store itself.
 */
export function withMemberMemo(ctx: DialogueContext): { ctx: DialogueContext; members: MemberMemo } {
  const base = ctx.store.dialogue;
  const cache = new Map<string, Promise<MemberRecord[]>>();
  const members: MemberMemo = {
    list(channel) {
      let got = cache.get(channel);
      if (!got) {
        got = base.listMembers(channel);
        cache.set(channel, got);
        // A failed read is not remembered: the next caller asks the store again.
        got.catch(() => {
          if (cache.get(channel) === got) cache.delete(channel);
        });
      }
      return got;
    },
    forget(channel) {
      cache.delete(channel);
    },
  };
  const dialogue = forwarding(base, {
    // A copy per caller: nobody can change the memo's list by sorting or splicing what it got.
    listMembers: async (channel: string): Promise<MemberRecord[]> => [...(await members.list(channel))],
    upsertMember: async (m: MemberRecord): Promise<void> => {
      members.forget(m.channel);
      try {
        await base.upsertMember(m);
      } finally {
        // Read again after the write, whether it landed or not: never the list from before it.
        members.forget(m.channel);
      }
    },
  });
  const store = forwarding(ctx.store, { dialogue });
  // Everything but the store is read through to the caller's context, live (a key rotation
  // replaces its keyPair in place).
  const batchCtx = Object.create(ctx, { store: { value: store, enumerable: true } }) as DialogueContext;
  return { ctx: batchCtx, members };
}

/**
 * `target` with some properties replaced; every other method is called with `target` as `this`
 * (the stores keep private fields, which a method called on a proxy could not reach).
 */
function forwarding<T extends object>(target: T, overrides: Partial<T>): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, key) {
      if (Object.prototype.hasOwnProperty.call(overrides, key))
        return (overrides as Record<PropertyKey, unknown>)[key];
      const v: unknown = Reflect.get(t, key, t);
      if (typeof v !== 'function') return v;
      let b = bound.get(key);
      if (!b) {
        b = (v as (...a: unknown[]) => unknown).bind(t);
        bound.set(key, b);
      }
      return b;
    },
  });
}
