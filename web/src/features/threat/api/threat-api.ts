/** The scoring endpoints the report form and the incident page use (docs/ui.md). */
import { post, seg } from '../../../lib/api/client';
import { useApi } from '../../../lib/use-api';
import type { IncidentScoreView, NotificationView, ScoreFacts, ScoreInputs, ScoreModelView } from './types';

export const useScoreModel = () => useApi<ScoreModelView>('/api/v1/threat/model');
export const useNotification = (hash: string) =>
  useApi<NotificationView>(`/api/v1/threat/notifications/${seg(hash)}`);

/** POST /api/v1/threat/score: the node's model applied to answers being typed; nothing is stored. */
export const scorePreview = (inputs: ScoreInputs, facts: ScoreFacts, signal?: AbortSignal) =>
  post<IncidentScoreView>('/api/v1/threat/score', { inputs, facts }, signal ? { signal } : {});
