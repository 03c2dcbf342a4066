import { ParleyError } from '../../core/errors.js';
import type { JsonObject } from '../../core/jcs/index.js';
import type { TaxiiService } from '../taxii/taxii-service.js';
import type { DialogueExtension } from './context.js';
import type { DialogueService } from './dialogue-service.js';

/** Kinds whose bodies carry a STIX bundle that belongs in the channel's collection. */
const STIX_KINDS = new Set(['share', 'notify', 'request', 'response']);
const OUTBOX_CURSOR_KEY = 'taxii.outbox.forwarded';
/** Objects per `share` envelope: keeps envelopes well under the 1 MiB limit for typical STIX. */
const OBJECTS_PER_SHARE = 200;

/**
 * Every channel is a TAXII collection: STIX content said in the channel — by any member, in a
 * share, a notification, a request or a response — is added to the channel's read-only
 * collection, where the party's own tools read it.
 */
export function channelCollectionExtension(taxii: TaxiiService): DialogueExtension {
  return {
    name: 'taxii-channel-collection',
    async project(_ctx, p) {
      const e = p.envelope;
      if (!STIX_KINDS.has(e.kind)) return;
      const objects = (e.body.bundle as { objects?: unknown[] } | undefined)?.objects;
      if (!Array.isArray(objects) || objects.length === 0) return;
      await taxii.addChannelObjects(e.channel, objects, e.created);
    },
  };
}

/**
 * Shares one chunk; objects that TLP forbids in this channel are left out (and logged by id),
 * the rest still go. Returns how many objects were shared.
 */
async function shareChunk(
  dialogue: DialogueService,
  channel: string,
  chunk: readonly Record<string, unknown>[],
): Promise<number> {
  let objects = [...chunk];
  for (let attempt = 0; attempt < 3 && objects.length; attempt++) {
    const bundle = { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects } as unknown as JsonObject;
    try {
      await dialogue.send(channel, { kind: 'share', body: { bundle } });
      return objects.length;
    } catch (e) {
      if (!(e instanceof ParleyError)) throw e;
      const refused = new Set(((e.details?.refused as { id: string }[] | undefined) ?? []).map((r) => r.id));
      dialogue.ctx.logger.warn(
        { channel, code: e.code, refused: [...refused] },
        'outbox objects not shared in this channel',
      );
      if (e.code !== 'TLP_FORBIDS' || refused.size === 0) return 0;
      objects = objects.filter((o) => !refused.has(String(o.id)));
    }
  }
  return 0;
}

/**
 * What the party's tools POST to its TAXII `outbox` collection is shared in every active channel,
 * in `share` envelopes, under the channel's TLP rules: an object a channel may not receive is
 * refused for that channel (and logged), never sent. The position in the outbox is kept in the
 * store, so a restart neither repeats nor skips.
 */
export async function forwardOutbox(taxii: TaxiiService, dialogue: DialogueService): Promise<number> {
  const store = dialogue.ctx.store;
  let after = (await store.getMeta(OUTBOX_CURSOR_KEY)) || undefined;
  let shared = 0;
  for (;;) {
    const page = await taxii.listOutbox(after, 1000);
    if (page.objects.length === 0) break;
    const objects = page.objects.map((o) => o.object);
    for (const c of await dialogue.channels()) {
      if (c.state !== 'active') continue;
      for (let i = 0; i < objects.length; i += OBJECTS_PER_SHARE) {
        shared += await shareChunk(dialogue, c.id, objects.slice(i, i + OBJECTS_PER_SHARE));
      }
    }
    if (!page.next) break;
    after = page.next;
    await store.setMeta(OUTBOX_CURSOR_KEY, after);
    if (!page.more) break;
  }
  return shared;
}
