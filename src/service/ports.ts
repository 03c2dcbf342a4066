import type { Logger } from 'pino';

/** The node's clock: a port so that tests and deadline logic can control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type { Logger };
