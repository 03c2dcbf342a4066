import type { AuditRecord, UserStore } from '../../store/users.types.js';
import type { Clock } from '../ports.js';

/**
 * Records who did a state-changing action. Every use case that changes state calls it once,
 * after the change committed: `audit(actor, 'channel.send', channelId)`. `detail` is optional
 * context as JSON (never secrets, never PSI inputs).
 */
export type Audit = (
  actor: string,
  action: string,
  subject: string,
  detail?: Record<string, unknown>,
) => Promise<AuditRecord>;

/** An `audit` function over a store's users sub-store and the node's clock. */
export function createAudit(store: { readonly users: UserStore }, clock: Clock): Audit {
  return (actor, action, subject, detail) =>
    store.users.appendAudit({
      at: clock.now().toISOString(),
      actor,
      action,
      subject,
      detail: detail === undefined ? undefined : JSON.stringify(detail),
    });
}
