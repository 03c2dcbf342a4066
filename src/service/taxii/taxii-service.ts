/**
 * The TAXII 2.1 server's use cases (discovery, API root, collections, objects, manifest,
 * versions, status) plus the hooks the dialogue uses: a read-only collection per channel and
 * the party's writable outbox. Knows no HTTP: the routes call one method each.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { CollectionRecord, ObjectPage, ObjectStore, StoredObject } from '../../store/objects.types.js';
import { ObjectStoreError } from '../../store/objects-error.js';
import type { Clock, Logger } from '../ports.js';
import { accessTo, TaxiiAuth, type Principal } from './taxii-auth.js';
import { encodeCursor } from './taxii-cursor.js';
import { TaxiiError } from './taxii-error.js';
import { isStixId, parseFilters, type RawQuery } from './taxii-filters.js';
import { prepareObjects, type RejectedObject } from './taxii-ingest.js';
import { prepareEnvelope, type PreparedEnvelope } from './taxii-envelope.js';
import { IngestPool, defaultIngestWorkers } from './ingest-pool.js';
import {
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
  type TaxiiApiRoot,
  type TaxiiCollection,
  type TaxiiDiscovery,
  type TaxiiPage,
  type TaxiiStatus,
  type TaxiiStatusDetail,
} from './taxii-resources.types.js';
import { dateToUs, formatUs, formatVersion } from './taxii-time.js';

export const TAXII_API_ROOT = 'api';
/** The largest POST body accepted (the API root's max_content_length). */
export const DEFAULT_TAXII_MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
export const OUTBOX_ALIAS = 'outbox';
const MAX_FAILURE_DETAILS = 100;

export interface TaxiiServiceDeps {
  readonly store: Pick<Store, 'getMeta' | 'setMeta'> & { readonly objects: ObjectStore };
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly title?: string;
  readonly maxContentLength?: number;
  /**
   * Worker threads that parse and validate POSTed envelopes (default: one per core but one);
   * 0 validates on the calling thread.
   */
  readonly ingestWorkers?: number;
}

/** What addChannelObjects did. */
export interface ChannelAddResult {
  readonly collection: string;
  readonly added: number;
  readonly duplicates: number;
  readonly rejected: readonly RejectedObject[];
}

export interface OutboxPage {
  readonly objects: { readonly object: Record<string, unknown>; readonly dateAdded: string }[];
  /** Pass back as `after` to continue; absent when nothing was returned. */
  readonly next?: string;
  readonly more: boolean;
}

function notFound(what: string): TaxiiError {
  return new TaxiiError('TAXII_NOT_FOUND', `${what} not found`);
}

export class TaxiiService {
  readonly auth: TaxiiAuth;
  readonly maxContentLength: number;
  /** Where pull and push keep their resume positions (the store's meta table). */
  readonly syncState: Pick<Store, 'getMeta' | 'setMeta'>;
  readonly #objects: ObjectStore;
  readonly #clock: Clock;
  readonly #title: string;
  #outbox: Promise<CollectionRecord> | undefined;
  readonly #ingestWorkers: number;
  #pool: IngestPool | undefined;

