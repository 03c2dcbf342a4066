import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { get, onUnauthorised, post, setCsrfToken } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { Session, User, UserRole } from '../../lib/api/types';

const RANK: Record<UserRole, number> = { viewer: 0, analyst: 1, admin: 2 };

export function hasRole(user: User | undefined, role: UserRole): boolean {
  return !!user && RANK[user.role] >= RANK[role];
}

type AuthState =
  { status: 'checking' } | { status: 'signed-out'; reason?: 'expired' } | { status: 'signed-in'; user: User };

interface Auth {
  readonly state: AuthState;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reads the signed-in user again (after an administrator changed this account). */
  refresh(): Promise<void>;
}

const Ctx = createContext<Auth | undefined>(undefined);

/** GET /api/v1/auth/me on start; POST /api/v1/auth/login and /logout. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  useEffect(() => {
    get<Session>('/api/v1/auth/me', { quiet401: true }).then(
      (s) => {
        setCsrfToken(s.csrf_token);
        setState({ status: 'signed-in', user: s.user });
      },
      () => setState({ status: 'signed-out' }),
    );
    return onUnauthorised(() => {
      setCsrfToken(undefined);
      setState({ status: 'signed-out', reason: 'expired' });
    });
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    // A CSRF cookie is needed first (double-submit); any /api answer sets one.
    if (!document.cookie.includes('parley_csrf='))
      await get('/api/v1/auth/me', { quiet401: true }).catch(() => undefined);
    const s = await post<Session>('/api/v1/auth/login', { username, password }, { quiet401: true });
    setCsrfToken(s.csrf_token);
    setState({ status: 'signed-in', user: s.user });
  }, []);
  const logout = useCallback(async () => {
    await post('/api/v1/auth/logout', {}).catch((e: unknown) => {
      if (!(e instanceof ApiError)) throw e;
    });
    setCsrfToken(undefined);
    setState({ status: 'signed-out' });
  }, []);
  const refresh = useCallback(async () => {
    const s = await get<Session>('/api/v1/auth/me');
    setCsrfToken(s.csrf_token);
    setState({ status: 'signed-in', user: s.user });
  }, []);
  return <Ctx.Provider value={{ state, login, logout, refresh }}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user (pages below the shell only). */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('no user');
  return state.user;
}
