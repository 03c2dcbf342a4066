/**
 * Migration 10: a partial index of the timeline's responses by the item they answer, so that an
 * item arriving after its response (the responder's log reached this node before the asker's:
 * logs of different authors arrive in any order) finds that response with one index seek.
 * Queries must name the kind as this literal: planners match a partial index by its predicate.
 */
export const RESPONSES_MIGRATION = {
  version: 10,
  name: 'timeline-responses-index',
  sql: `CREATE INDEX timeline_responses ON timeline (ref, id) WHERE kind = 'response';`,
} as const;
