import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { USER_ROLES, type UserRecord, type UserRole, type UserStore } from '../../store/users.types.js';
import type { Clock, Logger } from '../ports.js';
import { createAudit, type Audit } from './audit.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { UserError } from './user-error.js';

/** What the edges may see of an account: never the hash. */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly disabled: boolean;
}

export interface SessionInfo {
  readonly user: PublicUser;
  /** The session's CSRF token: the UI echoes it in the X-CSRF-Token header. */
  readonly csrf: string;
  readonly expiresAt: string;
}

export interface LoginResult extends SessionInfo {
  /** The opaque session token for the cookie; only its SHA-256 is stored. */
  readonly token: string;
}

export interface UsersOptions {
  /** A session ends this long after login, whatever happens. */
  readonly sessionMaxSeconds: number;
  /** … or after this long without a request. */
  readonly sessionIdleSeconds: number;
  /** Failed logins counted per window, per client address and per username. */
  readonly loginWindowSeconds: number;
  readonly maxFailuresPerIp: number;
  readonly maxFailuresPerUser: number;
}

export const DEFAULT_USERS_OPTIONS: UsersOptions = {
  sessionMaxSeconds: 12 * 3600,
  sessionIdleSeconds: 4 * 3600,
  loginWindowSeconds: 15 * 60,
  maxFailuresPerIp: 20,
  maxFailuresPerUser: 5,
};

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 1024;
const USERNAME_RE = /^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}._-]{1,63}$/u;
/** Refresh a session's last-seen time at most this often (one write per minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

export function normaliseUsername(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

const sha256hex = (s: string): string => createHash('sha256').update(s).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');
const rank = (r: UserRole): number => USER_ROLES.indexOf(r);

/** True when `role` is at least `needed` (viewer < analyst < admin). */
export function roleAtLeast(role: UserRole, needed: UserRole): boolean {
  return rank(role) >= rank(needed);
}

export function isUserRole(s: string): s is UserRole {
  return (USER_ROLES as readonly string[]).includes(s);
}

const publicOf = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  createdAt: u.createdAt,
  disabled: u.disabledAt !== undefined,
});

export interface UsersServiceDeps {
  readonly store: { readonly users: UserStore };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly options?: Partial<UsersOptions>;
}

/** Local accounts, sessions, login throttling and the audit trail. Knows no HTTP. */
export class UsersService {
  readonly audit: Audit;
  readonly #users: UserStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #o: UsersOptions;

  constructor(deps: UsersServiceDeps) {
    this.#users = deps.store.users;
    this.#clock = deps.clock;
    this.#log = deps.logger;
    this.#o = { ...DEFAULT_USERS_OPTIONS, ...deps.options };
    this.audit = createAudit(deps.store, deps.clock);
  }