  constructor(deps: TaxiiServiceDeps) {
    this.#objects = deps.store.objects;
    this.syncState = deps.store;
    this.#clock = deps.clock;
    this.#title = deps.title ?? 'Parley TAXII 2.1 server';
    this.maxContentLength = deps.maxContentLength ?? DEFAULT_TAXII_MAX_CONTENT_LENGTH;
    this.auth = new TaxiiAuth(this.#objects, deps.clock);
    this.#ingestWorkers = deps.ingestWorkers ?? defaultIngestWorkers();
  }

  /** Stops the ingest workers, if any were started. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }

  /** Envelope text (as received) or a parsed body → validated objects, in a worker when there are any. */
  #prepareEnvelope(body: unknown): Promise<PreparedEnvelope> | PreparedEnvelope {
    if (typeof body !== 'string' || this.#ingestWorkers === 0) return prepareEnvelope(body);
    this.#pool ??= new IngestPool(this.#ingestWorkers);
    return this.#pool.prepare(body);
  }

  get objects(): ObjectStore {
    return this.#objects;
  }

  authenticate(authorization: string | undefined): Promise<Principal> {
    return this.auth.authenticate(authorization);
  }

  discovery(): TaxiiDiscovery {
    const root = `/taxii2/${TAXII_API_ROOT}/`;
    return {
      title: this.#title,
      description: 'Each channel of this Parley node is a collection.',
      default: root,
      api_roots: [root],
    };
  }

  apiRoot(root: string): TaxiiApiRoot {
    if (root !== TAXII_API_ROOT) throw notFound(`API root ${root}`);
    return {
      title: this.#title,
      description: 'Channels and the outbox of this node',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: this.maxContentLength,
    };
  }

  /** Creates (or renames) a plain collection; returns it. */
  async createCollection(c: {
    id?: string;
    title: string;
    description?: string;
    alias?: string;
  }): Promise<CollectionRecord> {
    const record: CollectionRecord = {
      id: c.id ?? randomUUID(),
      title: c.title,
      description: c.description,
      alias: c.alias,
      kind: 'plain',
      mediaTypes: [STIX_MEDIA_TYPE],
      createdAt: this.#clock.now().toISOString(),
    };
    await this.#objects.putCollection(record);
    return record;
  }

  /** The party's outbox collection, created on first use. */
  outbox(): Promise<CollectionRecord> {
    this.#outbox ??= (async () => {
      const found = (await this.#objects.listCollections()).find((c) => c.kind === 'outbox');
      if (found) return found;
      const record: CollectionRecord = {
        id: randomUUID(),
        title: 'Outbox',
        description: "STIX posted here by the party's own tools is shared in its channels.",
        alias: OUTBOX_ALIAS,
        kind: 'outbox',
        mediaTypes: [STIX_MEDIA_TYPE],
        createdAt: this.#clock.now().toISOString(),
      };
      await this.#objects.putCollection(record);
      return (await this.#objects.getCollection(OUTBOX_ALIAS)) ?? record;
    })();
    this.#outbox.catch(() => (this.#outbox = undefined));
    return this.#outbox;
  }

  async listCollections(p: Principal, root: string): Promise<{ collections: TaxiiCollection[] }> {
    this.apiRoot(root);
    await this.outbox();
    const all = await this.#objects.listCollections();
    return { collections: all.map((c) => this.#wire(p, c)).filter((c) => c.can_read || c.can_write) };
  }

  async getCollection(p: Principal, root: string, id: string): Promise<TaxiiCollection> {
    return this.#wire(p, await this.#visible(p, root, id));
  }

  #wire(p: Principal, c: CollectionRecord): TaxiiCollection {
    const a = accessTo(p, c);
    return {
      id: c.id,
      title: c.title,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.alias !== undefined ? { alias: c.alias } : {}),
      can_read: a.canRead,
      can_write: a.canWrite,
      media_types: [...c.mediaTypes],
    };
  }

  /** The collection if the principal may read or write it; else 404, so that existence does not leak. */
  async #visible(p: Principal, root: string, id: string): Promise<CollectionRecord> {
    this.apiRoot(root);
    if (id === OUTBOX_ALIAS) await this.outbox();
    const c = await this.#objects.getCollection(id);
    if (!c) throw notFound(`collection ${id}`);
    const a = accessTo(p, c);
    if (!a.canRead && !a.canWrite)
      throw p.anonymous
        ? new TaxiiError('TAXII_UNAUTHORIZED', 'authentication required')
        : notFound(`collection ${id}`);
    return c;
  }

