/**
 * The Verification page's own reads (docs/ui.md): per-log proof results checked by the node, and
 * evidence with both conflicting statements. Shapes are snake_case as on the wire.
 */
import { post } from '../../../lib/api/client';
import type { Evidence, VerifyReport } from '../../../lib/api/types';
import { useApi } from '../../../lib/use-api';

export type CheckResult = {
  result: 'verified' | 'failed' | 'not-applicable';
  code?: string;
  message?: string;
};

export interface CheckpointFacts {
  size: number;
  root_hash: string;
  created_at: string;
  signers: string[];
}

/** GET /api/v1/verify/proofs → { logs: LogProofs[] } */
export interface LogProofs {
  channel: string;
  author: string;
  size: number;
  latest?: CheckpointFacts;
  previous?: CheckpointFacts;
  signature: CheckResult;
  inclusion: CheckResult & { index?: number };
  consistency: CheckResult & { from?: number; to?: number };
}

/** GET /api/v1/evidence carries both conflicting statements, base64 of their exact bytes. */
export interface EvidenceWithStatements extends Evidence {
  first?: string;
  second?: string;
}

export const useLogProofs = () => useApi<{ logs: LogProofs[] }>('/api/v1/verify/proofs');
export const useEvidenceStatements = () => useApi<{ evidence: EvidenceWithStatements[] }>('/api/v1/evidence');
/** POST /api/v1/verify → the report of re-reading every log from its bytes. */
export const reverify = () => post<VerifyReport>('/api/v1/verify', {});
