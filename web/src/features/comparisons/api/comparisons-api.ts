/**
 * /api/v1/comparisons (docs/psi.md): private list comparisons. The list goes to this party's own
 * node as text; the node blinds it and only blinded values reach the other side.
 */
import { post, seg } from '../../../lib/api/client';
import type { ComparisonResult, ComparisonStatus } from '../../../lib/api/types';
import { useApi } from '../../../lib/use-api';

export type ListKind = ComparisonStatus['kind'];
export type CompareMode = ComparisonStatus['mode'];
export type ListFormat = 'csv' | 'json';

export const KINDS: readonly ListKind[] = ['persons', 'indicators'];
export const MODES: readonly CompareMode[] = ['both', 'one-sided', 'cardinality'];
/** States in which something may still change, so the page keeps polling. */
export const LIVE_STATES: ReadonlySet<ComparisonStatus['state']> = new Set([
  'offered',
  'awaiting-acceptance',
  'running',
]);

/** The node's own rule (service/psi guessFormat): a file name first, else the first character. */
export function guessFormat(text: string, fileName?: string): ListFormat {
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

export const useComparisons = () => useApi<{ comparisons: ComparisonStatus[] }>('/api/v1/comparisons');
export const useComparisonResult = (id: string) =>
  useApi<ComparisonResult>(`/api/v1/comparisons/${seg(id)}/result`);

export const startComparison = (b: {
  channel: string;
  kind: ListKind;
  mode: CompareMode;
  format: ListFormat;
  list: string;
}) => post<ComparisonStatus>('/api/v1/comparisons', b);

export const acceptComparison = (id: string, format: ListFormat, list: string) =>
  post<ComparisonStatus>(`/api/v1/comparisons/${seg(id)}/accept`, { format, list });

export const refuseComparison = (id: string, reason: string) =>
  post<ComparisonStatus>(`/api/v1/comparisons/${seg(id)}/refuse`, reason ? { reason } : {});

export const abortComparison = (id: string) =>
  post<ComparisonStatus>(`/api/v1/comparisons/${seg(id)}/abort`, {});