  /**
   * Creates an account. Throws UserError USER_INVALID (username, role or password) or
   * USER_EXISTS. `actor` is who asked (a username, or `cli` / `init`), recorded in the audit.
   */
  async addUser(
    input: { username: string; role: string; password: string },
    actor: string,
  ): Promise<PublicUser> {
    const username = normaliseUsername(input.username);
    if (!USERNAME_RE.test(username)) {
      throw new UserError(
        'USER_INVALID',
        `username ${JSON.stringify(input.username)} must be 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
      );
    }
    if (!isUserRole(input.role))
      throw new UserError(
        'USER_INVALID',
        `role must be one of ${USER_ROLES.join(', ')}, got ${JSON.stringify(input.role)}`,
      );
    checkPassword(input.password);
    const now = this.#clock.now().toISOString();
    const record: UserRecord = {
      id: randomUUID(),
      username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      disabledAt: undefined,
    };
    if (!(await this.#users.createUser(record)))
      throw new UserError('USER_EXISTS', `user ${username} already exists`);
    await this.audit(actor, 'user.create', username, { role: record.role });
    this.#log.info({ event: 'user.create', user: username, role: record.role, actor }, 'user created');
    return publicOf(record);
  }

  /**
   * Changes an account's role and/or disables or enables it. Disabling ends the account's
   * sessions at once; a new role applies from the account's next request. Each real change is
   * audited (`user.role` with from/to, `user.disable`, `user.enable`); asking for what already
   * holds changes nothing. Throws UserError USER_INVALID (unknown role, nothing asked),
   * USER_NOT_FOUND, or LAST_ADMIN when no enabled administrator would be left.
   */
  async updateUser(
    id: string,
    change: { role?: string; disabled?: boolean },
    actor: string,
  ): Promise<PublicUser> {
    if (change.role === undefined && change.disabled === undefined)
      throw new UserError('USER_INVALID', 'give a role or disabled to change');
    if (change.role !== undefined && !isUserRole(change.role))
      throw new UserError(
        'USER_INVALID',
        `role must be one of ${USER_ROLES.join(', ')}, got ${JSON.stringify(change.role)}`,
      );
    const r = await this.#users.updateUser(id, {
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabled !== undefined
        ? { disabledAt: change.disabled ? this.#clock.now().toISOString() : null }
        : {}),
    });
    if (r.kind === 'not-found') throw new UserError('USER_NOT_FOUND', `no user with id ${id}`);
    if (r.kind === 'last-admin') {
      this.#log.info({ event: 'user.last-admin', user: r.before.username, actor }, 'last administrator kept');
      throw new UserError(
        'LAST_ADMIN',
        `${r.before.username} is the only enabled administrator: make another account administrator first`,
      );
    }
    await this.#auditChange(r.before, r.after, actor);
    return publicOf(r.after);
  }

  async #auditChange(before: UserRecord, after: UserRecord, actor: string): Promise<void> {
    const user = after.username;
    if (before.role !== after.role) {
      await this.audit(actor, 'user.role', user, { from: before.role, to: after.role });
      this.#log.info(
        { event: 'user.role', user, from: before.role, to: after.role, actor },
        'user role changed',
      );
    }
    if (before.disabledAt === undefined && after.disabledAt !== undefined) {
      await this.#users.deleteSessionsOf(after.id);
      await this.audit(actor, 'user.disable', user);
      this.#log.info({ event: 'user.disable', user, actor }, 'user disabled');
    }
    if (before.disabledAt !== undefined && after.disabledAt === undefined) {
      await this.audit(actor, 'user.enable', user);
      this.#log.info({ event: 'user.enable', user, actor }, 'user enabled');
    }
  }

  listUsers(): Promise<PublicUser[]> {
    return this.#users.listUsers().then((us) => us.map(publicOf));
  }

  countUsers(): Promise<number> {
    return this.#users.countUsers();
  }

  listAudit(limit: number, before?: number) {
    return this.#users.listAudit(limit, before);
  }

  /**
   * Checks a password and opens a session. Throws UserError LOGIN_RATE_LIMITED (before any
   * password check) or LOGIN_FAILED (unknown user, wrong password, disabled account: one answer).
   */
  async login(input: { username: string; password: string; ip: string }): Promise<LoginResult> {
    const now = this.#clock.now();
    const nowIso = now.toISOString();
    const windowStartAfter = new Date(now.getTime() - this.#o.loginWindowSeconds * 1000).toISOString();
    const username = normaliseUsername(input.username).slice(0, 128);
    const keys = { ip: `ip:${input.ip}`, user: `user:${username}` };
    await this.#refuseIfThrottled(keys, windowStartAfter, now);

    const user = await this.#users.getUserByName(username);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabledAt !== undefined) {
      await this.#users.recordLoginFailure(keys.ip, nowIso, windowStartAfter);
      await this.#users.recordLoginFailure(keys.user, nowIso, windowStartAfter);
      // The actor of a failed login is unknown: record the address it came from.
      await this.audit(`ip:${input.ip}`, 'auth.login-failed', username || '(empty)');
      this.#log.warn({ event: 'auth.login-failed', user: username, ip: input.ip }, 'login failed');
      throw new UserError('LOGIN_FAILED', 'wrong username or password');
    }
    await this.#users.clearLoginFailures(keys.user);
    await this.sweepSessions();
    const t = token();
    const csrf = token();
    const expiresAt = new Date(now.getTime() + this.#o.sessionMaxSeconds * 1000).toISOString();
    await this.#users.createSession({
      idHash: sha256hex(t),
      userId: user.id,
      csrf,
      createdAt: nowIso,
      expiresAt,
      lastSeenAt: nowIso,
    });
    await this.audit(user.username, 'auth.login', user.username, { ip: input.ip });
    this.#log.info({ event: 'auth.login', user: user.username, ip: input.ip }, 'login');
    return { token: t, csrf, expiresAt, user: publicOf(user) };
  }

  async #refuseIfThrottled(
    keys: { ip: string; user: string },
    windowStartAfter: string,
    now: Date,
  ): Promise<void> {
    const limits: [string, number][] = [
      [keys.ip, this.#o.maxFailuresPerIp],
      [keys.user, this.#o.maxFailuresPerUser],
    ];
    for (const [key, max] of limits) {
      const f = await this.#users.loginFailures(key, windowStartAfter);
      if (f && f.count >= max) {
        const retry = Math.max(
          1,
          Math.ceil((Date.parse(f.windowStart) + this.#o.loginWindowSeconds * 1000 - now.getTime()) / 1000),
        );
        this.#log.warn(
          { event: 'auth.throttled', key: key.startsWith('ip:') ? 'ip' : 'user' },
          'login throttled',
        );
        throw new UserError('LOGIN_RATE_LIMITED', `too many failed logins; try again in ${retry} s`, retry);
      }
    }
  }

  /**
   * The session behind a token, or undefined when unknown, expired or idle too long. A request
   * counts as activity (it keeps the session from going idle) unless `activity` is false: the
   * UI's background polls for live updates pass false, so an open tab alone never keeps a
   * session alive.
   */
  async authenticate(sessionToken: string, o: { activity?: boolean } = {}): Promise<SessionInfo | undefined> {
    if (!sessionToken || sessionToken.length > 128) return undefined;
    const idHash = sha256hex(sessionToken);
    const s = await this.#users.getSession(idHash);
    if (!s) return undefined;
    const now = this.#clock.now();
    const idleLimit = now.getTime() - this.#o.sessionIdleSeconds * 1000;
    if (Date.parse(s.expiresAt) <= now.getTime() || Date.parse(s.lastSeenAt) < idleLimit) {
      await this.#users.deleteSession(idHash);
      return undefined;
    }
    const user = await this.#users.getUserById(s.userId);
    if (!user || user.disabledAt !== undefined) return undefined;
    if (o.activity !== false && now.getTime() - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS)
      await this.#users.touchSession(idHash, now.toISOString());
    return { user: publicOf(user), csrf: s.csrf, expiresAt: s.expiresAt };
  }

  /** Ends a session (idempotent). */
  async logout(sessionToken: string, actor: string): Promise<void> {
    await this.#users.deleteSession(sha256hex(sessionToken));
    await this.audit(actor, 'auth.logout', actor);
  }

  /** Drops expired and idle sessions; returns how many. Run it now and then (e.g. hourly). */
  async sweepSessions(): Promise<number> {
    const now = this.#clock.now();
    return this.#users.deleteExpiredSessions(
      now.toISOString(),
      new Date(now.getTime() - this.#o.sessionIdleSeconds * 1000).toISOString(),
    );
  }
}

function checkPassword(p: string): void {
  const n = [...p].length;
  if (n < PASSWORD_MIN_LENGTH)
    throw new UserError(
      'USER_INVALID',
      `password must have at least ${PASSWORD_MIN_LENGTH} characters, got ${n}`,
    );
  if (n > PASSWORD_MAX_LENGTH)
    throw new UserError('USER_INVALID', `password must have at most ${PASSWORD_MAX_LENGTH} characters`);
}
