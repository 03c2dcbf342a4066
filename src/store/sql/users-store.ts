import type {
  AuditRecord,
  NewAuditRecord,
  SessionRecord,
  UserChange,
  UserRecord,
  UserRole,
  UserStore,
  UserUpdate,
} from '../users.types.js';
import {
  asNumber,
  asOptString,
  asString,
  sql,
  type SqlCall,
  type SqlExecutor,
  type SqlRow,
} from './sql-executor.js';

const userOf = (r: SqlRow): UserRecord => ({
  id: asString(r.id),
  username: asString(r.username),
  role: asString(r.role) as UserRole,
  passwordHash: asString(r.password_hash),
  createdAt: asString(r.created_at),
  disabledAt: asOptString(r.disabled_at),
});

const sessionOf = (r: SqlRow): SessionRecord => ({
  idHash: asString(r.id_hash),
  userId: asString(r.user_id),
  csrf: asString(r.csrf),
  createdAt: asString(r.created_at),
  expiresAt: asString(r.expires_at),
  lastSeenAt: asString(r.last_seen_at),
});

const auditOf = (r: SqlRow): AuditRecord => ({
  id: asNumber(r.id),
  at: asString(r.at),
  actor: asString(r.actor),
  action: asString(r.action),
  subject: asString(r.subject),
  detail: asOptString(r.detail),
});

const USER_COLS = 'id, username, role, password_hash, created_at, disabled_at';

/** Accounts, sessions, login throttling and audit, in the SQL SQLite and PostgreSQL share. */
export class SqlUserStore implements UserStore {
  constructor(private readonly q: SqlExecutor) {}

  async createUser(u: UserRecord): Promise<boolean> {
    const n = await this.q.run(
      `INSERT INTO users (${USER_COLS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [u.id, u.username, u.role, u.passwordHash, u.createdAt, u.disabledAt ?? null],
    );
    return n === 1;
  }

  async getUserById(id: string): Promise<UserRecord | undefined> {
    const [r] = await this.q.all(`SELECT ${USER_COLS} FROM users WHERE id = ?`, [id]);
    return r ? userOf(r) : undefined;
  }

  async getUserByName(username: string): Promise<UserRecord | undefined> {
    const [r] = await this.q.all(`SELECT ${USER_COLS} FROM users WHERE username = ?`, [username]);
    return r ? userOf(r) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.q.all(`SELECT ${USER_COLS} FROM users ORDER BY username`)).map(userOf);
  }

  async countUsers(): Promise<number> {
    const [r] = await this.q.all('SELECT COUNT(*) AS n FROM users');
    return asNumber(r?.n ?? 0);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.q.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id]);
  }

  updateUser(id: string, change: UserChange): Promise<UserUpdate> {
    // SQLite runs the body synchronously in one transaction, so nothing slips in between; on
    // PostgreSQL the row locks do that job (admins first, then the account, always in that order).
    const lock = this.q.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return this.q.tx(function* (): Generator<SqlCall, UserUpdate, unknown> {
      const admins = (yield sql.all(
        `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id${lock}`,
      )) as SqlRow[];
      const [row] = (yield sql.all(`SELECT ${USER_COLS} FROM users WHERE id = ?${lock}`, [id])) as SqlRow[];
      if (!row) return { kind: 'not-found' };
      const before = userOf(row);
      const after: UserRecord = {
        ...before,
        role: change.role ?? before.role,
        // Disabling a disabled account keeps the time it was first disabled.
        disabledAt:
          change.disabledAt === undefined || (change.disabledAt !== null && before.disabledAt !== undefined)
            ? before.disabledAt
            : (change.disabledAt ?? undefined),
      };
      const wasAdmin = admins.some((a) => a.id === id);
      const staysAdmin = after.role === 'admin' && after.disabledAt === undefined;
      if (wasAdmin && !staysAdmin && admins.length <= 1) return { kind: 'last-admin', before };
      yield sql.run('UPDATE users SET role = ?, disabled_at = ? WHERE id = ?', [
        after.role,
        after.disabledAt ?? null,
        id,
      ]);
      return { kind: 'updated', before, after };
    });
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.q.run(
      'INSERT INTO user_sessions (id_hash, user_id, csrf, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
      [s.idHash, s.userId, s.csrf, s.createdAt, s.expiresAt, s.lastSeenAt],
    );
  }

  async getSession(idHash: string): Promise<SessionRecord | undefined> {
    const [r] = await this.q.all('SELECT * FROM user_sessions WHERE id_hash = ?', [idHash]);
    return r ? sessionOf(r) : undefined;
  }

  async touchSession(idHash: string, lastSeenAt: string): Promise<void> {
    await this.q.run('UPDATE user_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?', [
      lastSeenAt,
      idHash,
      lastSeenAt,
    ]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.q.run('DELETE FROM user_sessions WHERE id_hash = ?', [idHash]);
  }

  async deleteSessionsOf(userId: string): Promise<number> {
    return this.q.run('DELETE FROM user_sessions WHERE user_id = ?', [userId]);
  }

  async deleteExpiredSessions(now: string, idleBefore: string): Promise<number> {
    return this.q.run('DELETE FROM user_sessions WHERE expires_at < ? OR last_seen_at < ?', [
      now,
      idleBefore,
    ]);
  }

  async recordLoginFailure(key: string, now: string, windowStartAfter: string): Promise<number> {
    // One statement, so that concurrent failures on either engine never lose a count.
    const [r] = await this.q.all(
      `INSERT INTO login_failures (key, count, window_start) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN login_failures.window_start < ? THEN 1 ELSE login_failures.count + 1 END,
         window_start = CASE WHEN login_failures.window_start < ? THEN excluded.window_start ELSE login_failures.window_start END
       RETURNING count`,
      [key, now, windowStartAfter, windowStartAfter],
    );
    return asNumber(r?.count);
  }

  async loginFailures(
    key: string,
    windowStartAfter: string,
  ): Promise<{ count: number; windowStart: string } | undefined> {
    const [r] = await this.q.all(
      'SELECT count, window_start FROM login_failures WHERE key = ? AND window_start >= ?',
      [key, windowStartAfter],
    );
    return r ? { count: asNumber(r.count), windowStart: asString(r.window_start) } : undefined;
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.q.run('DELETE FROM login_failures WHERE key = ?', [key]);
  }

  async appendAudit(a: NewAuditRecord): Promise<AuditRecord> {
    const [r] = await this.q.all(
      'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?) RETURNING id',
      [a.at, a.actor, a.action, a.subject, a.detail ?? null],
    );
    return { ...a, id: asNumber(r?.id) };
  }

  async listAudit(limit: number, before?: number): Promise<AuditRecord[]> {
    const rows =
      before === undefined
        ? await this.q.all('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit])
        : await this.q.all('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?', [before, limit]);
    return rows.map(auditOf);
  }
}
