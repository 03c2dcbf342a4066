/**
 * English words for the node's derivation reasons, by code (src/core/score/score-model.types.ts
 * DERIVE_REASON_CODES; `{fact}` is filled with the value read, a sector by its name).
 */
export const reasonsEn = {
  'score.reason.from.sectors': 'derived from the victim’s sector “{fact}” by the model’s table',
  'score.reason.from.kill_chain_phases': 'derived from the kill-chain phase “{fact}” by the model’s table',
  'score.reason.from.threat_actor_types': 'derived from the threat actor type “{fact}” by the model’s table',
  'score.reason.from.attack_techniques': 'derived from the ATT&CK technique “{fact}” by the model’s table',
  'score.reason.not-supplied': 'not given',
  'score.reason.no-effect-described':
    'not given: an incident was notified, but no effect on services was described',
  'score.reason.engaged-at-least': 'not given: a notified incident has at least engaged',
  'score.reason.model-has-unknown': 'not given: the model has an “Unknown” option',
  'score.reason.data-impact-open': 'not given: an impact on data is neither confirmed nor excluded',
  'score.reason.no-extra-resources': 'not given: no sign that extra resources are needed',
  'score.reason.no-victim-sector': 'no victim sector known: left out of the score rather than guessed',
  'score.reason.victim-judgement': 'not given: the impact on the entity is the victim party’s judgement',
} as const;
