import { useState } from 'react';
import { ApiView, ProblemMessage, Unavailable } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { reverifyAll, useEvidence } from '../../features/dialogue/api/dialogue-api';
import { useLogs } from '../../features/logs/api/get-logs';
import { LogsTable } from '../../features/logs/components/logs-table';
import { ApiError, isNotImplemented, type ProblemView } from '../../lib/api/problem';
import { useI18n } from '../../lib/i18n/i18n';

type Rerun =
  | { s: 'idle' }
  | { s: 'busy' }
  | { s: 'done'; ok: boolean; text: string }
  | { s: 'unavailable' }
  | { s: 'error'; p: ProblemView };

export function VerificationPage() {
  const { t, number, dateTime } = useI18n();
  const logs = useLogs();
  const evidence = useEvidence();
  const [rerun, setRerun] = useState<Rerun>({ s: 'idle' });
  const run = async (): Promise<void> => {
    setRerun({ s: 'busy' });
    try {
      const r = await reverifyAll();
      setRerun({
        s: 'done',
        ok: r.ok,
        text: `${t('verification.rerun.counts', { logs: number(r.logs), entries: number(r.entries) })}${r.failures.length ? ` — ${r.failures.map((f) => `${f.code}: ${f.message}`).join('; ')}` : ''}`,
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setRerun(isNotImplemented(e.problem) ? { s: 'unavailable' } : { s: 'error', p: e.problem });
    }
  };
  return (
    <div className="grid">
      <Panel title={t('verification.logs')} wide>
        <ApiView state={logs}>{(d) => <LogsTable logs={d.logs} />}</ApiView>
      </Panel>
      <Panel title={t('verification.rerun.title')}>
        <button type="button" onClick={() => void run()} disabled={rerun.s === 'busy'}>
          {t('verification.rerun')}
        </button>
        <div aria-live="polite">
          {rerun.s === 'unavailable' ? <Unavailable endpoint="POST /api/v1/verify" /> : null}
          {rerun.s === 'error' ? <ProblemMessage problem={rerun.p} /> : null}
          {rerun.s === 'done' ? (
            <p className={rerun.ok ? 'vstate vstate-ok' : 'vstate vstate-bad'}>
              <strong>{rerun.ok ? t('verify.verified') : t('verify.failed')}</strong> {rerun.text}
            </p>
          ) : null}
        </div>
      </Panel>
      <Panel title={t('verification.evidence')}>
        <ApiView state={evidence}>
          {(d) =>
            d.evidence.length === 0 ? (
              <p className="vstate vstate-ok">
                <span aria-hidden="true">✓ </span>
                {t('evidence.none')}
              </p>
            ) : (
              <ul className="items">
                {d.evidence.map((e) => (
                  <li key={e.id} className="item item-overdue">
                    <strong>
                      {t('evidence.kind')}: {e.kind}
                    </strong>
                    <span className="small">
                      {t('evidence.detected')}: {dateTime(e.detected_at)} ·{' '}
                      <span className="mono">{e.author}</span>
                      {e.seq !== undefined ? ` #${e.seq}` : ''}
                    </span>
                    <span>{e.detail}</span>
                  </li>
                ))}
              </ul>
            )
          }
        </ApiView>
      </Panel>
    </div>
  );
}
