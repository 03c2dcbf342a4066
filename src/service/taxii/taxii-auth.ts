/**
 * Who is calling, and what they may do: HTTP Basic (scrypt-hashed passwords) and bearer tokens
 * (stored as SHA-256), with read/write rights per collection id or alias, or `*` for all.
 * Anonymous access is off unless rights are granted to the reserved user `anonymous`.
 */
import type { CollectionRecord, ObjectStore, TaxiiRight } from '../../store/objects.types.js';
import type { Clock } from '../ports.js';
import { TaxiiError } from './taxii-error.js';
import { credentialKey, hashPassword, newToken, tokenHash, verifyPassword } from './taxii-password.js';

export const ANONYMOUS_USER = 'anonymous';
const USER_NAME_RE = /^[A-Za-z0-9._@-]{1,64}$/;
/** A verified Basic credential is trusted this long before scrypt runs again. */
const CREDENTIAL_CACHE_MS = 60_000;
const CREDENTIAL_CACHE_MAX = 1024;

export interface Principal {
  readonly name: string;
  readonly anonymous: boolean;
  readonly rights: readonly TaxiiRight[];
}

export interface Access {
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

/** A principal's rights on a collection: its id's entry, else its alias's, else `*`. Channel collections are never writable. */
export function accessTo(p: Principal, c: CollectionRecord): Access {
  const r =
    p.rights.find((x) => x.collection === c.id) ??
    (c.alias !== undefined ? p.rights.find((x) => x.collection === c.alias) : undefined) ??
    p.rights.find((x) => x.collection === '*');
  return { canRead: r?.canRead ?? false, canWrite: (r?.canWrite ?? false) && c.kind !== 'channel' };
}

function unauthorized(message: string): TaxiiError {
  return new TaxiiError('TAXII_UNAUTHORIZED', message);
}

export class TaxiiAuth {
  readonly #objects: ObjectStore;
  readonly #clock: Clock;
  readonly #cache = new Map<string, { name: string; until: number }>();

  constructor(objects: ObjectStore, clock: Clock) {
    this.#objects = objects;
    this.#clock = clock;
  }

  /** Resolves an Authorization header (or its absence) to a principal. Throws TAXII_UNAUTHORIZED. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') {
      const rights = await this.#objects.listTaxiiRights(ANONYMOUS_USER);
      if (rights.length === 0) throw unauthorized('authentication required: HTTP Basic or a bearer token');
      return { name: ANONYMOUS_USER, anonymous: true, rights };
    }
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    let name: string | undefined;
    if (/^bearer$/i.test(scheme ?? '')) name = await this.#objects.getTaxiiTokenUser(tokenHash(value));
    else if (/^basic$/i.test(scheme ?? '')) name = await this.#basic(value);
    else
      throw unauthorized(`unsupported authorization scheme ${JSON.stringify((scheme ?? '').slice(0, 20))}`);
    if (name === undefined) throw unauthorized('invalid credentials');
    return { name, anonymous: false, rights: await this.#objects.listTaxiiRights(name) };
  }

  async #basic(value: string): Promise<string | undefined> {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = credentialKey(user, password);
    const now = this.#clock.now().getTime();
    const hit = this.#cache.get(key);
    if (hit && hit.until > now) return hit.name;
    const record = await this.#objects.getTaxiiUser(user);
    if (!record?.passwordHash || !(await verifyPassword(password, record.passwordHash))) return undefined;
    if (this.#cache.size >= CREDENTIAL_CACHE_MAX) this.#cache.clear();
    this.#cache.set(key, { name: user, until: now + CREDENTIAL_CACHE_MS });
    return user;
  }

  /** Creates a user or sets its password. `anonymous` cannot have credentials. */
  async putUser(name: string, password: string | undefined): Promise<void> {
    if (!USER_NAME_RE.test(name)) throw new RangeError(`user name must match ${USER_NAME_RE.source}`);
    if (name === ANONYMOUS_USER && password !== undefined)
      throw new RangeError('the anonymous user cannot have a password');
    if (password !== undefined && password.length < 8)
      throw new RangeError('password must be at least 8 characters');
    this.#cache.clear();
    await this.#objects.putTaxiiUser({
      name,
      passwordHash: password === undefined ? undefined : await hashPassword(password),
      createdAt: this.#clock.now().toISOString(),
    });
  }

  /** Issues a bearer token for an existing user; returns it (it is shown once and stored hashed). */
  async issueToken(name: string, label: string): Promise<string> {
    if (!(await this.#objects.getTaxiiUser(name))) throw new RangeError(`no TAXII user ${name}`);
    if (name === ANONYMOUS_USER) throw new RangeError('the anonymous user cannot have tokens');
    const token = newToken();
    await this.#objects.putTaxiiToken(tokenHash(token), name, label, this.#clock.now().toISOString());
    return token;
  }

  async grant(name: string, collection: string, canRead: boolean, canWrite: boolean): Promise<void> {
    if (name !== ANONYMOUS_USER && !(await this.#objects.getTaxiiUser(name)))
      throw new RangeError(`no TAXII user ${name}`);
    await this.#objects.setTaxiiRight({ user: name, collection, canRead, canWrite });
  }

  async removeUser(name: string): Promise<boolean> {
    this.#cache.clear();
    return this.#objects.deleteTaxiiUser(name);
  }

  async listUsers(): Promise<{ name: string; hasPassword: boolean; rights: TaxiiRight[] }[]> {
    const users = await this.#objects.listTaxiiUsers();
    const out = [];
    for (const u of users)
      out.push({
        name: u.name,
        hasPassword: u.passwordHash !== undefined,
        rights: await this.#objects.listTaxiiRights(u.name),
      });
    return out;
  }
}
