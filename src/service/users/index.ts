export {
  UsersService,
  DEFAULT_USERS_OPTIONS,
  PASSWORD_MIN_LENGTH,
  isUserRole,
  normaliseUsername,
  roleAtLeast,
} from './users-service.js';
export type {
  LoginResult,
  PublicUser,
  SessionInfo,
  UsersOptions,
  UsersServiceDeps,
} from './users-service.js';
export { createAudit, type Audit } from './audit.js';
export { UserError, USER_CODES, type UserCode } from './user-error.js';
export { hashPassword, verifyPassword } from './password.js';
export { USER_ROLES, type UserRole } from '../../store/users.types.js';
