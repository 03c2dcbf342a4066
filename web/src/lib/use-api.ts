import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from './api/client';
import { ApiError, isNotImplemented, type ProblemView } from './api/problem';

export type ApiState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'unavailable'; readonly endpoint: string }
  | { readonly status: 'error'; readonly problem: ProblemView };

/**
 * Fetches a GET endpoint and tells apart: data, an endpoint the node does not have yet
 * ("unavailable"), and an error. `path` undefined waits.
 *
 * `live` is a change token (lib/live/live-changes.tsx): when it moves, the data is fetched again
 * in the background. The page keeps showing what it has meanwhile, and keeps it if that
 * background fetch fails (the next change or a reload tries again).
 */
export function useApi<T>(path: string | undefined, live?: string): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const quiet = useRef(false);
  const reload = useCallback(() => {
    quiet.current = false;
    setTick((n) => n + 1);
  }, []);
  const last = useRef<string | undefined>(undefined);
  const lastLive = useRef(live);
  useEffect(() => {
    if (live === undefined || live === lastLive.current) return;
    const first = lastLive.current === undefined;
    lastLive.current = live;
    if (first) return;
    quiet.current = true;
    setTick((n) => n + 1);
  }, [live]);
  useEffect(() => {
    if (path === undefined) return;
    const ac = new AbortController();
    const background = quiet.current && last.current === path;
    quiet.current = false;
    if (last.current !== path) setState({ status: 'loading' });
    last.current = path;
    get<T>(path, { signal: ac.signal, background }).then(
      (data) => setState({ status: 'ok', data }),
      (e: unknown) => {
        if (ac.signal.aborted || background) return;
        if (e instanceof ApiError)
          setState(
            isNotImplemented(e.problem)
              ? { status: 'unavailable', endpoint: `GET ${path.split('?')[0]}` }
              : { status: 'error', problem: e.problem },
          );
        else
          setState({
            status: 'error',
            problem: { title: String(e), detail: undefined, code: 'CLIENT', status: 0 },
          });
      },
    );
    return () => ac.abort();
  }, [path, tick]);
  return { ...state, reload };
}
