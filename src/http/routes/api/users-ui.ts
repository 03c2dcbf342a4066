import type { FastifyInstance } from 'fastify';
import type { UsersService } from '../../../service/users/index.js';
import { registerSessions, type SessionOptions } from '../../plugins/session.js';
import { registerStaticUi, type StaticUiOptions } from '../../plugins/static-ui.js';
import { authRoutes, userSchema } from './auth.js';
import { usersRoutes } from './users.js';

/**
 * Everything the browser UI needs from this layer, in one call for app.ts: sessions and CSRF on
 * /api, the auth and users routes, and the static UI at `/`.
 */
export function registerUi(
  app: FastifyInstance,
  users: UsersService,
  o: SessionOptions & StaticUiOptions = {},
): void {
  app.addSchema(userSchema);
  registerSessions(app, users, o);
  authRoutes(app, users, o);
  usersRoutes(app, users);
  registerStaticUi(app, o);
}
