import { readFileSync } from 'node:fs';
import {
  createAggregateConfig,
  DAY_MS,
  NCISS_DEMO_MODEL,
  parseScoreModel,
  type AggregateConfig,
  type ScoreModel,
} from '../core/score/index.js';
import type { NodeConfig } from '../service/node-config.js';

/**
 * The threat service's model and aggregate parameters from the configuration: a party's own scoring
 * model file (validated: ValidationError SCORE_MODEL_INVALID lists every problem) and the half-life.
 * The level bands are the model's. Without either key, CISA's notional demo model and a 7-day half-life.
 */
export function threatSettings(config: NodeConfig): { model?: ScoreModel; aggregate?: AggregateConfig } {
  const t = config.threat;
  if (t?.modelFile === undefined && t?.halfLifeDays === undefined) return {};
  const model =
    t.modelFile === undefined
      ? NCISS_DEMO_MODEL
      : parseScoreModel(JSON.parse(readFileSync(t.modelFile, 'utf8')) as unknown);
  const aggregate = createAggregateConfig({
    bands: model.bands,
    ...(t.halfLifeDays === undefined ? {} : { halfLifeMs: t.halfLifeDays * DAY_MS }),
  });
  return { model, aggregate };
}
