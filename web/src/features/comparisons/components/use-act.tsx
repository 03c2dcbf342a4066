import { useState } from 'react';
import { ProblemMessage } from '../../../components/api-view';
import { ApiError, type ProblemView } from '../../../lib/api/problem';

export type Act = { s: 'idle' } | { s: 'busy' } | { s: 'done' } | { s: 'error'; p: ProblemView };

/** Runs one signed act (offer, accept, refuse, abort) and keeps its outcome for the reader. */
export function useAct(onDone: () => void) {
  const [act, setAct] = useState<Act>({ s: 'idle' });
  const run = async (f: () => Promise<unknown>): Promise<void> => {
    setAct({ s: 'busy' });
    try {
      await f();
      setAct({ s: 'done' });
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setAct({ s: 'error', p: e.problem });
    }
  };
  return { act, run };
}

/** The outcome in a live region, so that a screen reader hears it. */
export function ActOutcome({ act, done }: { act: Act; done: string }) {
  return (
    <div aria-live="polite">
      {act.s === 'done' ? <p className="notice notice-ok">{done}</p> : null}
      {act.s === 'error' ? <ProblemMessage problem={act.p} /> : null}
    </div>
  );
}
