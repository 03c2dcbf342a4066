import type { AuditRecord, User, UserRole } from '../../../lib/api/types';
import { patch, post, seg } from '../../../lib/api/client';
import { useApi } from '../../../lib/use-api';

/** GET /api/v1/users (admin). */
export const useUsers = (enabled: boolean) =>
  useApi<{ users: User[] }>(enabled ? '/api/v1/users' : undefined);
/** POST /api/v1/users (admin). */
export const createUser = (u: { username: string; role: UserRole; password: string }) =>
  post<User>('/api/v1/users', u);
/** PATCH /api/v1/users/{id} (admin): a new role, or disabled true/false. 409 LAST_ADMIN keeps the last administrator. */
export const updateUser = (id: string, change: { role?: UserRole; disabled?: boolean }) =>
  patch<User>(`/api/v1/users/${seg(id)}`, change);
/** GET /api/v1/audit (admin). */
export const useAudit = (enabled: boolean, limit = 50) =>
  useApi<{ records: AuditRecord[]; next_before?: number }>(
    enabled ? `/api/v1/audit?limit=${limit}` : undefined,
  );