  async #readable(p: Principal, root: string, id: string): Promise<CollectionRecord> {
    const c = await this.#visible(p, root, id);
    if (!accessTo(p, c).canRead)
      throw new TaxiiError('TAXII_FORBIDDEN', `no read access to collection ${id}`);
    return c;
  }

  async #writable(p: Principal, root: string, id: string): Promise<CollectionRecord> {
    const c = await this.#visible(p, root, id);
    if (!accessTo(p, c).canWrite)
      throw new TaxiiError(
        'TAXII_FORBIDDEN',
        c.kind === 'channel'
          ? `collection ${id} mirrors a channel and is read-only`
          : `no write access to collection ${id}`,
      );
    return c;
  }

  /** §5.3 GET objects. */
  async getObjects(p: Principal, root: string, collection: string, q: RawQuery): Promise<TaxiiPage> {
    const c = await this.#readable(p, root, collection);
    const page = await this.#objects.queryObjects(
      c.id,
      parseFilters(q, { allow: ['id', 'type', 'version', 'spec_version'], bodies: true }),
    );
    return envelopePage(page, (o) => o.body!, 'objects');
  }

  /** §5.5 GET an object: every matching version of one id (default the last). 404 when none. */
  async getObject(
    p: Principal,
    root: string,
    collection: string,
    id: string,
    q: RawQuery,
  ): Promise<TaxiiPage> {
    const c = await this.#readable(p, root, collection);
    if (!isStixId(id)) throw notFound(`object ${id}`);
    const page = await this.#objects.queryObjects(
      c.id,
      parseFilters(q, { allow: ['version', 'spec_version'], bodies: true, id }),
    );
    if (page.objects.length === 0 && q['next'] === undefined)
      throw notFound(`object ${id} in collection ${collection}`);
    return envelopePage(page, (o) => o.body!, 'objects');
  }

  /** §5.7 GET versions of an object. */
  async getVersions(
    p: Principal,
    root: string,
    collection: string,
    id: string,
    q: RawQuery,
  ): Promise<TaxiiPage> {
    const c = await this.#readable(p, root, collection);
    if (!isStixId(id)) throw notFound(`object ${id}`);
    const page = await this.#objects.queryObjects(
      c.id,
      parseFilters(q, { allow: ['spec_version'], bodies: false, id, defaultVersions: { all: true } }),
    );
    if (page.objects.length === 0 && q['next'] === undefined)
      throw notFound(`object ${id} in collection ${collection}`);
    return envelopePage(page, (o) => JSON.stringify(formatVersion(o.version)), 'versions');
  }

  /** §5.4 GET manifest. */
  async getManifest(p: Principal, root: string, collection: string, q: RawQuery): Promise<TaxiiPage> {
    const c = await this.#readable(p, root, collection);
    const page = await this.#objects.queryObjects(
      c.id,
      parseFilters(q, { allow: ['id', 'type', 'version', 'spec_version'], bodies: false }),
    );
    return envelopePage(page, (o) => JSON.stringify(manifestRecord(o)), 'objects');
  }

  /** §5.6 DELETE an object (the versions match[version] and match[spec_version] select; default all). */
  async deleteObject(p: Principal, root: string, collection: string, id: string, q: RawQuery): Promise<void> {
    const c = await this.#writable(p, root, collection);
    if (!accessTo(p, c).canRead)
      throw new TaxiiError(
        'TAXII_FORBIDDEN',
        `deleting needs read and write access to collection ${collection}`,
      );
    if (!isStixId(id)) throw notFound(`object ${id}`);
    const f = parseFilters(q, {
      allow: ['version', 'spec_version'],
      bodies: false,
      id,
      defaultVersions: { all: true },
    });
    const n = await this.#objects.deleteObject(c.id, id, f.versions, f.specVersions);
    if (n === 0) throw notFound(`object ${id} in collection ${collection}`);
  }

  /**
   * §5.4 POST objects: validates each object, stores the valid ones and returns the status
   * resource. `envelope` is the body's text as received (parsed here, in a worker when there are
   * any) or an already parsed body.
   */
  async addObjects(p: Principal, root: string, collection: string, envelope: unknown): Promise<TaxiiStatus> {
    const c = await this.#writable(p, root, collection);
    const requestTimestamp = this.#clock.now();
    const batch = await this.#prepareEnvelope(envelope);
    const failures: TaxiiStatusDetail[] = batch.rejected.map((r) => ({
      id: r.id,
      version: r.version ?? '',
      message: r.message,
    }));
    if (batch.prepared.length === 0) {
      throw new TaxiiError('TAXII_OBJECTS_REJECTED', `none of the ${batch.total} objects is valid STIX 2.1`, {
        details: {
          failures: batch.rejected
            .slice(0, MAX_FAILURE_DETAILS)
            .map((r) => ({ index: r.index, id: r.id, message: r.message, issues: r.issues })),
        },
      });
    }
    const outcomes = await this.#objects.addObjects(
      c.id,
      batch.prepared.map((x) => x.object),
      dateToUs(requestTimestamp),
    );
    const successes = outcomes.map((o, i) => ({
      id: batch.prepared[i]!.object.id,
      version: formatVersion(o.version),
      ...(o.kind === 'duplicate' ? { message: 'this version was already in the collection' } : {}),
    }));
    const status: TaxiiStatus = {
      id: randomUUID(),
      status: 'complete',
      request_timestamp: formatUs(dateToUs(requestTimestamp)),
      total_count: batch.total,
      success_count: successes.length,
      successes,
      failure_count: failures.length,
      failures,
      pending_count: 0,
      pendings: [],
    };
    await this.#objects.putStatus({
      id: status.id,
      body: JSON.stringify(status),
      createdAt: requestTimestamp.toISOString(),
    });
    return status;
  }

  /** §4.3 GET status. */
  async getStatus(_p: Principal, root: string, id: string): Promise<TaxiiStatus> {
    this.apiRoot(root);
    const s = await this.#objects.getStatus(id);
    if (!s) throw notFound(`status ${id}`);
    return JSON.parse(s.body) as TaxiiStatus;
  }

  /**
   * Adds objects to a collection on the operator's behalf (import, pull): no rights check, any
   * collection kind. Invalid objects are skipped and reported.
   */
  async importObjects(collection: string, objects: readonly unknown[]): Promise<ChannelAddResult> {
    const c =
      collection === OUTBOX_ALIAS ? await this.outbox() : await this.#objects.getCollection(collection);
    if (!c) throw notFound(`collection ${collection}`);
    const batch = prepareObjects(objects);
    const outcomes = batch.prepared.length
      ? await this.#objects.addObjects(
          c.id,
          batch.prepared.map((x) => x.object),
          dateToUs(this.#clock.now()),
        )
      : [];
    const added = outcomes.filter((o) => o.kind === 'added').length;
    return { collection: c.id, added, duplicates: outcomes.length - added, rejected: batch.rejected };
  }

  /** A collection by id or alias (the outbox is created on first use), for operator commands. */
  async findCollection(idOrAlias: string): Promise<CollectionRecord | undefined> {
    if (idOrAlias === OUTBOX_ALIAS) return this.outbox();
    return this.#objects.getCollection(idOrAlias);
  }

  /** Every stored version of a collection's objects after `after`, oldest first (export, push). */
  async readCollection(idOrAlias: string, after: string | undefined, limit: number): Promise<OutboxPage> {
    const c = await this.findCollection(idOrAlias);
    if (!c) throw notFound(`collection ${idOrAlias}`);
    const f = parseFilters(after === undefined ? {} : { next: after }, {
      allow: [],
      bodies: true,
      defaultVersions: { all: true },
    });
    const page = await this.#objects.queryObjects(c.id, { ...f, limit });
    const lastObj = page.objects[page.objects.length - 1];
    return {
      objects: page.objects.map((o) => ({
        object: JSON.parse(o.body!) as Record<string, unknown>,
        dateAdded: formatUs(o.addedUs),
      })),
      ...(lastObj ? { next: encodeCursor(lastObj) } : after !== undefined ? { next: after } : {}),
      more: page.more,
    };
  }

  // --- the dialogue's hooks -------------------------------------------------------------

  /** The read-only collection that mirrors a channel, created on first use. */
  async channelCollection(channelId: string): Promise<CollectionRecord> {
    const found = await this.#objects.getChannelCollection(channelId);
    if (found) return found;
    const m = /^channel--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(channelId);
    if (!m) throw new RangeError(`channel id must be channel--<uuid>, got ${JSON.stringify(channelId)}`);
    await this.#objects.putCollection({
      id: m[1]!.toLowerCase(),
      title: `Channel ${channelId}`,
      description: 'Everything shared in this channel (read-only).',
      alias: channelId,
      kind: 'channel',
      channel: channelId,
      mediaTypes: [STIX_MEDIA_TYPE],
      createdAt: this.#clock.now().toISOString(),
    });
    return (await this.#objects.getChannelCollection(channelId))!;
  }

  /**
   * Adds STIX objects shared in a channel to its collection (creating it on first use). Invalid
   * objects are skipped and reported. date_added is `dateAdded`, or just after the collection's
   * last one when that is later, so that TAXII paging stays stable.
   */
  async addChannelObjects(
    channelId: string,
    objects: readonly unknown[],
    dateAdded: Date | string,
  ): Promise<ChannelAddResult> {
    const c = await this.channelCollection(channelId);
    const batch = prepareObjects(objects);
    const at = typeof dateAdded === 'string' ? new Date(dateAdded) : dateAdded;
    if (Number.isNaN(at.getTime())) throw new RangeError(`dateAdded is not a date: ${String(dateAdded)}`);
    const outcomes = batch.prepared.length
      ? await this.#objects.addObjects(
          c.id,
          batch.prepared.map((x) => x.object),
          dateToUs(at),
        )
      : [];
    const added = outcomes.filter((o) => o.kind === 'added').length;
    return { collection: c.id, added, duplicates: outcomes.length - added, rejected: batch.rejected };
  }

  /** Objects posted to the outbox after `after` (a token from a previous page), oldest first. */
  async listOutbox(after?: string, limit = 1000): Promise<OutboxPage> {
    return this.readCollection(OUTBOX_ALIAS, after, limit);
  }
}

function manifestRecord(o: StoredObject) {
  return {
    id: o.id,
    date_added: formatUs(o.addedUs),
    version: formatVersion(o.version),
    media_type: `application/stix+json;version=${o.specVersion}`,
  };
}

/** Builds `{"more":…,"next":…,"<key>":[…]}` from stored JSON text without re-parsing it. */
function envelopePage(
  page: ObjectPage,
  item: (o: StoredObject) => string,
  key: 'objects' | 'versions',
): TaxiiPage {
  const list = page.objects;
  const first = list[0];
  const last = list[list.length - 1];
  const next = page.more && last ? `,"next":${JSON.stringify(encodeCursor(last))}` : '';
  const json = `{"more":${page.more}${next},"${key}":[${list.map(item).join(',')}]}`;
  if (!first || !last) return { json };
  return { json, dateAddedFirst: formatUs(first.addedUs), dateAddedLast: formatUs(last.addedUs) };
}

export function isCollectionMissing(e: unknown): boolean {
  return e instanceof ObjectStoreError && e.code === 'COLLECTION_NOT_FOUND';
}
