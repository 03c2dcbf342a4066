import { useState } from 'react';
import { ApiView, ProblemMessage, Unavailable } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useChannels, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useLogs } from '../../features/logs/api/get-logs';
import { LogsTable } from '../../features/logs/components/logs-table';
import { reverify, useEvidenceStatements, useLogProofs } from '../../features/verification/api/proofs-api';
import { EvidenceList } from '../../features/verification/components/evidence-list';
import { LogProofsList } from '../../features/verification/components/log-proofs';
import { RerunResult } from '../../features/verification/components/rerun-result';
import { ApiError, isNotImplemented, type ProblemView } from '../../lib/api/problem';
import type { VerifyReport } from '../../lib/api/types';
import { useI18n } from '../../lib/i18n/i18n';

type Rerun =
  | { s: 'idle' }
  | { s: 'busy' }
  | { s: 'done'; r: VerifyReport }
  | { s: 'unavailable' }
  | { s: 'error'; p: ProblemView };

export function VerificationPage() {
  const { t } = useI18n();
  const logs = useLogs();
  const proofs = useLogProofs();
  const evidence = useEvidenceStatements();
  const contacts = useContacts();
  const channels = useChannels();
  const [rerun, setRerun] = useState<Rerun>({ s: 'idle' });
  // Ids stay visible (in the title) when the directory cannot name a party.
  const nameOf = (id: string): string =>
    (contacts.status === 'ok' ? contacts.data.contacts.find((c) => c.party === id)?.name : undefined) ?? id;
  const channelName = (id: string): string =>
    (channels.status === 'ok' ? channels.data.channels.find((c) => c.id === id)?.name : undefined) ?? id;
  const run = async (): Promise<void> => {
    setRerun({ s: 'busy' });
    try {
      const r = await reverify();
      setRerun({ s: 'done', r });
      // The proof rows are the node's checks of now: read them again with the full re-read.
      proofs.reload();
      evidence.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setRerun(isNotImplemented(e.problem) ? { s: 'unavailable' } : { s: 'error', p: e.problem });
    }
  };
  return (
    <div className="grid">
      <Panel title={t('verification.rerun.title')} wide>
        <p>{t('proofs.intro')}</p>
        <button type="button" onClick={() => void run()} disabled={rerun.s === 'busy'}>
          {t('verification.rerun')}
        </button>
        <div aria-live="polite">
          {rerun.s === 'busy' ? <p className="muted">{t('proofs.busy')}</p> : null}
          {rerun.s === 'unavailable' ? <Unavailable endpoint="POST /api/v1/verify" /> : null}
          {rerun.s === 'error' ? <ProblemMessage problem={rerun.p} /> : null}
          {rerun.s === 'done' ? <RerunResult r={rerun.r} nameOf={nameOf} /> : null}
        </div>
      </Panel>
      <Panel title={t('proofs.title')} wide>
        <ApiView state={proofs}>
          {(d) => <LogProofsList logs={d.logs} nameOf={nameOf} channelName={channelName} />}
        </ApiView>
      </Panel>
      <Panel title={t('verification.evidence')} wide>
        <ApiView state={evidence}>{(d) => <EvidenceList evidence={d.evidence} nameOf={nameOf} />}</ApiView>
      </Panel>
      <Panel title={t('verification.logs')} wide>
        <ApiView state={logs}>{(d) => <LogsTable logs={d.logs} />}</ApiView>
      </Panel>
    </div>
  );
}
