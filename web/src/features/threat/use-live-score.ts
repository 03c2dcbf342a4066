import { useEffect, useState } from 'react';
import { ApiError, isNotImplemented, type ProblemView } from '../../lib/api/problem';
import { scorePreview } from './api/threat-api';
import type { IncidentScoreView, ScoreFacts, ScoreInputs } from './api/types';

export type LiveScore =
  | { s: 'idle' }
  | { s: 'busy'; last?: IncidentScoreView }
  | { s: 'ok'; score: IncidentScoreView }
  | { s: 'unavailable' }
  | { s: 'error'; p: ProblemView };

/**
 * The node's score of the answers as they are typed (POST /api/v1/threat/score). Debounced so a
 * burst of changes costs one request; an older answer never overwrites a newer one.
 */
export function useLiveScore(inputs: ScoreInputs, facts: ScoreFacts, enabled: boolean): LiveScore {
  const [state, setState] = useState<LiveScore>({ s: 'idle' });
  const key = JSON.stringify([inputs, facts]);
  useEffect(() => {
    if (!enabled) return;
    const ac = new AbortController();
    setState((prev) => ({
      s: 'busy',
      ...(prev.s === 'ok' ? { last: prev.score } : prev.s === 'busy' && prev.last ? { last: prev.last } : {}),
    }));
    const timer = setTimeout(() => {
      const [i, f] = JSON.parse(key) as [ScoreInputs, ScoreFacts];
      scorePreview(i, f, ac.signal).then(
        (score) => setState({ s: 'ok', score }),
        (e: unknown) => {
          if (ac.signal.aborted) return;
          if (e instanceof ApiError)
            setState(isNotImplemented(e.problem) ? { s: 'unavailable' } : { s: 'error', p: e.problem });
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [key, enabled]);
  return state;
}
