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
 */
export function useApi<T>(path: string | undefined): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (path === undefined) return;
    const ac = new AbortController();
    if (last.current !== path) setState({ status: 'loading' });
    last.current = path;
    get<T>(path, { signal: ac.signal }).then(
      (data) => setState({ status: 'ok', data }),
      (e: unknown) => {
        if (ac.signal.aborted) return;
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
