/** Defaults and checks for the aggregate's parameters; every value is Parley's, documented in docs/threat-level.md. */
import { ValidationError } from '../errors.js';
import { checkLevelBands, DEFAULT_LEVEL_BANDS } from './levels.js';
import type { AggregateConfig } from './aggregate.types.js';

export const DAY_MS = 86_400_000;

/** A week: an incident weighs half after 7 days, an eighth after 3 weeks. */
export const DEFAULT_HALF_LIFE_MS = 7 * DAY_MS;

export const DEFAULT_AGGREGATE_CONFIG: AggregateConfig = Object.freeze({
  halfLifeMs: DEFAULT_HALF_LIFE_MS,
  correlation: Object.freeze({ maxShare: 0.5, scale: 100, designatedWeight: 1 }),
  bands: DEFAULT_LEVEL_BANDS,
});

export const CORRELATION_RULE =
  'per sector: boost = maxShare·(100 − peak)·(1 − exp(−excess/scale)), where peak is the largest decayed ' +
  'incident score and excess is the decayed mass Σ score·decay·(1 + designatedWeight·[designated]) of the ' +
  'other incidents; the scope takes its highest sector; incidents without a sector do not correlate';

/**
 * Fills a partial config with defaults and checks it.
 * Throws ValidationError CONFIG_INVALID listing every bad value.
 */
export function createAggregateConfig(
  partial: {
    halfLifeMs?: number;
    correlation?: Partial<AggregateConfig['correlation']>;
    bands?: AggregateConfig['bands'];
  } = {},
): AggregateConfig {
  const d = DEFAULT_AGGREGATE_CONFIG;
  const cfg: AggregateConfig = {
    halfLifeMs: partial.halfLifeMs ?? d.halfLifeMs,
    correlation: { ...d.correlation, ...partial.correlation },
    bands: partial.bands ?? d.bands,
  };
  const problems: string[] = [];
  const c = cfg.correlation;
  if (!(Number.isFinite(cfg.halfLifeMs) && cfg.halfLifeMs > 0))
    problems.push(`halfLifeMs: expected > 0, got ${cfg.halfLifeMs}`);
  if (!(c.maxShare >= 0 && c.maxShare <= 1))
    problems.push(`correlation.maxShare: expected in [0, 1], got ${c.maxShare}`);
  if (!(Number.isFinite(c.scale) && c.scale > 0))
    problems.push(`correlation.scale: expected > 0, got ${c.scale}`);
  if (!(Number.isFinite(c.designatedWeight) && c.designatedWeight >= 0)) {
    problems.push(`correlation.designatedWeight: expected >= 0, got ${c.designatedWeight}`);
  }
  problems.push(...checkLevelBands(cfg.bands));
  if (problems.length > 0) {
    throw new ValidationError('CONFIG_INVALID', `invalid aggregate config: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return Object.freeze(cfg);
}
