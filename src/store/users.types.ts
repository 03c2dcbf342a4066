/**
 * Local accounts of the node's UI, their sessions, login throttling and the audit trail of
 * state-changing actions. One sub-store of `Store` (`store.users`), written once in the SQL both
 * engines share (src/store/sql/users-store.ts) and tested on both.
 */

/** Roles, weakest first: a viewer reads; an analyst also speaks in channels; an admin also manages users and settings. */
export const USER_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserRecord {
  /** A random UUID, fixed for the account's life. */
  readonly id: string;
  /** Normalised (NFKC, lower case); unique. */
  readonly username: string;
  readonly role: UserRole;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` — never leaves the service layer. */
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly disabledAt: string | undefined;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  readonly idHash: string;
  readonly userId: string;
  /** The CSRF token bound to this session (double-submit: cookie + header must both equal it). */
  readonly csrf: string;
  readonly createdAt: string;
  /** Absolute expiry (RFC 3339). */
  readonly expiresAt: string;
  /** Last request seen; idle expiry counts from here. */
  readonly lastSeenAt: string;
}

export interface AuditRecord {
  readonly id: number;
  /** RFC 3339, the node's clock. */
  readonly at: string;
  /** Who acted: a username, or `system` / `cli:<user>` for actions outside the UI. */
  readonly actor: string;
  /** Dotted verb, e.g. `user.create`, `auth.login`, `channel.send`. */
  readonly action: string;
  /** What was acted on (an id, a username, a channel). */
  readonly subject: string;
  /** Optional JSON text with more context (never secrets). */
  readonly detail: string | undefined;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/** What `updateUser` may change: a field left out stays as it is; `disabledAt: null` enables again. */
export interface UserChange {
  readonly role?: UserRole;
  readonly disabledAt?: string | null;
}

/** The outcome of `updateUser`: the account before and after, or why nothing changed. */
export type UserUpdate =
  | { readonly kind: 'updated'; readonly before: UserRecord; readonly after: UserRecord }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'last-admin'; readonly before: UserRecord };

export interface UserStore {
  /** Inserts an account; returns false (and changes nothing) when the username is taken. */
  createUser(user: UserRecord): Promise<boolean>;
  getUserById(id: string): Promise<UserRecord | undefined>;
  getUserByName(username: string): Promise<UserRecord | undefined>;
  /** Accounts in username order. */
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /**
   * Changes an account's role or disabled time, unless that would leave no enabled administrator
   * (`last-admin`, nothing written). One transaction; on PostgreSQL the enabled administrators'
   * rows are locked first, in id order, so that two concurrent demotions cannot both pass.
   */
  updateUser(id: string, change: UserChange): Promise<UserUpdate>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes every session of a user (password change, disabling). */
  deleteSessionsOf(userId: string): Promise<number>;
  /** Removes sessions whose absolute expiry is before `now`, or idle since before `idleBefore`. */
  deleteExpiredSessions(now: string, idleBefore: string): Promise<number>;

  /**
   * Counts one failed login under `key` (e.g. `ip:127.0.0.1`, `user:alice`) in a fixed window:
   * a window that started before `windowStartAfter` is restarted at `now`. Returns the count in
   * the current window, this failure included. Atomic on both engines.
   */
  recordLoginFailure(key: string, now: string, windowStartAfter: string): Promise<number>;
  /** Failures counted under `key` in a window that started at or after `windowStartAfter`. */
  loginFailures(
    key: string,
    windowStartAfter: string,
  ): Promise<{ count: number; windowStart: string } | undefined>;
  clearLoginFailures(key: string): Promise<void>;

  appendAudit(record: NewAuditRecord): Promise<AuditRecord>;
  /** Newest first; `before` (an id) pages backwards. */
  listAudit(limit: number, before?: number): Promise<AuditRecord[]>;
}
