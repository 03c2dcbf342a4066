import { ParleyError } from '../../core/errors.js';

export const USER_CODES = [
  /** The username is already taken. */
  'USER_EXISTS',
  /** A username, role or password breaks the rules (length, characters, known role). */
  'USER_INVALID',
  /** Wrong username or password (never says which). */
  'LOGIN_FAILED',
  /** Too many failed logins from this address or for this username; retry later. */
  'LOGIN_RATE_LIMITED',
  /** The request needs a signed-in session. */
  'AUTH_REQUIRED',
  /** The signed-in user's role does not allow this. */
  'ROLE_FORBIDDEN',
  /** A state-changing request without the session's CSRF token in the X-CSRF-Token header. */
  'CSRF_INVALID',
  /** No account with that id. */
  'USER_NOT_FOUND',
  /** The change would leave the node without an enabled administrator. */
  'LAST_ADMIN',
] as const;
export type UserCode = (typeof USER_CODES)[number];

/** Accounts, sessions and access. `retryAfterSeconds` is set on LOGIN_RATE_LIMITED. */
export class UserError extends ParleyError<UserCode> {
  constructor(
    code: UserCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}
