import type { Checkpoint, LogHead } from '../../../lib/api/types';
import { seg } from '../../../lib/api/client';
import { useLiveVersion } from '../../../lib/live/live-changes';
import { useApi } from '../../../lib/use-api';

/** GET /v1/logs: every log the node holds (reloads when the node reports a change). */
export const useLogs = () => useApi<{ logs: LogHead[] }>('/v1/logs', useLiveVersion());

/** GET /v1/logs/{channel}/{author}/checkpoints?limit=: largest first. */
export const useCheckpoints = (log: { channel: string; author: string } | undefined, limit = 10) =>
  useApi<{ checkpoints: Checkpoint[] }>(
    log ? `/v1/logs/${seg(log.channel)}/${seg(log.author)}/checkpoints?limit=${limit}` : undefined,
  );
