import { DEFAULT_FEDERATION_LIMITS } from '../http/plugins/federation-limits.js';

/**
 * The federation rate limits as configuration keys (`federation.*` in parley.json, PARLEY_FEDERATION_*
 * in the environment). Each is a token bucket: `…Burst` requests may arrive at once, then
 * `…RatePerSecond` more per second. The address limit counts every federation request before its
 * signature is checked; the party limit counts only requests whose signature verified.
 */

/** Slowest refill accepted: one request per 1000 s. Anything slower reads as a typo. */
export const MIN_FEDERATION_RATE_PER_SECOND = 0.001;
/** Highest rate or burst accepted: above this the limit is off in all but name. */
export const MAX_FEDERATION_LIMIT = 1_000_000;

/** PARLEY_* variable → config key. Rates may be decimal (0.5 = one request every 2 s); bursts are whole. */
export const FEDERATION_ENV_KEYS = {
  PARLEY_FEDERATION_IP_RATE_PER_S: { key: 'federation.ipRatePerSecond', type: 'number' },
  PARLEY_FEDERATION_IP_BURST: { key: 'federation.ipBurst', type: 'integer' },
  PARLEY_FEDERATION_PARTY_RATE_PER_S: { key: 'federation.partyRatePerSecond', type: 'number' },
  PARLEY_FEDERATION_PARTY_BURST: { key: 'federation.partyBurst', type: 'integer' },
} as const;

const rate = {
  type: 'number',
  minimum: MIN_FEDERATION_RATE_PER_SECOND,
  maximum: MAX_FEDERATION_LIMIT,
} as const;
// A burst below 1 refuses every request; a fractional one has no meaning for whole requests.
const burst = { type: 'integer', minimum: 1, maximum: MAX_FEDERATION_LIMIT } as const;

/** The `federation` part of the config schema. */
export const FEDERATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ipRatePerSecond: rate,
    ipBurst: burst,
    partyRatePerSecond: rate,
    partyBurst: burst,
  },
} as const;

/** The defaults the HTTP layer uses, so that `config show` prints the limits in force. */
export const FEDERATION_DEFAULTS = { ...DEFAULT_FEDERATION_LIMITS };

/** Parses a decimal environment value such as `200` or `0.5`; undefined when it is not one. */
export function parseDecimal(raw: string): number | undefined {
  return /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
}
