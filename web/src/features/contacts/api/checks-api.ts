import { seg } from '../../../lib/api/client';
import { useApi } from '../../../lib/use-api';

/** One communication check (GET /api/v1/contacts/checks/history), snake_case as on the wire. */
export interface CheckRow {
  hash: string;
  channel: string;
  seq: number;
  sent_at: string;
  from: string;
  to: string;
  deadline: string;
  state: 'answered' | 'awaiting' | 'no-answer';
  answered_at?: string;
  response_ms?: number;
  late?: boolean;
}

export interface CheckPage {
  checks: CheckRow[];
  /** Cursor of the next (older) page. */
  next?: string;
}

/** Checks newest first; `party` keeps those to or from it; `before` is a page's `next`. */
export const useCheckHistory = (q: { party?: string; before?: string; limit: number }) =>
  useApi<CheckPage>(
    `/api/v1/contacts/checks/history?limit=${q.limit}${q.party ? `&party=${seg(q.party)}` : ''}${
      q.before ? `&before=${seg(q.before)}` : ''
    }`,
  );
