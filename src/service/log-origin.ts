import type { LogKey } from '../store/index.js';

/**
 * The C2SP checkpoint origin of a log. Unique per (channel, author) and free of spaces and '+',
 * as the tlog-checkpoint spec asks of origins.
 */
export function logOrigin(log: LogKey): string {
  return `parley/${log.channel}/${log.author}`;
}

/** Key name used in signed notes: the party id (no spaces, no '+'). */
export function noteKeyName(partyId: string): string {
  return partyId;
}
