/**
 * The STIX object store behind TAXII 2.1: collections, every version of every object (by id and
 * version), `date_added` per collection, status resources, and the credentials and rights of
 * TAXII users. Both engines implement it and one suite runs against both.
 *
 * Time is passed in as integer microseconds since the Unix epoch (`*Us`), so that the store has
 * no clock and comparisons are exact. Versions are opaque strings that sort in time order (the
 * service hands in fixed-width RFC 3339 text), so the store never parses a timestamp.
 */

export const COLLECTION_KINDS = ['plain', 'channel', 'outbox'] as const;
/** `plain`: made by an operator; `channel`: mirrors a channel (read-only over TAXII); `outbox`: what the node will share. */
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

export interface CollectionRecord {
  /** A UUID (TAXII 2.1 §4.2: the collection id). */
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly alias?: string | undefined;
  readonly kind: CollectionKind;
  /** For kind `channel`: the channel id (`channel--<uuid>`). */
  readonly channel?: string | undefined;
  readonly mediaTypes: readonly string[];
  readonly createdAt: string;
}

/** One object version handed to the store, already validated. */
export interface NewStixObject {
  readonly id: string;
  readonly type: string;
  readonly specVersion: string;
  /**
   * The version key: fixed-width timestamp text that sorts in time order (from `modified`, else
   * `created`). Undefined for objects with neither: the store then uses their date_added.
   */
  readonly version: string | undefined;
  readonly revoked: boolean;
  /** The object as JSON text, served as is. */
  readonly body: string;
}

/** What happened to one object of an `addObjects` batch, in input order. */
export type AddOutcome =
  | { readonly kind: 'added'; readonly version: string; readonly addedUs: number; readonly seq: number }
  | { readonly kind: 'duplicate'; readonly version: string };

/** A position in a collection's date_added order: paging resumes strictly after it. */
export interface ObjectCursor {
  readonly addedUs: number;
  readonly seq: number;
}

/** Which versions of each id a query returns (TAXII 2.1 §3.4.2 match[version]); any that match. */
export interface VersionMatch {
  readonly first?: boolean;
  readonly last?: boolean;
  readonly all?: boolean;
  /** Exact version keys. */
  readonly at?: readonly string[];
}

export interface ObjectQuery {
  /** Only objects added strictly after this time. */
  readonly addedAfterUs?: number | undefined;
  /** Resume after this position (the `next` of a previous page). */
  readonly after?: ObjectCursor | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly types?: readonly string[] | undefined;
  readonly specVersions?: readonly string[] | undefined;
  /** Defaults to `{ last: true }`. */
  readonly versions?: VersionMatch | undefined;
  readonly excludeRevoked?: boolean | undefined;
  /** 1 ≤ limit; the page holds at most this many. */
  readonly limit: number;
  /** False for manifests and version lists, which need no bodies. */
  readonly bodies: boolean;
}

export interface StoredObject {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly specVersion: string;
  readonly version: string;
  readonly addedUs: number;
  readonly revoked: boolean;
  /** Present when the query asked for bodies. */
  readonly body?: string | undefined;
}

export interface ObjectPage {
  readonly objects: StoredObject[];
  /** True when more objects match after the last one returned. */
  readonly more: boolean;
}

export interface StatusRecord {
  readonly id: string;
  /** The TAXII status resource as JSON text. */
  readonly body: string;
  readonly createdAt: string;
}

export interface TaxiiUserRecord {
  readonly name: string;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>`, or undefined for a token-only user. */
  readonly passwordHash?: string | undefined;
  readonly createdAt: string;
}

/** A right on one collection id, or on every collection (`*`). */
export interface TaxiiRight {
  readonly user: string;
  readonly collection: string;
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

/**
 * Persistence for STIX objects and TAXII. Every method is one transaction.
 */
export interface ObjectStore {
  /** Inserts a collection, or updates title, description, alias and media types of an existing id. */
  putCollection(c: CollectionRecord): Promise<void>;
  /** By id or alias. */
  getCollection(idOrAlias: string): Promise<CollectionRecord | undefined>;
  getChannelCollection(channel: string): Promise<CollectionRecord | undefined>;
  listCollections(): Promise<CollectionRecord[]>;

  /**
   * Adds object versions to a collection atomically. Each new version gets a date_added strictly
   * greater than every earlier one in the collection and ≥ `nowUs` (so that paging by date_added
   * is stable even when clocks of several processes disagree); a version already stored (same id
   * and version) is reported as `duplicate` and not changed. Throws ObjectStoreError COLLECTION_NOT_FOUND.
   */
  addObjects(collectionId: string, objects: readonly NewStixObject[], nowUs: number): Promise<AddOutcome[]>;

  /** One page of a collection in date_added order. */
  queryObjects(collectionId: string, q: ObjectQuery): Promise<ObjectPage>;

  /**
   * Deletes the versions of `id` that `versions` (default: all) and `specVersions` select; the
   * remaining versions' first/last marks are recomputed. Returns how many were deleted.
   */
  deleteObject(
    collectionId: string,
    id: string,
    versions?: VersionMatch,
    specVersions?: readonly string[],
  ): Promise<number>;

  /** Objects in the collection (every version). */
  countObjects(collectionId: string): Promise<number>;

  putStatus(s: StatusRecord): Promise<void>;
  getStatus(id: string): Promise<StatusRecord | undefined>;

  /** Inserts or replaces a user (password hash only changes when given). */
  putTaxiiUser(u: TaxiiUserRecord): Promise<void>;
  getTaxiiUser(name: string): Promise<TaxiiUserRecord | undefined>;
  listTaxiiUsers(): Promise<TaxiiUserRecord[]>;
  /** Removes the user, its tokens and rights; returns whether it existed. */
  deleteTaxiiUser(name: string): Promise<boolean>;
  /** Stores a token by its hash (hex); the token itself is never stored. */
  putTaxiiToken(tokenHash: string, user: string, label: string, createdAt: string): Promise<void>;
  /** The user a token hash belongs to. */
  getTaxiiTokenUser(tokenHash: string): Promise<string | undefined>;
  setTaxiiRight(r: TaxiiRight): Promise<void>;
  listTaxiiRights(user: string): Promise<TaxiiRight[]>;
}
