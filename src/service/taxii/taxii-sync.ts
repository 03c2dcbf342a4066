/**
 * `parley taxii pull` and `push`: copy a remote collection into a local one (or back), page by
 * page, saving after each page where to resume (the last date_added seen on the remote for a
 * pull, the local next token for a push) in the store's meta table, so that an interrupted run
 * continues where it stopped.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { RejectedObject } from './taxii-ingest.js';
import type { TaxiiClient } from './taxii-client.js';
import type { TaxiiService } from './taxii-service.js';

export interface SyncProgress {
  readonly pages: number;
  readonly objects: number;
  readonly added: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export interface SyncReport extends SyncProgress {
  readonly resumedFrom?: string | undefined;
  readonly last?: string | undefined;
  /** At most the first 100 rejected objects, with the reason. */
  readonly rejections: readonly Pick<RejectedObject, 'id' | 'message'>[];
}

export interface SyncOptions {
  readonly taxii: TaxiiService;
  readonly store: Pick<Store, 'getMeta' | 'setMeta'>;
  readonly client: TaxiiClient;
  /** Local collection id or alias. */
  readonly local: string;
  readonly pageSize?: number;
  /** Start from scratch instead of the saved position. */
  readonly restart?: boolean;
  readonly onPage?: (p: SyncProgress) => void;
}

const MAX_REJECTIONS = 100;

function stateKey(kind: 'pull' | 'push', remote: string, local: string): string {
  return `taxii.${kind}.${createHash('sha256').update(`${remote}\n${local}`).digest('hex').slice(0, 32)}`;
}

export async function pullCollection(o: SyncOptions): Promise<SyncReport> {
  const key = stateKey('pull', o.client.collectionUrl, o.local);
  const resumedFrom = o.restart ? undefined : await o.store.getMeta(key);
  let addedAfter = resumedFrom;
  let next: string | undefined;
  const p = { pages: 0, objects: 0, added: 0, duplicates: 0, rejected: 0 };
  const rejections: Pick<RejectedObject, 'id' | 'message'>[] = [];
  for (;;) {
    const page = await o.client.getObjects({ addedAfter, next, limit: o.pageSize ?? 1000 });
    if (page.objects.length > 0) {
      const r = await o.taxii.importObjects(o.local, page.objects);
      p.added += r.added;
      p.duplicates += r.duplicates;
      p.rejected += r.rejected.length;
      for (const x of r.rejected)
        if (rejections.length < MAX_REJECTIONS) rejections.push({ id: x.id, message: x.message });
    }
    p.pages++;
    p.objects += page.objects.length;
    // Only once the page is stored: a crash before this line re-reads the page, harmlessly.
    if (page.dateAddedLast) await o.store.setMeta(key, page.dateAddedLast);
    o.onPage?.({ ...p });
    if (!page.more || page.objects.length === 0) break;
    if (page.next) next = page.next;
    else {
      // A server without next tokens: page on added_after alone.
      next = undefined;
      addedAfter = page.dateAddedLast ?? addedAfter;
      if (!page.dateAddedLast) break;
    }
  }
  return { ...p, resumedFrom, last: (await o.store.getMeta(key)) ?? undefined, rejections };
}

export async function pushCollection(o: SyncOptions): Promise<SyncReport> {
  const key = stateKey('push', o.client.collectionUrl, o.local);
  const resumedFrom = o.restart ? undefined : await o.store.getMeta(key);
  let after = resumedFrom;
  const p = { pages: 0, objects: 0, added: 0, duplicates: 0, rejected: 0 };
  const rejections: Pick<RejectedObject, 'id' | 'message'>[] = [];
  for (;;) {
    const page = await o.taxii.readCollection(o.local, after, o.pageSize ?? 1000);
    if (page.objects.length === 0) break;
    const status = await o.client.postObjects(page.objects.map((x) => x.object));
    const dup = (status.successes ?? []).filter((s) => s.message !== undefined).length;
    p.added += (status.success_count ?? 0) - dup;
    p.duplicates += dup;
    p.rejected += status.failure_count ?? 0;
    for (const f of status.failures ?? [])
      if (rejections.length < MAX_REJECTIONS) rejections.push({ id: f.id, message: f.message ?? '' });
    p.pages++;
    p.objects += page.objects.length;
    after = page.next;
    if (after) await o.store.setMeta(key, after);
    o.onPage?.({ ...p });
    if (!page.more) break;
  }
  return { ...p, resumedFrom, last: after, rejections };
}
