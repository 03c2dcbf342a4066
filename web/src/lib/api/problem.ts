/**
 * The one mapper from the node's RFC 9457 problem details to what the UI shows: a title, a
 * detail and the stable code (which the UI translates; see lib/i18n).
 */
export interface ProblemView {
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: string;
  readonly status: number;
}

export function problemFrom(status: number, body: unknown): ProblemView {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof b.code === 'string' ? b.code : status === 0 ? 'NETWORK' : `HTTP_${status}`;
  const title = typeof b.title === 'string' ? b.title : `HTTP ${status}`;
  const detail = typeof b.detail === 'string' ? b.detail : undefined;
  return { title, detail, code, status };
}

/**
 * True for the answer of a route the node does not have yet (the JSON API grows with the
 * dialogue and threat-level work): a 404 from the node's not-found handler, not a missing record.
 */
export function isNotImplemented(p: ProblemView): boolean {
  return (
    (p.status === 404 && p.code === 'NOT_FOUND' && (p.detail ?? '').startsWith('no route')) ||
    p.status === 501
  );
}

export class ApiError extends Error {
  constructor(readonly problem: ProblemView) {
    super(`${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'ApiError';
  }
}
