/**
 * Scores a STIX notification: the sender's answers from Parley's extension on the incident, the rest
 * derived from the other objects of the bundle.
 */
import { ValidationError } from '../errors.js';
import { computeIncidentScore, type IncidentScore } from './compute-score.js';
import type { ScoreModel } from './score-model.types.js';
import { factsFromStix } from './stix-facts.js';
import { readScoringExtension } from './stix-extension.js';

export interface StixIncidentScore extends IncidentScore {
  readonly incidentId: string;
  /** Set when the sender answered another model: its answers were not used, all were derived. */
  readonly modelMismatch?: { readonly sender: string; readonly receiver: string };
  readonly senderClaim?: { readonly score?: number; readonly level?: number };
}

/**
 * Scores the incident `incidentId` (or the only incident) among `objects`.
 * Throws ValidationError STIX_INVALID when there is no such incident or its extension is malformed,
 * SCORE_INPUT_INVALID when the sender's answers do not fit the model they name.
 */
export function scoreStixIncident(
  model: ScoreModel,
  objects: readonly unknown[],
  incidentId?: string,
): StixIncidentScore {
  const incidents = objects.filter(
    (o): o is Record<string, unknown> =>
      (o as { type?: unknown } | null)?.type === 'incident' &&
      (incidentId === undefined || (o as { id?: unknown }).id === incidentId),
  );
  if (incidents.length !== 1) {
    throw new ValidationError(
      'STIX_INVALID',
      `expected exactly 1 incident${incidentId ? ` ${incidentId}` : ''}, got ${incidents.length}`,
    );
  }
  const incident = incidents[0]!;
  const ext = readScoringExtension(incident);
  const facts = factsFromStix(objects, incident.id as string);
  const sameModel = ext !== undefined && ext.model_id === model.id && ext.model_version === model.version;
  const result = computeIncidentScore(model, sameModel ? ext.inputs : {}, facts);
  return {
    ...result,
    incidentId: incident.id as string,
    ...(ext !== undefined && !sameModel
      ? {
          modelMismatch: {
            sender: `${ext.model_id}@${ext.model_version}`,
            receiver: `${model.id}@${model.version}`,
          },
        }
      : {}),
    ...(ext?.score !== undefined || ext?.level !== undefined
      ? {
          senderClaim: {
            ...(ext.score === undefined ? {} : { score: ext.score }),
            ...(ext.level === undefined ? {} : { level: ext.level }),
          },
        }
      : {}),
  };
}
