/**
 * Live updates: one poll of GET /api/v1/changes every few seconds while the tab is visible, and
 * change tokens handed to the data hooks, which reload only when their token moves (see
 * useApi's `live`). The node answers an unchanged state with 304 and no body (ETag, no-cache),
 * and does not count these polls as activity, so an open tab alone never keeps a session alive.
 * A hidden tab does not poll; it checks at once when shown again.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { get } from '../api/client';
import { ApiError, isNotImplemented } from '../api/problem';

/** How often a visible page asks whether anything changed. */
export const LIVE_POLL_MS = 5000;

export interface ChangeTokens {
  readonly version: string;
  readonly channels: Readonly<Record<string, string>>;
  readonly alarms: string;
}

/** `live`: polling; `paused`: the tab is hidden; `offline`: the last poll failed; `off`: the node has no changes endpoint. */
export type LiveState = 'live' | 'paused' | 'offline' | 'off';

interface Live {
  readonly tokens: ChangeTokens | undefined;
  readonly state: LiveState;
}

const Ctx = createContext<Live>({ tokens: undefined, state: 'off' });

export function LiveChangesProvider({ children }: { children: ReactNode }) {
  const [live, setLive] = useState<Live>({ tokens: undefined, state: 'live' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    const update = (state: LiveState, tokens?: ChangeTokens): void =>
      setLive((prev) => {
        const next = tokens && tokens.version !== prev.tokens?.version ? tokens : prev.tokens;
        return next === prev.tokens && state === prev.state ? prev : { tokens: next, state };
      });
    const poll = async (): Promise<void> => {
      timer = undefined;
      if (document.hidden) return update('paused');
      const ac = (inFlight = new AbortController());
      let state: LiveState = 'live';
      try {
        update('live', await get<ChangeTokens>('/api/v1/changes', { signal: ac.signal, background: true }));
      } catch (e) {
        if (stopped || ac.signal.aborted) return;
        state = e instanceof ApiError && isNotImplemented(e.problem) ? 'off' : 'offline';
        update(state);
      } finally {
        if (inFlight === ac) inFlight = undefined;
      }
      if (!stopped && state !== 'off') timer = setTimeout(() => void poll(), LIVE_POLL_MS);
    };
    const onVisibility = (): void => {
      if (document.hidden || inFlight) return;
      if (timer !== undefined) clearTimeout(timer);
      void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      if (timer !== undefined) clearTimeout(timer);
      inFlight?.abort();
    };
  }, []);
  return <Ctx.Provider value={live}>{children}</Ctx.Provider>;
}

/** Whether pages are being kept up to date, for the header's indicator. */
export function useLiveState(): LiveState {
  return useContext(Ctx).state;
}

/** A token that moves on any change (undefined outside the provider or before the first answer). */
export function useLiveVersion(): string | undefined {
  return useContext(Ctx).tokens?.version;
}

/** A token that moves when this channel or the alarms change (the timeline shows overdue receipts). */
export function useLiveChannel(id: string): string | undefined {
  const tokens = useContext(Ctx).tokens;
  return tokens && `${tokens.channels[id] ?? '-'}.${tokens.alarms}`;
}
